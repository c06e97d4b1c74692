package io.bourse.engine;

import io.bourse.engine.command.PlaceOrder;
import org.junit.jupiter.api.Test;

import static io.bourse.engine.TestExchange.BTC;
import static io.bourse.engine.TestExchange.BTCUSDT;
import static io.bourse.engine.TestExchange.USDT;
import static io.bourse.engine.TestExchange.price;
import static io.bourse.engine.TestExchange.qty;
import static org.assertj.core.api.Assertions.assertThat;

class IcebergTest {
    private static PlaceOrder iceberg(long user, String px, String q, String visible) {
        return new PlaceOrder(BTCUSDT, user, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, price(px), qty(q), 0, 0,
                qty(visible), null, null);
    }

    @Test
    void shouldShowOnlyItsVisiblePartAndRequeueEachNewSlice() {
        TestExchange x = new TestExchange();
        x.fund(1, BTC, "10");
        x.fund(2, BTC, "10");
        x.fund(3, USDT, "1000000");
        long ice = x.place(iceberg(1, "60000", "1", "0.2"));
        long plain = x.limit(2, Side.SELL, "60000", "0.3");

        assertThat(x.engine.books().levelQty(BTCUSDT, Side.SELL, 0)).isEqualTo(qty("0.5"));

        x.limit(3, Side.BUY, "60000", "0.3");
        // the first 0.2 slice, then the plain order (the iceberg's next slice went to the back)
        assertThat(x.trades()).extracting(EventLog.TradeEvent::sellerOrderId).containsExactly(ice, plain);
        assertThat(x.engine.order(ice).leavesQty()).isEqualTo(qty("0.8"));
        assertThat(x.engine.books().levelQty(BTCUSDT, Side.SELL, 0)).isEqualTo(qty("0.4"));
    }

    @Test
    void shouldKeepFillingTheIcebergWhenItIsAloneAtItsLevel() {
        TestExchange x = new TestExchange();
        x.fund(1, BTC, "10");
        x.fund(3, USDT, "1000000");
        long ice = x.place(iceberg(1, "60000", "1", "0.2"));

        x.limit(3, Side.BUY, "60000", "0.7");

        assertThat(x.trades()).hasSize(4);
        assertThat(x.engine.order(ice).leavesQty()).isEqualTo(qty("0.3"));
        // 0.2 + 0.2 + 0.2 + 0.1: what shows is the rest of the slice being eaten
        assertThat(x.engine.books().levelQty(BTCUSDT, Side.SELL, 0)).isEqualTo(qty("0.1"));
    }

    @Test
    void shouldRejectTooManyParts() {
        TestExchange x = new TestExchange();
        x.fund(1, BTC, "10");
        assertThat(x.apply(iceberg(1, "60000", "1", "0.09"))).isEqualTo(RejectReason.FILTER_ICEBERG_PARTS);
    }
}
