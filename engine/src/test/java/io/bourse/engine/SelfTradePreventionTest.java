package io.bourse.engine;

import io.bourse.engine.command.PlaceOrder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.bourse.engine.TestExchange.BTC;
import static io.bourse.engine.TestExchange.BTCUSDT;
import static io.bourse.engine.TestExchange.USDT;
import static io.bourse.engine.TestExchange.price;
import static io.bourse.engine.TestExchange.qty;
import static org.assertj.core.api.Assertions.assertThat;

class SelfTradePreventionTest {
    private TestExchange x;
    private long ownAsk;
    private long otherAsk;

    @BeforeEach
    void setUp() {
        x = new TestExchange();
        x.fund(1, BTC, "10");
        x.fund(1, USDT, "1000000");
        x.fund(2, BTC, "10");
        ownAsk = x.limit(1, Side.SELL, "60000", "1");
        otherAsk = x.limit(2, Side.SELL, "60000", "1");
    }

    private long buy(StpMode mode, String q) {
        return x.place(PlaceOrder.limit(BTCUSDT, 1, Side.BUY, price("60000"), qty(q), TimeInForce.GTC)
                .withStp(mode));
    }

    private List<PreventedMatch> prevented() {
        return x.log.events().stream().filter(e -> e instanceof EventLog.Prevented)
                .map(e -> ((EventLog.Prevented) e).match()).toList();
    }

    /** Each stopped match is reported once (myPreventedMatches), before the order events it causes. */
    @Test
    void everyPreventedMatchIsReportedWithWhatDidNotTrade() {
        long taker = buy(StpMode.EXPIRE_MAKER, "1.5");
        assertThat(prevented()).containsExactly(new PreventedMatch(BTCUSDT, 1, taker, ownAsk, 1, price("60000"),
                qty("1"), StpMode.EXPIRE_MAKER, x.now()));
        int at = x.log.events().indexOf(new EventLog.Prevented(prevented().getFirst()));
        assertThat(x.log.events().get(at + 1)).isEqualTo(new EventLog.OrderEvent(ownAsk, ExecType.TRADE_PREVENTION,
                OrderStatus.EXPIRED_IN_MATCH, 0, 0, 0, 0));

        long own = x.limit(1, Side.SELL, "61000", "1");
        long decremented = x.place(PlaceOrder.limit(BTCUSDT, 1, Side.BUY, price("61000"), qty("0.4"),
                TimeInForce.GTC).withStp(StpMode.DECREMENT));
        assertThat(prevented().getLast()).isEqualTo(new PreventedMatch(BTCUSDT, 2, decremented, own, 1,
                price("61000"), qty("0.4"), StpMode.DECREMENT, x.now()));
    }

    @Test
    void expireTakerShouldStopTheTakerAtItsOwnOrder() {
        long taker = buy(StpMode.EXPIRE_TAKER, "1.5");

        assertThat(x.trades()).isEmpty();
        assertThat(x.status(taker)).isEqualTo(OrderStatus.EXPIRED_IN_MATCH);
        assertThat(x.status(ownAsk)).isEqualTo(OrderStatus.NEW);
        assertThat(x.locked(1, USDT)).isZero();
    }

    @Test
    void expireMakerShouldRemoveTheOwnOrderAndGoOn() {
        long taker = buy(StpMode.EXPIRE_MAKER, "1.5");

        assertThat(x.status(ownAsk)).isEqualTo(OrderStatus.EXPIRED_IN_MATCH);
        assertThat(x.trades()).singleElement().satisfies(t -> assertThat(t.sellerOrderId()).isEqualTo(otherAsk));
        assertThat(x.status(taker)).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(x.locked(1, BTC)).isZero();
    }

    @Test
    void expireBothShouldExpireBoth() {
        long taker = buy(StpMode.EXPIRE_BOTH, "1.5");

        assertThat(x.status(ownAsk)).isEqualTo(OrderStatus.EXPIRED_IN_MATCH);
        assertThat(x.status(taker)).isEqualTo(OrderStatus.EXPIRED_IN_MATCH);
        assertThat(x.trades()).isEmpty();
        assertThat(x.status(otherAsk)).isEqualTo(OrderStatus.NEW);
    }

    @Test
    void decrementShouldRemoveTheOverlapFromBothAndExpireTheSmaller() {
        long taker = buy(StpMode.DECREMENT, "0.4");

        assertThat(x.status(taker)).isEqualTo(OrderStatus.EXPIRED_IN_MATCH);
        assertThat(x.engine.order(ownAsk).preventedQty()).isEqualTo(qty("0.4"));
        assertThat(x.engine.order(ownAsk).leavesQty()).isEqualTo(qty("0.6"));
        assertThat(x.locked(1, BTC)).isEqualTo(qty("0.6"));
        assertThat(x.engine.books().levelQty(BTCUSDT, Side.SELL, 0)).isEqualTo(qty("1.6"));
    }

    @Test
    void decrementShouldLetTheTakerGoOnWhenTheMakerExpires() {
        long taker = buy(StpMode.DECREMENT, "1.5");

        assertThat(x.status(ownAsk)).isEqualTo(OrderStatus.EXPIRED_IN_MATCH);
        assertThat(x.trades()).singleElement().satisfies(t -> assertThat(t.qty()).isEqualTo(qty("0.5")));
        assertThat(x.status(taker)).isEqualTo(OrderStatus.FILLED);
        assertThat(x.engine.order(otherAsk).leavesQty()).isEqualTo(qty("0.5"));
    }

    @Test
    void symbolDefaultModeShouldApplyWhenTheOrderNamesNone() {
        TestExchange y = new TestExchange(StpMode.EXPIRE_MAKER);
        y.fund(1, BTC, "1");
        y.fund(1, USDT, "100000");
        long ask = y.limit(1, Side.SELL, "60000", "1");
        y.limit(1, Side.BUY, "60000", "1");

        assertThat(y.status(ask)).isEqualTo(OrderStatus.EXPIRED_IN_MATCH);
        assertThat(y.trades()).isEmpty();
    }
}
