package io.bourse.engine;

import io.bourse.engine.command.AmendOrder;
import io.bourse.engine.command.CancelOrder;
import io.bourse.engine.command.MoveOrder;
import io.bourse.engine.command.PlaceOco;
import io.bourse.engine.command.PlaceOrder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.bourse.engine.TestExchange.BTC;
import static io.bourse.engine.TestExchange.BTCUSDT;
import static io.bourse.engine.TestExchange.USDT;
import static io.bourse.engine.TestExchange.price;
import static io.bourse.engine.TestExchange.qty;
import static org.assertj.core.api.Assertions.assertThat;

class OcoTest {
    private TestExchange x;

    @BeforeEach
    void setUp() {
        x = new TestExchange();
        x.fund(1, BTC, "10");
        x.fund(1, USDT, "1000000");
        x.fund(2, BTC, "2");
        x.limit(1, Side.SELL, "60000", "0.1");
        x.limit(1, Side.BUY, "60000", "0.1");    // last price 60000
    }

    /** Take profit at 62000 (LIMIT_MAKER), stop loss at 58000 (STOP_LOSS_LIMIT, limit 57900). */
    private long sellOco() {
        long first = x.engine.books().nextOrderId();
        x.ok(new PlaceOco(BTCUSDT, 2, Side.SELL, qty("1"),
                OrderType.LIMIT_MAKER, price("62000"), 0, null, "tp",
                OrderType.STOP_LOSS_LIMIT, price("57900"), price("58000"), TimeInForce.GTC, "sl", null, "my-list"));
        return first;
    }

    @Test
    void shouldLockTheQuantityOnceForBothLegs() {
        long tp = sellOco();

        assertThat(x.locked(2, BTC)).isEqualTo(qty("1"));
        assertThat(x.engine.order(tp).orderListId()).isEqualTo(x.engine.order(tp + 1).orderListId());
        assertThat(x.engine.order(tp).listClientOrderId()).isEqualTo("my-list");
        assertThat(x.engine.order(tp + 1).listClientOrderId()).isEqualTo("my-list");
    }

    @Test
    void shouldExpireTheStopLegWhenTheLimitLegFills() {
        long tp = sellOco();
        x.place(PlaceOrder.limit(BTCUSDT, 1, Side.BUY, price("62000"), qty("0.3"), TimeInForce.GTC));

        assertThat(x.status(tp)).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(x.status(tp + 1)).isEqualTo(OrderStatus.EXPIRED);
        assertThat(x.locked(2, BTC)).isEqualTo(qty("0.7"));
    }

    @Test
    void shouldExpireTheLimitLegWhenTheStopFires() {
        long tp = sellOco();
        x.place(PlaceOrder.limit(BTCUSDT, 1, Side.BUY, price("57950"), qty("2"), TimeInForce.GTC));
        x.place(PlaceOrder.market(BTCUSDT, 1, Side.SELL, qty("0.1")));   // trades at 57950: stop fires

        assertThat(x.status(tp)).isEqualTo(OrderStatus.EXPIRED);
        assertThat(x.status(tp + 1)).isEqualTo(OrderStatus.FILLED);
        assertThat(x.locked(2, BTC)).isZero();
    }

    @Test
    void shouldCancelBothLegsWhenOneIsCancelled() {
        long tp = sellOco();
        x.ok(new CancelOrder(BTCUSDT, 2, 0, "sl"));

        assertThat(x.status(tp)).isEqualTo(OrderStatus.CANCELED);
        assertThat(x.status(tp + 1)).isEqualTo(OrderStatus.CANCELED);
        assertThat(x.locked(2, BTC)).isZero();
    }

    @Test
    void shouldRejectLegsOnTheWrongSideOfTheLastPrice() {
        RejectReason r = x.apply(new PlaceOco(BTCUSDT, 2, Side.SELL, qty("1"),
                OrderType.LIMIT_MAKER, price("57000"), 0, null, null,
                OrderType.STOP_LOSS, 0, price("58000"), null, null, null, null));

        assertThat(r).isEqualTo(RejectReason.OCO_BAD_PRICES);
        assertThat(x.locked(2, BTC)).isZero();
    }

    @Test
    void shouldLockTheLargerNeedOfABuyOco() {
        x.fund(3, USDT, "100000");
        x.ok(new PlaceOco(BTCUSDT, 3, Side.BUY, qty("1"),
                OrderType.STOP_LOSS_LIMIT, price("62100"), price("62000"), TimeInForce.GTC, null,
                OrderType.LIMIT_MAKER, price("58000"), 0, null, null, null, null));

        assertThat(x.locked(3, USDT)).isEqualTo(price("62100"));
    }

    @Test
    void shouldEndTheListWhenSelfTradePreventionExpiresTheLimitLeg() {
        long tp = sellOco();
        x.fund(2, USDT, "100000");
        x.place(PlaceOrder.limit(BTCUSDT, 2, Side.BUY, price("62000"), qty("0.5"), TimeInForce.IOC)
                .withStp(StpMode.EXPIRE_MAKER));

        assertThat(x.status(tp)).isEqualTo(OrderStatus.EXPIRED_IN_MATCH);
        assertThat(x.status(tp + 1)).isEqualTo(OrderStatus.EXPIRED);
        assertThat(x.locked(2, BTC)).isZero();
        assertThat(x.free(2, BTC)).isEqualTo(qty("2"));
    }

    @Test
    void shouldEndTheListWhenSelfTradePreventionDecrementsALeg() {
        x.fund(3, USDT, "100000");
        long stop = x.engine.books().nextOrderId();
        x.ok(new PlaceOco(BTCUSDT, 3, Side.BUY, qty("1"),
                OrderType.STOP_LOSS_LIMIT, price("62100"), price("62000"), TimeInForce.GTC, null,
                OrderType.LIMIT_MAKER, price("58000"), 0, null, null, null, null));
        x.fund(3, BTC, "1");
        x.place(PlaceOrder.limit(BTCUSDT, 3, Side.SELL, price("58000"), qty("0.4"), TimeInForce.IOC)
                .withStp(StpMode.DECREMENT));

        assertThat(x.status(stop)).isEqualTo(OrderStatus.EXPIRED);
        assertThat(x.engine.order(stop + 1).preventedQty()).isEqualTo(qty("0.4"));
        assertThat(x.locked(3, USDT)).isEqualTo(price("58000") * 6 / 10);
        x.cancel(3, stop + 1);
        assertThat(x.locked(3, USDT)).isZero();
    }

    @Test
    void shouldRefuseToAmendOrMoveALeg() {
        long tp = sellOco();
        assertThat(x.apply(AmendOrder.byId(BTCUSDT, 2, tp, qty("0.5"))))
                .isEqualTo(RejectReason.UNSUPPORTED_ORDER_COMBINATION);
        assertThat(x.apply(new MoveOrder(BTCUSDT, 2, tp, price("63000"))))
                .isEqualTo(RejectReason.UNSUPPORTED_ORDER_COMBINATION);
    }
}
