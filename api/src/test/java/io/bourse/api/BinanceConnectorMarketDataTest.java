package io.bourse.api;

import com.binance.connector.client.exceptions.BinanceClientException;
import com.binance.connector.client.impl.SpotClientImpl;
import com.binance.connector.client.impl.spot.Market;
import io.bourse.engine.Side;
import io.bourse.engine.TimeInForce;
import io.bourse.engine.command.PlaceOrder;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.bourse.api.TestParams.params;
import static io.bourse.api.LiveExchange.BTCUSDT;
import static io.bourse.api.LiveExchange.units;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Binance's own Java connector reads Bourse's public market data. The book: bids 59,990 (0.5) and 59,980 (0.25),
 * asks 60,020 after a buyer of 0.3 swept two asks of 0.1 and 0.2 at 60,010 (one aggregate trade of two fills).
 */
class BinanceConnectorMarketDataTest {
    @TempDir
    static Path dir;
    static LiveExchange exchange;
    static Market market;

    @BeforeAll
    static void start() throws Exception {
        exchange = new LiveExchange(dir);
        exchange.fund(1, LiveExchange.USDT, "1000000");
        exchange.fund(2, LiveExchange.BTC, "10");
        exchange.submit(PlaceOrder.limit(BTCUSDT, 1, Side.BUY, units("59990"), units("0.5"), TimeInForce.GTC));
        exchange.submit(PlaceOrder.limit(BTCUSDT, 1, Side.BUY, units("59980"), units("0.25"), TimeInForce.GTC));
        exchange.submit(PlaceOrder.limit(BTCUSDT, 2, Side.SELL, units("60010"), units("0.1"), TimeInForce.GTC));
        exchange.submit(PlaceOrder.limit(BTCUSDT, 2, Side.SELL, units("60010"), units("0.2"), TimeInForce.GTC));
        exchange.submit(PlaceOrder.limit(BTCUSDT, 2, Side.SELL, units("60020"), units("1"), TimeInForce.GTC));
        exchange.submit(PlaceOrder.limit(BTCUSDT, 1, Side.BUY, units("60010"), units("0.3"), TimeInForce.IOC));
        exchange.settle();
        market = new SpotClientImpl(exchange.baseUrl()).createMarket();
    }

    @AfterAll
    static void stop() throws Exception {
        exchange.close();
    }

    @Test
    void pingTimeAndExchangeInfo() {
        assertThat(market.ping()).isEqualTo("{}");
        long serverTime = new JSONObject(market.time()).getLong("serverTime");
        assertThat(serverTime).isBetween(System.currentTimeMillis() - 5_000, System.currentTimeMillis() + 5_000);

        JSONObject info = new JSONObject(market.exchangeInfo(params("symbol", "BTCUSDT")));
        JSONObject btcusdt = info.getJSONArray("symbols").getJSONObject(0);
        assertThat(btcusdt.getString("symbol")).isEqualTo("BTCUSDT");
        assertThat(btcusdt.getString("status")).isEqualTo("TRADING");
        assertThat(btcusdt.getString("baseAsset")).isEqualTo("BTC");
        assertThat(btcusdt.getString("quoteAsset")).isEqualTo("USDT");
        assertThat(btcusdt.getJSONArray("orderTypes").toList()).contains("LIMIT", "MARKET", "LIMIT_MAKER");
        JSONObject priceFilter = btcusdt.getJSONArray("filters").getJSONObject(0);
        assertThat(priceFilter.getString("filterType")).isEqualTo("PRICE_FILTER");
        assertThat(priceFilter.getString("tickSize")).isEqualTo("0.01000000");
        assertThat(info.getJSONArray("rateLimits").getJSONObject(0).getString("rateLimitType"))
                .isEqualTo("REQUEST_WEIGHT");

        JSONObject all = new JSONObject(market.exchangeInfo(params()));
        assertThat(all.getJSONArray("symbols").length()).isEqualTo(2);
    }

    @Test
    void depthShowsTheBookBestFirst() {
        JSONObject depth = new JSONObject(market.depth(params("symbol", "BTCUSDT", "limit", 5)));
        assertThat(depth.getLong("lastUpdateId")).isPositive();
        assertThat(depth.getJSONArray("bids").toString())
                .isEqualTo("[[\"59990.00000000\",\"0.50000000\"],[\"59980.00000000\",\"0.25000000\"]]");
        assertThat(depth.getJSONArray("asks").toString()).isEqualTo("[[\"60020.00000000\",\"1.00000000\"]]");
        JSONObject top = new JSONObject(market.depth(params("symbol", "BTCUSDT", "limit", 1)));
        assertThat(top.getJSONArray("bids").length()).isEqualTo(1);
    }

    @Test
    void tradesAndAggregateTrades() {
        JSONArray trades = new JSONArray(market.trades(params("symbol", "BTCUSDT")));
        assertThat(trades.length()).isEqualTo(2);
        JSONObject first = trades.getJSONObject(0);
        assertThat(first.getString("price")).isEqualTo("60010.00000000");
        assertThat(first.getString("qty")).isEqualTo("0.10000000");
        assertThat(first.getString("quoteQty")).isEqualTo("6001.00000000");
        assertThat(first.getBoolean("isBuyerMaker")).isFalse();
        assertThat(trades.getJSONObject(1).getLong("id")).isEqualTo(first.getLong("id") + 1);

        // historicalTrades is public now; the connector still sends a key header, which the server ignores
        Market withKey = new SpotClientImpl("any-key", "no-secret-needed", exchange.baseUrl()).createMarket();
        JSONArray older = new JSONArray(withKey.historicalTrades(params("symbol", "BTCUSDT", "fromId",
                trades.getJSONObject(1).getLong("id"))));
        assertThat(older.length()).isEqualTo(1);

        JSONArray aggs = new JSONArray(market.aggTrades(params("symbol", "BTCUSDT")));
        assertThat(aggs.length()).isEqualTo(1);
        JSONObject agg = aggs.getJSONObject(0);
        assertThat(agg.getString("q")).isEqualTo("0.30000000");
        assertThat(agg.getLong("f")).isEqualTo(first.getLong("id"));
        assertThat(agg.getLong("l")).isEqualTo(first.getLong("id") + 1);
    }

    @Test
    void klinesTickersAndAveragePrice() {
        // asked from the trades' own bucket: "the latest minute" can already be the next, empty one
        long traded = new JSONArray(market.trades(params("symbol", "BTCUSDT"))).getJSONObject(0).getLong("time");
        JSONArray klines = new JSONArray(market.klines(params("symbol", "BTCUSDT", "interval", "1m",
                "startTime", traded - traded % 60_000, "limit", 1)));
        JSONArray k = klines.getJSONArray(0);
        assertThat(k.getString(4)).isEqualTo("60010.00000000");
        assertThat(k.getString(5)).isEqualTo("0.30000000");
        assertThat(k.getLong(6)).isEqualTo(k.getLong(0) + 59_999);
        assertThat(k.getLong(8)).isEqualTo(2);

        long eight = 8 * 3_600_000L;
        long dayAtEast = Math.floorDiv(traded + eight, 86_400_000L) * 86_400_000L - eight;
        JSONArray east = new JSONArray(market.klines(params("symbol", "BTCUSDT", "interval", "1d", "timeZone",
                "8", "startTime", dayAtEast, "limit", 1)));
        assertThat(east.getJSONArray(0).getLong(0)).as("a day at UTC+8 starts at 16:00 UTC").isEqualTo(dayAtEast);
        assertThat(Math.floorMod(dayAtEast, 86_400_000L)).isEqualTo(16 * 3_600_000L);
        assertThat(east.getJSONArray(0).getString(5)).isEqualTo("0.30000000");

        JSONObject day = new JSONObject(market.ticker24H(params("symbol", "BTCUSDT")));
        assertThat(day.getString("lastPrice")).isEqualTo("60010.00000000");
        assertThat(day.getString("volume")).isEqualTo("0.30000000");
        assertThat(day.getString("quoteVolume")).isEqualTo("18003.00000000");
        assertThat(day.getString("bidPrice")).isEqualTo("59990.00000000");
        assertThat(day.getString("askPrice")).isEqualTo("60020.00000000");
        assertThat(day.getLong("count")).isEqualTo(2);

        assertThat(new JSONObject(market.tickerSymbol(params("symbol", "BTCUSDT"))).getString("price"))
                .isEqualTo("60010.00000000");
        assertThat(new JSONObject(market.bookTicker(params("symbol", "BTCUSDT"))).getString("bidQty"))
                .isEqualTo("0.50000000");
        assertThat(new JSONObject(market.averagePrice(params("symbol", "BTCUSDT"))).getString("price"))
                .isEqualTo("60010.00000000");
        JSONArray rolling = new JSONArray(market.ticker(params("symbols", new java.util.ArrayList<>(
                java.util.List.of("BTCUSDT", "ETHBTC")), "windowSize", "1h")));
        assertThat(rolling.length()).isEqualTo(2);
        assertThat(rolling.getJSONObject(1).getLong("count")).isZero();
        assertThat(new JSONObject(market.tradingDayTicker(params("symbol", "BTCUSDT"))).getString("highPrice"))
                .isEqualTo("60010.00000000");
    }

    @Test
    void unknownSymbolsAreRefusedWithBinanceCodes() {
        assertThatThrownBy(() -> market.depth(params("symbol", "DOGEUSDT")))
                .isInstanceOfSatisfying(BinanceClientException.class, e -> {
                    assertThat(e.getHttpStatusCode()).isEqualTo(400);
                    assertThat(e.getErrorCode()).isEqualTo(-1121);
                    assertThat(e.getErrMsg()).isEqualTo("Invalid symbol.");
                });
        assertThatThrownBy(() -> market.klines(params("symbol", "BTCUSDT", "interval", "2m")))
                .isInstanceOfSatisfying(BinanceClientException.class,
                        e -> assertThat(e.getErrorCode()).isEqualTo(-1120));
    }
}
