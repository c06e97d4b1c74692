package io.bourse.engine;

import io.bourse.engine.command.AmendOrder;
import io.bourse.engine.command.CancelAllOrders;
import io.bourse.engine.command.CancelOrder;
import io.bourse.engine.command.CancelReplace;
import io.bourse.engine.command.MoveOrder;
import io.bourse.engine.command.PlaceOrder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.bourse.engine.TestExchange.BTC;
import static io.bourse.engine.TestExchange.BTCUSDT;
import static io.bourse.engine.TestExchange.ETHBTC;
import static io.bourse.engine.TestExchange.USDT;
import static io.bourse.engine.TestExchange.price;
import static io.bourse.engine.TestExchange.qty;
import static org.assertj.core.api.Assertions.assertThat;

/** Cancel, cancel-replace, amend (keep priority), move and cancel-all. */
class OrderManagementTest {
    private TestExchange x;

    @BeforeEach
    void setUp() {
        x = new TestExchange();
        x.fund(1, BTC, "10");
        x.fund(2, BTC, "10");
        x.fund(3, USDT, "1000000");
    }

    @Test
    void cancelShouldReleaseTheLockAndRemoveTheOrder() {
        long id = x.limit(1, Side.SELL, "60000", "1");
        x.cancel(1, id);

        assertThat(x.status(id)).isEqualTo(OrderStatus.CANCELED);
        assertThat(x.locked(1, BTC)).isZero();
        assertThat(x.engine.books().levelCount(BTCUSDT, Side.SELL)).isZero();
    }

    @Test
    void cancelShouldRefuseUnknownOrOtherUsersOrdersWithBinancesMessage() {
        long id = x.limit(1, Side.SELL, "60000", "1");

        RejectReason r = x.apply(CancelOrder.byId(BTCUSDT, 2, id));
        assertThat(r).isEqualTo(RejectReason.UNKNOWN_ORDER);
        assertThat(r.code()).isEqualTo(-2011);
        assertThat(r.message()).isEqualTo("Unknown order sent.");
        assertThat(x.apply(CancelOrder.byId(ETHBTC, 1, id))).isEqualTo(RejectReason.UNKNOWN_ORDER);
        assertThat(x.apply(CancelOrder.byId(BTCUSDT, 1, id + 99))).isEqualTo(RejectReason.UNKNOWN_ORDER);
        assertThat(x.status(id)).isEqualTo(OrderStatus.NEW);
    }

    @Test
    void cancelRestrictionsShouldCancelOnlyOrdersInTheNamedStatus() {
        long id = x.limit(1, Side.SELL, "60000", "1");
        RejectReason r = x.apply(CancelOrder.byId(BTCUSDT, 1, id)
                .withRestriction(CancelRestriction.ONLY_PARTIALLY_FILLED));
        assertThat(r).isEqualTo(RejectReason.CANCEL_RESTRICTED);
        assertThat(r.code()).isEqualTo(-2011);
        assertThat(r.message()).isEqualTo("Order was not canceled due to cancel restrictions.");
        assertThat(x.status(id)).isEqualTo(OrderStatus.NEW);

        x.limit(3, Side.BUY, "60000", "0.4");
        assertThat(x.status(id)).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(x.apply(CancelOrder.byId(BTCUSDT, 1, id).withRestriction(CancelRestriction.ONLY_NEW)))
                .isEqualTo(RejectReason.CANCEL_RESTRICTED);
        assertThat(x.status(id)).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        x.ok(CancelOrder.byId(BTCUSDT, 1, id).withRestriction(CancelRestriction.ONLY_PARTIALLY_FILLED));
        assertThat(x.status(id)).isEqualTo(OrderStatus.CANCELED);
        assertThat(x.locked(1, BTC)).isZero();

        long fresh = x.limit(1, Side.SELL, "60001", "1");
        x.ok(CancelOrder.byId(BTCUSDT, 1, fresh).withRestriction(CancelRestriction.ONLY_NEW));
        assertThat(x.status(fresh)).isEqualTo(OrderStatus.CANCELED);
    }

    @Test
    void cancelShouldFindOrdersByClientIdAndRefuseReusedOpenIds() {
        x.place(PlaceOrder.limit(BTCUSDT, 1, Side.SELL, price("60000"), qty("1"), TimeInForce.GTC)
                .withClientOrderId("my-1"));
        assertThat(x.apply(PlaceOrder.limit(BTCUSDT, 1, Side.SELL, price("60001"), qty("1"), TimeInForce.GTC)
                .withClientOrderId("my-1"))).isEqualTo(RejectReason.DUPLICATE_ORDER);

        x.ok(new CancelOrder(BTCUSDT, 1, 0, "my-1"));
        assertThat(x.locked(1, BTC)).isZero();
        // once closed, the client id is free again
        x.ok(PlaceOrder.limit(BTCUSDT, 1, Side.SELL, price("60001"), qty("1"), TimeInForce.GTC)
                .withClientOrderId("my-1"));
    }

    @Test
    void amendShouldKeepQueuePriorityWhenReducing() {
        long first = x.limit(1, Side.SELL, "60000", "1");
        long second = x.limit(2, Side.SELL, "60000", "1");
        x.ok(AmendOrder.byId(BTCUSDT, 1, first, qty("0.4")));

        assertThat(x.orderEvents(first).getLast().execType()).isEqualTo(ExecType.REPLACED);
        assertThat(x.locked(1, BTC)).isEqualTo(qty("0.4"));
        x.limit(3, Side.BUY, "60000", "0.5");
        assertThat(x.trades()).extracting(EventLog.TradeEvent::sellerOrderId).containsExactly(first, second);
        assertThat(x.status(first)).isEqualTo(OrderStatus.FILLED);
    }

    @Test
    void amendShouldGiveTheOrderItsNewClientIdUnlessAnotherOpenOrderHasIt() {
        long first = x.place(PlaceOrder.limit(BTCUSDT, 1, Side.SELL, price("60000"), qty("1"), TimeInForce.GTC)
                .withClientOrderId("a"));
        long second = x.place(PlaceOrder.limit(BTCUSDT, 1, Side.SELL, price("60001"), qty("1"), TimeInForce.GTC)
                .withClientOrderId("b"));
        x.ok(AmendOrder.byId(BTCUSDT, 1, first, qty("0.9")).withNewClientOrderId("c"));
        assertThat(x.engine.order(first).clientOrderId()).isEqualTo("c");
        // the old id is free, the new one finds the order
        x.ok(new AmendOrder(BTCUSDT, 1, 0, "c", qty("0.8"), null));
        assertThat(x.apply(new CancelOrder(BTCUSDT, 1, 0, "a"))).isEqualTo(RejectReason.UNKNOWN_ORDER);
        // another open order's id: refused, and nothing changed
        assertThat(x.apply(AmendOrder.byId(BTCUSDT, 1, second, qty("0.5")).withNewClientOrderId("c")))
                .isEqualTo(RejectReason.DUPLICATE_ORDER);
        assertThat(x.engine.order(second).clientOrderId()).isEqualTo("b");
        assertThat(x.engine.order(second).origQty()).isEqualTo(qty("1"));
        x.ok(new CancelOrder(BTCUSDT, 1, 0, "c"));
        x.ok(AmendOrder.byId(BTCUSDT, 1, second, qty("0.5")).withNewClientOrderId("c"));
    }

    @Test
    void amendShouldRefuseIncreasesAndAmountsNotAboveTheExecutedQuantity() {
        long id = x.limit(1, Side.SELL, "60000", "1");
        x.limit(3, Side.BUY, "60000", "0.3");

        assertThat(x.apply(AmendOrder.byId(BTCUSDT, 1, id, qty("1.5")))).isEqualTo(RejectReason.AMEND_NOT_A_DECREASE);
        assertThat(x.apply(AmendOrder.byId(BTCUSDT, 1, id, qty("0.3")))).isEqualTo(RejectReason.AMEND_NOT_A_DECREASE);
        assertThat(x.apply(AmendOrder.byId(BTCUSDT, 1, id, qty("0.300001")))).isEqualTo(RejectReason.FILTER_LOT_SIZE);
        x.ok(AmendOrder.byId(BTCUSDT, 1, id, qty("0.5")));
        assertThat(x.engine.order(id).leavesQty()).isEqualTo(qty("0.2"));
    }

    @Test
    void moveShouldLoseQueuePriorityAndTradeIfItCrosses() {
        long first = x.limit(1, Side.SELL, "60000", "1");
        long second = x.limit(2, Side.SELL, "60000", "1");
        x.ok(new MoveOrder(BTCUSDT, 1, first, price("60001")));
        x.ok(new MoveOrder(BTCUSDT, 1, first, price("60000")));
        x.limit(3, Side.BUY, "60000", "1.5");

        assertThat(x.trades()).extracting(EventLog.TradeEvent::sellerOrderId).containsExactly(second, first);
        long bid = x.limit(3, Side.BUY, "59000", "1");
        x.ok(new MoveOrder(BTCUSDT, 3, bid, price("60000")));
        assertThat(x.status(bid)).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(x.locked(3, USDT)).isEqualTo(price("30000"));
    }

    @Test
    void moveShouldRefuseABuyThatCannotPayAtTheNewPrice() {
        x.fund(4, USDT, "60000");
        long bid = x.place(PlaceOrder.limit(BTCUSDT, 4, Side.BUY, price("50000"), qty("1"), TimeInForce.GTC));

        assertThat(x.apply(new MoveOrder(BTCUSDT, 4, bid, price("60001"))))
                .isEqualTo(RejectReason.INSUFFICIENT_BALANCE);
        assertThat(x.locked(4, USDT)).isEqualTo(price("50000"));
        assertThat(x.engine.order(bid).price()).isEqualTo(price("50000"));
    }

    @Test
    void cancelReplaceShouldCancelThenPlaceAndStopOnAFailedCancel() {
        long id = x.limit(1, Side.SELL, "60000", "1");
        PlaceOrder replacement = PlaceOrder.limit(BTCUSDT, 1, Side.SELL, price("61000"), qty("2"), TimeInForce.GTC);

        long newId = x.engine.books().nextOrderId();
        x.ok(new CancelReplace(CancelOrder.byId(BTCUSDT, 1, id), replacement, false));
        assertThat(x.status(id)).isEqualTo(OrderStatus.CANCELED);
        assertThat(x.status(newId)).isEqualTo(OrderStatus.NEW);
        assertThat(x.locked(1, BTC)).isEqualTo(qty("2"));

        assertThat(x.apply(new CancelReplace(CancelOrder.byId(BTCUSDT, 1, id), replacement, false)))
                .isEqualTo(RejectReason.UNKNOWN_ORDER);
        assertThat(x.engine.books().openOrderCount()).isEqualTo(1);
        // ALLOW_FAILURE places the new order even though the cancel failed
        assertThat(x.apply(new CancelReplace(CancelOrder.byId(BTCUSDT, 1, id), replacement, true)))
                .isEqualTo(RejectReason.UNKNOWN_ORDER);
        assertThat(x.engine.books().openOrderCount()).isEqualTo(2);
    }

    @Test
    void cancelAllShouldCancelEveryOpenOrderOfTheUserOnTheSymbolOnly() {
        long a = x.limit(1, Side.SELL, "60000", "1");
        long b = x.limit(1, Side.SELL, "61000", "1");
        long other = x.limit(2, Side.SELL, "60000", "1");
        x.ok(new CancelAllOrders(BTCUSDT, 1));

        assertThat(x.status(a)).isEqualTo(OrderStatus.CANCELED);
        assertThat(x.status(b)).isEqualTo(OrderStatus.CANCELED);
        assertThat(x.status(other)).isEqualTo(OrderStatus.NEW);
        assertThat(x.apply(new CancelAllOrders(BTCUSDT, 1))).isEqualTo(RejectReason.UNKNOWN_ORDER);
    }
}
