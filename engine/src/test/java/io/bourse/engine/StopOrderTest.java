package io.bourse.engine;

import io.bourse.engine.command.PlaceOrder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.bourse.engine.TestExchange.BTC;
import static io.bourse.engine.TestExchange.BTCUSDT;
import static io.bourse.engine.TestExchange.USDT;
import static io.bourse.engine.TestExchange.price;
import static io.bourse.engine.TestExchange.qty;
import static org.assertj.core.api.Assertions.assertThat;

class StopOrderTest {
    private TestExchange x;

    @BeforeEach
    void setUp() {
        x = new TestExchange();
        x.fund(1, BTC, "10");
        x.fund(1, USDT, "1000000");
        x.fund(2, BTC, "10");
        x.fund(2, USDT, "1000000");
        x.limit(1, Side.SELL, "60000", "0.1");
        x.limit(2, Side.BUY, "60000", "0.1");   // last price 60000
        x.limit(1, Side.SELL, "61000", "5");
        x.limit(1, Side.BUY, "59000", "5");
    }

    private static PlaceOrder stop(long user, Side side, OrderType type, String stopPx, String px, String q) {
        TimeInForce tif = type == OrderType.STOP_LOSS_LIMIT || type == OrderType.TAKE_PROFIT_LIMIT
                ? TimeInForce.GTC : null;
        return new PlaceOrder(BTCUSDT, user, side, type, tif, px == null ? 0 : price(px), qty(q), 0, price(stopPx),
                0, null, null);
    }

    @Test
    void shouldRejectAStopThatWouldTriggerAtOnce() {
        RejectReason r = x.apply(stop(2, Side.SELL, OrderType.STOP_LOSS, "60500", null, "1"));

        assertThat(r).isEqualTo(RejectReason.WOULD_TRIGGER_IMMEDIATELY);
        assertThat(r.message()).isEqualTo("Order would trigger immediately.");
    }

    @Test
    void shouldWaitOffTheBookWithItsFundsLocked() {
        long id = x.place(stop(2, Side.SELL, OrderType.STOP_LOSS_LIMIT, "59500", "59400", "1"));

        assertThat(x.engine.order(id).isOnBook()).isFalse();
        assertThat(x.engine.order(id).workingTimeMs()).isEqualTo(-1);
        assertThat(x.locked(2, BTC)).isEqualTo(qty("1"));
    }

    @Test
    void shouldFireASellStopWhenThePriceFallsToIt() {
        long id = x.place(stop(2, Side.SELL, OrderType.STOP_LOSS, "59500", null, "1"));
        x.place(PlaceOrder.market(BTCUSDT, 1, Side.SELL, qty("4.9")));   // trades at 59000: below the stop

        // fired, sold into the 0.1 BTC left at 59000, and the rest expired
        assertThat(x.orderEvents(id)).extracting(EventLog.OrderEvent::execType)
                .containsExactly(ExecType.NEW, ExecType.TRIGGERED, ExecType.EXPIRED);
        assertThat(x.orderEvents(id).getLast().executedQty()).isEqualTo(qty("0.1"));
        assertThat(x.locked(2, BTC)).isZero();
    }

    @Test
    void shouldFireABuyStopLimitWhenThePriceRisesToIt() {
        long id = x.place(stop(2, Side.BUY, OrderType.STOP_LOSS_LIMIT, "60500", "61000", "1"));
        x.place(PlaceOrder.limit(BTCUSDT, 2, Side.BUY, price("61000"), qty("0.5"), TimeInForce.GTC));

        assertThat(x.status(id)).isEqualTo(OrderStatus.FILLED);
        assertThat(x.engine.books().levelQty(BTCUSDT, Side.SELL, 0)).isEqualTo(qty("3.5"));
    }

    @Test
    void shouldFireATakeProfitSellWhenThePriceRisesToIt() {
        long id = x.place(stop(2, Side.SELL, OrderType.TAKE_PROFIT_LIMIT, "61000", "60900", "1"));
        x.place(PlaceOrder.limit(BTCUSDT, 2, Side.BUY, price("61000"), qty("0.1"), TimeInForce.GTC));

        // fired at 61000, sells at 60900: rests on the ask side since no bid reaches it
        assertThat(x.status(id)).isEqualTo(OrderStatus.NEW);
        assertThat(x.engine.order(id).isOnBook()).isTrue();
        assertThat(x.engine.books().levelPrice(BTCUSDT, Side.SELL, 0)).isEqualTo(price("60900"));
    }

    @Test
    void shouldCountUntriggeredStopsAgainstMaxNumAlgoOrders() {
        for (int i = 0; i < 5; i++) {
            x.place(stop(2, Side.SELL, OrderType.STOP_LOSS, "50000", null, "0.1"));
        }
        assertThat(x.apply(stop(2, Side.SELL, OrderType.STOP_LOSS, "50000", null, "0.1")))
                .isEqualTo(RejectReason.FILTER_MAX_NUM_ALGO_ORDERS);
    }

    @Test
    void shouldTopUpAMarketBuyStopFromFreeFundsWhenItFires() {
        long id = x.place(stop(2, Side.BUY, OrderType.STOP_LOSS, "60500", null, "1"));
        assertThat(x.locked(2, USDT)).isEqualTo(price("60500"));
        x.place(PlaceOrder.limit(BTCUSDT, 2, Side.BUY, price("61000"), qty("0.1"), TimeInForce.GTC));

        // the stop locked 60500 but the market asked 61000: 500 more came from free funds
        assertThat(x.status(id)).isEqualTo(OrderStatus.FILLED);
        assertThat(x.locked(2, USDT)).isZero();
        assertThat(x.free(2, USDT)).isEqualTo(price("1000000") - price("6000") - price("6100") - price("61000"));
    }
}
