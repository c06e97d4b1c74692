package io.bourse.engine;

import io.bourse.engine.book.OrderView;
import io.bourse.engine.book.TradeView;

import java.util.ArrayList;
import java.util.List;

/** Records what the engine says as plain records, for assertions and for comparing two engines. */
public final class EventLog implements EngineListener {

    public sealed interface Event permits Rejected, OrderEvent, TradeEvent, BalanceEvent, FundsEvent, Prevented {
    }

    public record Prevented(PreventedMatch match) implements Event {
    }

    public record Rejected(RejectReason reason) implements Event {
    }

    public record OrderEvent(long orderId, ExecType execType, OrderStatus status, long executedQty,
                             long cumQuoteQty, long leavesQty, long preventedQty) implements Event {
    }

    public record TradeEvent(long tradeId, int symbolId, long price, long qty, long quoteQty, long buyerOrderId,
                             long sellerOrderId, boolean buyerIsMaker, long buyerFee, long sellerFee,
                             OrderStatus takerStatus, OrderStatus makerStatus) implements Event {
    }

    public record BalanceEvent(long userId, int assetId, long free, long locked) implements Event {
    }

    public record FundsEvent(long userId, int assetId, long delta, FundsMovement movement, long referenceId)
            implements Event {
    }

    private final List<Event> events = new ArrayList<>();

    public List<Event> events() {
        return events;
    }

    /** Returns and forgets what was recorded so far. */
    public List<Event> drain() {
        List<Event> copy = List.copyOf(events);
        events.clear();
        return copy;
    }

    public static OrderEvent orderEvent(OrderView o, ExecType type) {
        return new OrderEvent(o.orderId(), type, o.status(), o.executedQty(), o.cumQuoteQty(), o.leavesQty(),
                o.preventedQty());
    }

    @Override
    public void onRejected(RejectReason reason) {
        events.add(new Rejected(reason));
    }

    @Override
    public void onPreventedMatch(PreventedMatch match) {
        events.add(new Prevented(match));
    }

    @Override
    public void onOrder(OrderView order, ExecType execType) {
        events.add(orderEvent(order, execType));
    }

    @Override
    public void onTrade(TradeView t, OrderView taker, OrderView maker) {
        events.add(new TradeEvent(t.tradeId(), t.symbolId(), t.price(), t.qty(), t.quoteQty(), t.buyerOrderId(),
                t.sellerOrderId(), t.buyerIsMaker(), t.buyerFee(), t.sellerFee(), taker.status(), maker.status()));
    }

    @Override
    public void onBalance(long userId, int assetId, long free, long locked) {
        events.add(new BalanceEvent(userId, assetId, free, locked));
    }

    @Override
    public void onFundsMoved(long userId, int assetId, long delta, FundsMovement movement, long referenceId) {
        events.add(new FundsEvent(userId, assetId, delta, movement, referenceId));
    }
}
