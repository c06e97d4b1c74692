package io.bourse.engine.book;

/** The one reusable {@link TradeView} the engine fills for each fill. */
final class MutableTrade implements TradeView {
    long tradeId;
    int symbolId;
    long price;
    long qty;
    long quoteQty;
    long buyerOrderId;
    long sellerOrderId;
    long buyerUserId;
    long sellerUserId;
    boolean buyerIsMaker;
    long buyerFee;
    long sellerFee;
    long timeMs;

    @Override
    public long tradeId() {
        return tradeId;
    }

    @Override
    public int symbolId() {
        return symbolId;
    }

    @Override
    public long price() {
        return price;
    }

    @Override
    public long qty() {
        return qty;
    }

    @Override
    public long quoteQty() {
        return quoteQty;
    }

    @Override
    public long buyerOrderId() {
        return buyerOrderId;
    }

    @Override
    public long sellerOrderId() {
        return sellerOrderId;
    }

    @Override
    public long buyerUserId() {
        return buyerUserId;
    }

    @Override
    public long sellerUserId() {
        return sellerUserId;
    }

    @Override
    public boolean buyerIsMaker() {
        return buyerIsMaker;
    }

    @Override
    public long buyerFee() {
        return buyerFee;
    }

    @Override
    public long sellerFee() {
        return sellerFee;
    }

    @Override
    public long timeMs() {
        return timeMs;
    }
}
