package io.bourse.engine;

import io.bourse.engine.command.PlaceOrder;
import org.junit.jupiter.api.Test;

import static io.bourse.engine.TestExchange.BTC;
import static io.bourse.engine.TestExchange.BTCUSDT;
import static io.bourse.engine.TestExchange.USDT;
import static io.bourse.engine.TestExchange.price;
import static io.bourse.engine.TestExchange.qty;
import static org.assertj.core.api.Assertions.assertThat;

class LimitMakerTest {
    private static PlaceOrder postOnly(long user, Side side, String px, String q) {
        return new PlaceOrder(BTCUSDT, user, side, OrderType.LIMIT_MAKER, null, price(px), qty(q), 0, 0, 0, null,
                null);
    }

    @Test
    void shouldRejectAPostOnlyOrderThatWouldTake() {
        TestExchange x = new TestExchange();
        x.fund(1, BTC, "1");
        x.fund(2, USDT, "100000");
        x.limit(1, Side.SELL, "60000", "1");

        RejectReason r = x.apply(postOnly(2, Side.BUY, "60000", "0.1"));

        assertThat(r).isEqualTo(RejectReason.WOULD_MATCH_IMMEDIATELY);
        assertThat(r.message()).isEqualTo("Order would immediately match and take.");
        assertThat(x.locked(2, USDT)).isZero();
    }

    @Test
    void shouldRestAPostOnlyOrderThatDoesNotCross() {
        TestExchange x = new TestExchange();
        x.fund(1, BTC, "1");
        x.fund(2, USDT, "100000");
        x.limit(1, Side.SELL, "60000", "1");

        long id = x.place(postOnly(2, Side.BUY, "59999.99", "0.1"));

        assertThat(x.status(id)).isEqualTo(OrderStatus.NEW);
        assertThat(x.engine.books().levelPrice(BTCUSDT, Side.BUY, 0)).isEqualTo(price("59999.99"));
    }
}
