package io.bourse.engine.event;

import io.bourse.engine.book.TradeView;

/** One fill: an immutable copy of a {@link TradeView}. */
public record TradeState(long tradeId, int symbolId, long price, long qty, long quoteQty, long buyerOrderId,
                         long sellerOrderId, long buyerUserId, long sellerUserId, boolean buyerIsMaker,
                         long buyerFee, long sellerFee, long timeMs) implements TradeView {

    /** The order that took liquidity in this fill. */
    public long takerOrderId() {
        return buyerIsMaker ? sellerOrderId : buyerOrderId;
    }

    public static TradeState of(TradeView t) {
        return new TradeState(t.tradeId(), t.symbolId(), t.price(), t.qty(), t.quoteQty(), t.buyerOrderId(),
                t.sellerOrderId(), t.buyerUserId(), t.sellerUserId(), t.buyerIsMaker(), t.buyerFee(),
                t.sellerFee(), t.timeMs());
    }
}
