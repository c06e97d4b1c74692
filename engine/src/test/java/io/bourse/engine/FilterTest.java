package io.bourse.engine;

import io.bourse.engine.command.AddSymbol;
import io.bourse.engine.command.PlaceOrder;
import io.bourse.engine.command.SetSymbolStatus;
import io.bourse.engine.command.TestOrder;
import io.bourse.engine.market.Rates;
import io.bourse.engine.market.SymbolSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.bourse.engine.TestExchange.BTC;
import static io.bourse.engine.TestExchange.BTCUSDT;
import static io.bourse.engine.TestExchange.USDT;
import static io.bourse.engine.TestExchange.price;
import static io.bourse.engine.TestExchange.qty;
import static org.assertj.core.api.Assertions.assertThat;

/** Each Binance filter rejects with -1013 "Filter failure: NAME" and changes nothing. */
class FilterTest {
    private TestExchange x;

    @BeforeEach
    void setUp() {
        x = new TestExchange();
        x.fund(1, BTC, "100");
        x.fund(1, USDT, "10000000");
    }

    private RejectReason buy(String px, String q) {
        return x.apply(PlaceOrder.limit(BTCUSDT, 1, Side.BUY, price(px), qty(q), TimeInForce.GTC));
    }

    /** order/test: the same verdicts as placing, and nothing placed, locked or reported. */
    @Test
    void testOrdersAreCheckedLikeRealOnesAndChangeNothing() {
        long free = x.free(1, USDT);
        int events = x.log.events().size();
        assertThat(x.apply(new TestOrder(PlaceOrder.limit(BTCUSDT, 1, Side.BUY, price("100"), qty("0.000015"),
                TimeInForce.GTC)))).isEqualTo(RejectReason.FILTER_LOT_SIZE);
        assertThat(x.apply(new TestOrder(PlaceOrder.limit(BTCUSDT, 1, Side.BUY, price("100"), qty("0.0499"),
                TimeInForce.GTC)))).isEqualTo(RejectReason.FILTER_NOTIONAL);
        assertThat(x.apply(new TestOrder(PlaceOrder.limit(BTCUSDT, 1, Side.BUY, price("100"), qty("1"), null))))
                .isEqualTo(RejectReason.UNSUPPORTED_ORDER_COMBINATION);
        // a user with no funds at all: order/test does not look at balances
        assertThat(x.apply(new TestOrder(PlaceOrder.limit(BTCUSDT, 99, Side.BUY, price("100"), qty("1"),
                TimeInForce.GTC)))).isEqualTo(RejectReason.NONE);
        assertThat(x.engine.books().openOrderCount()).isZero();
        assertThat(x.free(1, USDT)).isEqualTo(free);
        assertThat(x.locked(1, USDT)).isZero();
        assertThat(x.log.events().subList(events, x.log.events().size()))
                .allMatch(e -> e instanceof EventLog.Rejected);
        x.ok(new SetSymbolStatus(BTCUSDT, SymbolStatus.HALT));
        assertThat(x.apply(new TestOrder(PlaceOrder.limit(BTCUSDT, 1, Side.BUY, price("100"), qty("1"),
                TimeInForce.GTC)))).isEqualTo(buy("100", "1"));
    }

    @Test
    void priceFilter() {
        assertThat(buy("60000.001", "1")).isEqualTo(RejectReason.FILTER_PRICE);
        assertThat(buy("1000000.01", "1")).isEqualTo(RejectReason.FILTER_PRICE);
        assertThat(RejectReason.FILTER_PRICE.code()).isEqualTo(-1013);
        assertThat(RejectReason.FILTER_PRICE.message()).isEqualTo("Filter failure: PRICE_FILTER");
    }

    @Test
    void lotSize() {
        assertThat(buy("100", "0.000015")).isEqualTo(RejectReason.FILTER_LOT_SIZE);
        assertThat(buy("100", "0.000001")).isEqualTo(RejectReason.FILTER_LOT_SIZE);
        assertThat(buy("1", "9000.00001")).isEqualTo(RejectReason.FILTER_LOT_SIZE);
    }

    @Test
    void marketLotSize() {
        assertThat(x.apply(PlaceOrder.market(BTCUSDT, 1, Side.SELL, qty("100.1"))))
                .isEqualTo(RejectReason.FILTER_MARKET_LOT_SIZE);
    }

    @Test
    void notional() {
        assertThat(buy("100", "0.0499")).isEqualTo(RejectReason.FILTER_NOTIONAL);
        assertThat(buy("100", "0.05")).isEqualTo(RejectReason.NONE);
        assertThat(x.apply(PlaceOrder.marketQuote(BTCUSDT, 1, Side.BUY, price("4.99"))))
                .isEqualTo(RejectReason.FILTER_NOTIONAL);
    }

    @Test
    void maxNumOrders() {
        for (int i = 0; i < 200; i++) {
            assertThat(buy("100", "0.1")).isEqualTo(RejectReason.NONE);
        }
        assertThat(buy("100", "0.1")).isEqualTo(RejectReason.FILTER_MAX_NUM_ORDERS);
    }

    @Test
    void percentPriceBySide() {
        SymbolSpec banded = new SymbolSpec(0, "BTCUSDC", BTC, USDT, SymbolStatus.TRADING,
                new SymbolSpec.PriceFilter(price("0.01"), price("1000000"), price("0.01")),
                new SymbolSpec.LotSize(qty("0.00001"), qty("9000"), qty("0.00001")),
                new SymbolSpec.LotSize(qty("0.00001"), qty("100"), qty("0.00001")),
                new SymbolSpec.NotionalFilter(0, false, 0, false, 5),
                new SymbolSpec.PercentPriceBySide(Rates.ONE * 5 / 4, Rates.ONE / 5, Rates.ONE * 5, Rates.ONE * 3 / 4,
                        5), 200, 5, 10, StpMode.NONE);
        x.ok(new AddSymbol(banded));
        int sym = 2;
        x.ok(PlaceOrder.limit(sym, 1, Side.SELL, price("100"), qty("1"), TimeInForce.GTC));
        x.ok(PlaceOrder.limit(sym, 1, Side.BUY, price("100"), qty("1"), TimeInForce.GTC));   // average now 100

        assertThat(x.apply(PlaceOrder.limit(sym, 1, Side.BUY, price("125.01"), qty("1"), TimeInForce.GTC)))
                .isEqualTo(RejectReason.FILTER_PERCENT_PRICE_BY_SIDE);
        assertThat(x.apply(PlaceOrder.limit(sym, 1, Side.BUY, price("125"), qty("1"), TimeInForce.GTC)))
                .isEqualTo(RejectReason.NONE);
        assertThat(x.apply(PlaceOrder.limit(sym, 1, Side.SELL, price("74.99"), qty("1"), TimeInForce.GTC)))
                .isEqualTo(RejectReason.FILTER_PERCENT_PRICE_BY_SIDE);
        assertThat(x.apply(PlaceOrder.limit(sym, 1, Side.SELL, price("499"), qty("1"), TimeInForce.GTC)))
                .isEqualTo(RejectReason.NONE);
    }

    @Test
    void haltedSymbolsRefuseOrdersButAllowCancels() {
        long id = x.limit(1, Side.BUY, "100", "1");
        x.ok(new SetSymbolStatus(BTCUSDT, SymbolStatus.HALT));

        RejectReason r = buy("100", "1");
        assertThat(r).isEqualTo(RejectReason.MARKET_CLOSED);
        assertThat(r.message()).isEqualTo("Market is closed.");
        x.cancel(1, id);
        x.ok(new SetSymbolStatus(BTCUSDT, SymbolStatus.TRADING));
        assertThat(buy("100", "1")).isEqualTo(RejectReason.NONE);
    }

    @Test
    void unknownSymbol() {
        RejectReason r = x.apply(PlaceOrder.limit(9, 1, Side.BUY, price("100"), qty("1"), TimeInForce.GTC));
        assertThat(r).isEqualTo(RejectReason.UNKNOWN_SYMBOL);
        assertThat(r.message()).isEqualTo("Invalid symbol.");
    }

    @Test
    void malformedOrdersAreRefused() {
        assertThat(x.apply(new PlaceOrder(BTCUSDT, 1, Side.BUY, OrderType.LIMIT, null, price("1"), qty("1"), 0, 0,
                0, null, null))).isEqualTo(RejectReason.UNSUPPORTED_ORDER_COMBINATION);
        assertThat(x.apply(new PlaceOrder(BTCUSDT, 1, Side.BUY, OrderType.MARKET, null, 0, qty("1"), price("10"),
                0, 0, null, null))).isEqualTo(RejectReason.UNSUPPORTED_ORDER_COMBINATION);
        assertThat(x.apply(new PlaceOrder(BTCUSDT, 1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, -1, qty("1"), 0,
                0, 0, null, null))).isEqualTo(RejectReason.UNSUPPORTED_ORDER_COMBINATION);
        assertThat(x.engine.books().openOrderCount()).isZero();
    }
}
