package io.bourse.engine.book;

/**
 * Read-only view of one fill, handed to listeners. Valid only during the callback (see {@link OrderView}).
 * The buyer's commission is in the base asset, the seller's in the quote asset: each pays in what it receives.
 */
public interface TradeView {
    long tradeId();

    int symbolId();

    long price();

    long qty();

    long quoteQty();

    long buyerOrderId();

    long sellerOrderId();

    long buyerUserId();

    long sellerUserId();

    boolean buyerIsMaker();

    long buyerFee();

    long sellerFee();

    long timeMs();
}
