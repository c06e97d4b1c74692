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

class MarketOrderTest {
    private TestExchange x;

    @BeforeEach
    void setUp() {
        x = new TestExchange();
        x.fund(1, BTC, "10");
        x.fund(1, USDT, "1000000");
        x.fund(2, USDT, "100000");
        x.fund(2, BTC, "1");
        x.limit(1, Side.SELL, "60000", "0.5");
        x.limit(1, Side.SELL, "60100", "0.5");
        x.limit(1, Side.BUY, "59900", "0.5");
        x.limit(1, Side.BUY, "59800", "0.5");
    }

    @Test
    void shouldBuyByQuantityWalkingTheBookAndUnlockTheRest() {
        long id = x.place(PlaceOrder.market(BTCUSDT, 2, Side.BUY, qty("0.7")));

        assertThat(x.trades()).extracting(EventLog.TradeEvent::price).containsExactly(price("60000"), price("60100"));
        assertThat(x.status(id)).isEqualTo(OrderStatus.FILLED);
        assertThat(x.free(2, USDT)).isEqualTo(price("100000") - price("30000") - price("12020"));
        assertThat(x.locked(2, USDT)).isZero();
    }

    @Test
    void shouldExpireTheUnfilledPartOfAMarketOrderWhenTheBookRunsOut() {
        long id = x.place(PlaceOrder.market(BTCUSDT, 2, Side.SELL, qty("1")));

        assertThat(x.trades()).hasSize(2);
        assertThat(x.status(id)).isEqualTo(OrderStatus.FILLED);
        long id2 = x.place(PlaceOrder.market(BTCUSDT, 1, Side.SELL, qty("0.1")));
        assertThat(x.status(id2)).isEqualTo(OrderStatus.EXPIRED);
    }

    @Test
    void shouldRejectAMarketBuyTheAccountCannotAfford() {
        x.fund(3, USDT, "100");
        assertThat(x.apply(PlaceOrder.market(BTCUSDT, 3, Side.BUY, qty("0.01"))))
                .isEqualTo(RejectReason.INSUFFICIENT_BALANCE);
    }

    @Test
    void shouldSpendAQuoteAmountInWholeLots() {
        long id = x.place(PlaceOrder.marketQuote(BTCUSDT, 2, Side.BUY, price("30100")));

        // 0.5 BTC for 30000 at the best ask, then 100 USDT buys 0.00166 BTC at 60100 (0.00001 steps)
        assertThat(x.trades()).extracting(EventLog.TradeEvent::qty).containsExactly(qty("0.5"), qty("0.00166"));
        assertThat(x.status(id)).isEqualTo(OrderStatus.FILLED);
        assertThat(x.free(2, USDT)).isEqualTo(price("100000") - price("30000") - price("99.766"));
        assertThat(x.locked(2, USDT)).isZero();
    }

    @Test
    void shouldSellForAQuoteAmount() {
        long id = x.place(PlaceOrder.marketQuote(BTCUSDT, 2, Side.SELL, price("35000")));

        assertThat(x.trades()).extracting(EventLog.TradeEvent::qty).containsExactly(qty("0.5"), qty("0.08444"));
        assertThat(x.status(id)).isEqualTo(OrderStatus.FILLED);
        assertThat(x.locked(2, BTC)).isZero();
        assertThat(x.free(2, BTC)).isEqualTo(qty("1") - qty("0.58444"));
    }

    @Test
    void shouldExpireAMarketOrderOnAnEmptyBook() {
        x.ok(new io.bourse.engine.command.CancelAllOrders(BTCUSDT, 1));
        long id = x.place(PlaceOrder.market(BTCUSDT, 2, Side.SELL, qty("0.1")));

        assertThat(x.status(id)).isEqualTo(OrderStatus.EXPIRED);
        assertThat(x.locked(2, BTC)).isZero();
    }
}
