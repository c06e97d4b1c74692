package io.bourse.api.rest;

import com.fasterxml.jackson.core.JsonGenerator;
import io.bourse.api.ApiConfig;
import io.bourse.api.http.ApiException;
import io.bourse.api.http.Endpoint;
import io.bourse.api.http.JsonOut;
import io.bourse.api.http.Params;
import io.bourse.api.http.Request;
import io.bourse.api.http.WeightLimiter;
import io.bourse.api.http.WireFormat;
import io.bourse.engine.SymbolStatus;
import io.bourse.engine.market.SymbolSpec;
import io.bourse.history.History;
import io.bourse.marketdata.AggTrade;
import io.bourse.marketdata.BookTicker;
import io.bourse.marketdata.DepthSnapshot;
import io.bourse.marketdata.Kline;
import io.bourse.marketdata.KlineFolding;
import io.bourse.marketdata.KlineInterval;
import io.bourse.marketdata.Listing;
import io.bourse.marketdata.MarketData;
import io.bourse.marketdata.SymbolMarket;
import io.bourse.marketdata.Ticker;
import io.bourse.marketdata.Trade;
import io.bourse.marketdata.WindowStats;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;

import java.io.IOException;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The public endpoints (security type NONE): general information and market data, with Binance's weights. */
public final class MarketRoutes {
    private static final long DAY = 86_400_000L;
    private static final Buffer EMPTY_ARRAY = Buffer.buffer("[]");
    private static final Pattern WINDOW = Pattern.compile("^(\\d{1,2})([mhd])$");

    private final MarketData md;
    private final WeightLimiter limiter;
    private final ApiConfig config;
    private final Vertx vertx;
    private final History history;

    /** {@code history} may be null: then trades older than those in memory are not served. */
    public MarketRoutes(MarketData md, WeightLimiter limiter, ApiConfig config, Vertx vertx, History history) {
        this.md = md;
        this.limiter = limiter;
        this.config = config;
        this.vertx = vertx;
        this.history = history;
    }

    public List<Endpoint> endpoints() {
        return List.of(
                Endpoint.get("/api/v3/ping", 1, r -> JsonOut.EMPTY_OBJECT.copy()),
                Endpoint.get("/api/v3/time", 1, r -> JsonOut.write(g -> {
                    g.writeStartObject();
                    g.writeNumberField("serverTime", r.nowMs());
                    g.writeEndObject();
                })),
                Endpoint.get("/api/v3/exchangeInfo", 20, this::exchangeInfo),
                Endpoint.get("/api/v3/depth", MarketRoutes::depthWeight, this::depth),
                Endpoint.get("/api/v3/trades", 25, this::trades),
                Endpoint.of(HttpMethod.GET, "/api/v3/historicalTrades", 25, this::historicalTrades),
                Endpoint.of(HttpMethod.GET, "/api/v3/aggTrades", 4, this::aggTrades),
                Endpoint.of(HttpMethod.GET, "/api/v3/klines", 2, this::klines),
                Endpoint.of(HttpMethod.GET, "/api/v3/uiKlines", 2, this::klines),
                Endpoint.get("/api/v3/avgPrice", 2, this::avgPrice),
                Endpoint.get("/api/v3/ticker/24hr", MarketRoutes::ticker24hWeight, this::ticker24h),
                Endpoint.get("/api/v3/ticker/tradingDay", MarketRoutes::perSymbolWeight, this::tradingDay),
                Endpoint.get("/api/v3/ticker", MarketRoutes::perSymbolWeight, this::rollingTicker),
                Endpoint.get("/api/v3/ticker/price", p -> SymbolParams.count(p) == 1 ? 2 : 4, this::price),
                Endpoint.get("/api/v3/ticker/bookTicker", p -> SymbolParams.count(p) == 1 ? 2 : 4, this::bookTicker),
                // No margin trading here; CCXT asks for the margin pairs whenever it holds a key
                Endpoint.get("/sapi/v1/margin/allPairs", 1, r -> EMPTY_ARRAY),
                Endpoint.get("/sapi/v1/margin/isolated/allPairs", 1, r -> EMPTY_ARRAY));
    }

    // ------------------------------------------------------------------ general

    private Buffer exchangeInfo(Request r) {
        Params p = r.params();
        Listing listing = md.listing();
        List<SymbolMarket> markets = SymbolParams.some(md, p, true);
        String statusFilter = p.get("symbolStatus");
        if (statusFilter != null) {
            if (p.has("symbol") || p.has("symbols")) {
                throw ApiException.badRequest(-1102,
                        "Parameter 'symbolStatus' cannot be combined with 'symbol' or 'symbols'.");
            }
            status(statusFilter);
        }
        return JsonOut.write(g -> {
            g.writeStartObject();
            g.writeStringField("timezone", "UTC");
            g.writeNumberField("serverTime", r.nowMs());
            ExchangeInfo.rateLimits(g, config);
            g.writeArrayFieldStart("exchangeFilters");
            g.writeEndArray();
            g.writeArrayFieldStart("symbols");
            for (SymbolMarket m : markets) {
                SymbolSpec s = m.spec();
                if (statusFilter == null || s.status().name().equals(statusFilter)) {
                    ExchangeInfo.symbol(g, listing, s);
                }
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static SymbolStatus status(String text) {
        for (SymbolStatus s : SymbolStatus.values()) {
            if (s.name().equals(text)) {
                return s;
            }
        }
        throw ApiException.badRequest(-1122, "Invalid symbolStatus.");
    }

    // ------------------------------------------------------------------ book and trades

    private static int depthWeight(Params p) {
        int limit = p.limit("limit", 100, 1, 5000);
        return limit <= 100 ? 5 : limit <= 500 ? 25 : limit <= 1000 ? 50 : 250;
    }

    private Buffer depth(Request r) {
        SymbolMarket m = SymbolParams.require(md, r.params());
        int limit = r.params().limit("limit", 100, 1, 5000);
        WireFormat w = wire(m);
        DepthSnapshot d = m.depth(limit);
        return JsonOut.write(g -> {
            g.writeStartObject();
            g.writeNumberField("lastUpdateId", d.lastUpdateId());
            w.levels(g, "bids", d.bids());
            w.levels(g, "asks", d.asks());
            g.writeEndObject();
        });
    }

    private Buffer trades(Request r) {
        SymbolMarket m = SymbolParams.require(md, r.params());
        int limit = r.params().limit("limit", 500, 1, 1000);
        return tradeList(m, m.recentTrades(limit));
    }

    /** From memory, or from the history store for trades older than those in memory. */
    private Future<Buffer> historicalTrades(Request r) {
        SymbolMarket m = SymbolParams.require(md, r.params());
        int limit = r.params().limit("limit", 500, 1, 1000);
        long fromId = r.params().optLong("fromId").orElse(-1);
        if (fromId < 0) {
            return Future.succeededFuture(tradeList(m, m.recentTrades(limit)));
        }
        List<Trade> oldest = m.recentTrades(SymbolMarket.RECENT);
        if (history == null || (!oldest.isEmpty() && oldest.getFirst().id() <= fromId)) {
            return Future.succeededFuture(tradeList(m, m.tradesFrom(fromId, limit)));
        }
        int symbolId = m.spec().id();
        return vertx.executeBlocking(() -> tradeList(m, history.trades(symbolId, fromId, limit).stream()
                .map(t -> new Trade(t.tradeId(), t.price(), t.qty(), t.quoteQty(), t.timeMs(), t.buyerIsMaker()))
                .toList()));
    }

    private Buffer tradeList(SymbolMarket m, List<Trade> trades) {
        WireFormat w = wire(m);
        return JsonOut.write(g -> {
            g.writeStartArray();
            for (Trade t : trades) {
                g.writeStartObject();
                g.writeNumberField("id", t.id());
                g.writeStringField("price", w.price(t.price()));
                g.writeStringField("qty", w.qty(t.qty()));
                g.writeStringField("quoteQty", w.quote(t.quoteQty()));
                g.writeNumberField("time", t.timeMs());
                g.writeBooleanField("isBuyerMaker", t.buyerIsMaker());
                g.writeBooleanField("isBestMatch", true);
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    /** From memory, or folded from the history store's trades when they reach back before what memory holds. */
    private Future<Buffer> aggTrades(Request r) {
        Params p = r.params();
        SymbolMarket m = SymbolParams.require(md, p);
        int limit = p.limit("limit", 500, 1, 1000);
        long fromId = p.optLong("fromId").orElse(-1);
        long start = p.optLong("startTime").orElse(-1);
        long end = p.optLong("endTime").orElse(-1);
        if (fromId >= 0 && (start >= 0 || end >= 0)) {
            throw ApiException.badCombination();
        }
        if (start >= 0 && end >= 0 && (end < start || end - start > 3_600_000L)) {
            throw ApiException.badRequest(-1127, "More than 1 hours between startTime and endTime.");
        }
        AggTrade oldest = m.oldestAggTrade();
        boolean older = history != null && (fromId >= 0 ? oldest == null || fromId < oldest.id()
                : start >= 0 ? oldest == null || start < oldest.timeMs()
                : end >= 0);
        if (!older) {
            return Future.succeededFuture(aggTradeList(m, m.aggTrades(fromId, start, end, limit)));
        }
        int symbolId = m.spec().id();
        return vertx.executeBlocking(() -> aggTradeList(m, history.aggTrades(symbolId, fromId, start, end, limit)));
    }

    private Buffer aggTradeList(SymbolMarket m, List<AggTrade> aggs) {
        WireFormat w = wire(m);
        return JsonOut.write(g -> {
            g.writeStartArray();
            for (AggTrade a : aggs) {
                g.writeStartObject();
                w.aggTradeFields(g, a);
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    // ------------------------------------------------------------------ klines

    /**
     * From memory, and for buckets older than memory holds (a restart keeps the last 25 hours there), folded from the
     * history store's trades: the bucket split between the two is merged.
     */
    private Future<Buffer> klines(Request r) {
        Params p = r.params();
        SymbolMarket m = SymbolParams.require(md, p);
        KlineInterval interval = KlineInterval.of(p.require("interval"))
                .orElseThrow(() -> ApiException.badRequest(-1120, "Invalid interval."));
        int limit = p.limit("limit", 500, 1, 1000);
        long start = p.optLong("startTime").orElse(-1);
        long end = p.optLong("endTime").orElse(-1);
        if (start >= 0 && end >= 0 && end < start) {
            throw ApiException.badCombination();
        }
        long offset = TimeZones.offsetMs(p.get("timeZone"));
        WireFormat w = wire(m);
        List<Kline> live = m.klines(interval, start, end, limit, r.nowMs(), offset);
        long horizon = m.klineHorizon(interval, offset);
        boolean older = history != null && (start >= 0 ? start < horizon : live.size() < limit);
        if (!older) {
            return Future.succeededFuture(klineList(live, w));
        }
        long now = r.nowMs();
        return vertx.executeBlocking(() -> klineList(withHistory(m, interval, start, end, limit, now, offset, live,
                horizon), w), false);
    }

    private List<Kline> withHistory(SymbolMarket m, KlineInterval interval, long start, long end, int limit,
                                    long nowMs, long offset, List<Kline> live, long horizon) {
        int symbolId = m.spec().id();
        java.util.OptionalLong first = history.firstTradeTime(symbolId);
        if (first.isEmpty() || first.getAsLong() >= horizon) {
            return live;
        }
        long to = horizon == Long.MAX_VALUE ? nowMs : horizon - 1;
        long bucketLength = interval.millis() > 0 ? interval.millis() : 31L * 24 * 3_600_000;
        long from = start >= 0 ? interval.openTime(start, offset)
                : (end >= 0 ? Math.min(end, to) : to) - (limit + 1L) * bucketLength;
        from = Math.max(from, first.getAsLong());
        if (from > to) {
            return live;
        }
        List<Kline> fine = history.fineKlines(symbolId, from, to, interval == KlineInterval.S1 ? 1_000 : 60_000);
        List<Kline> older = KlineFolding.fold(fine, interval, offset, history.lastPriceBefore(symbolId, from), from,
                to);
        List<Kline> all = KlineFolding.join(older, live, interval, offset);
        List<Kline> chosen = all.stream().filter(k -> (start < 0 || k.openTime() >= interval.openTime(start, offset))
                && (end < 0 || k.openTime() <= end) && k.openTime() <= nowMs).toList();
        return start >= 0 ? chosen.stream().limit(limit).toList()
                : chosen.subList(Math.max(0, chosen.size() - limit), chosen.size());
    }

    private static Buffer klineList(List<Kline> klines, WireFormat w) {
        return JsonOut.write(g -> {
            g.writeStartArray();
            for (Kline k : klines) {
                kline(g, k, w);
            }
            g.writeEndArray();
        });
    }

    private static void kline(JsonGenerator g, Kline k, WireFormat w) throws IOException {
        g.writeStartArray();
        g.writeNumber(k.openTime());
        g.writeString(w.price(k.open()));
        g.writeString(w.price(k.high()));
        g.writeString(w.price(k.low()));
        g.writeString(w.price(k.close()));
        g.writeString(w.qty(k.volume()));
        g.writeNumber(k.closeTime());
        g.writeString(w.quote(k.quoteVolume()));
        g.writeNumber(k.trades());
        g.writeString(w.qty(k.takerBuyVolume()));
        g.writeString(w.quote(k.takerBuyQuoteVolume()));
        g.writeString("0");
        g.writeEndArray();
    }

    // ------------------------------------------------------------------ prices and tickers

    private Buffer avgPrice(Request r) {
        SymbolMarket m = SymbolParams.require(md, r.params());
        int mins = m.spec().notional().avgPriceMins();
        Ticker t = m.ticker(r.nowMs() - mins * 60_000L, r.nowMs());
        List<Trade> last = m.recentTrades(1);
        WireFormat w = wire(m);
        return JsonOut.write(g -> {
            g.writeStartObject();
            g.writeNumberField("mins", mins);
            g.writeStringField("price", w.averagePrice(t));
            g.writeNumberField("closeTime", last.isEmpty() ? r.nowMs() : last.getFirst().timeMs());
            g.writeEndObject();
        });
    }

    private static int ticker24hWeight(Params p) {
        int n = SymbolParams.count(p);
        return n == 0 ? 80 : n <= 20 ? 2 : n <= 100 ? 40 : 80;
    }

    private static int perSymbolWeight(Params p) {
        return Math.min(200, 4 * Math.max(1, SymbolParams.count(p)));
    }

    private Buffer ticker24h(Request r) {
        Params p = r.params();
        boolean mini = miniType(p);
        List<SymbolMarket> markets = SymbolParams.some(md, p, true);
        return tickers(p, markets, m -> new Window(r.nowMs() - DAY, r.nowMs()), mini, true);
    }

    private Buffer tradingDay(Request r) {
        Params p = r.params();
        boolean mini = miniType(p);
        List<SymbolMarket> markets = requireSome(p);
        long offset = TimeZones.offsetMs(p.get("timeZone"));
        long dayStart = Math.floorDiv(r.nowMs() + offset, DAY) * DAY - offset;
        return tickers(p, markets, m -> new Window(dayStart, dayStart + DAY - 1), mini, false);
    }

    private Buffer rollingTicker(Request r) {
        Params p = r.params();
        boolean mini = miniType(p);
        List<SymbolMarket> markets = requireSome(p);
        long window = windowMs(p.get("windowSize"));
        long from = Math.floorDiv(r.nowMs() - window, 60_000L) * 60_000L;
        return tickers(p, markets, m -> new Window(from, r.nowMs()), mini, false);
    }

    private List<SymbolMarket> requireSome(Params p) {
        List<SymbolMarket> markets = SymbolParams.some(md, p, false);
        if (markets == null) {
            throw ApiException.badRequest(-1102, "Param 'symbol' or 'symbols' must be sent, but both were empty.");
        }
        if (markets.size() > 100) {
            throw ApiException.badRequest(-1101, "Too many values sent for parameter 'symbols', max allowed: 100");
        }
        return markets;
    }

    private static boolean miniType(Params p) {
        String type = p.get("type");
        if (type == null || type.equals("FULL")) {
            return false;
        }
        if (type.equals("MINI")) {
            return true;
        }
        throw ApiException.invalidValue("type");
    }

    private static long windowMs(String text) {
        if (text == null) {
            return DAY;
        }
        Matcher m = WINDOW.matcher(text);
        if (!m.matches()) {
            throw ApiException.invalidValue("windowSize");
        }
        int n = Integer.parseInt(m.group(1));
        return switch (m.group(2)) {
            case "m" -> check(n, 59) * 60_000L;
            case "h" -> check(n, 23) * 3_600_000L;
            default -> check(n, 7) * DAY;
        };
    }

    private static int check(int n, int max) {
        if (n < 1 || n > max) {
            throw ApiException.invalidValue("windowSize");
        }
        return n;
    }

    private record Window(long openTime, long closeTime) {
    }

    /**
     * Tickers for one symbol (an object when {@code symbol} was given) or several (an array). The 24 h ticker adds
     * the previous close and the book's best prices; MINI drops the change and average fields.
     */
    private Buffer tickers(Params p, List<SymbolMarket> markets, Function<SymbolMarket, Window> window, boolean mini,
                           boolean full24h) {
        return objectOrArray(p, markets, (g, m) -> {
            Window win = window.apply(m);
            ticker(g, m, m.ticker(win.openTime, win.closeTime), mini, full24h);
        });
    }

    private void ticker(JsonGenerator g, SymbolMarket m, Ticker t, boolean mini, boolean full24h)
            throws IOException {
        WireFormat w = wire(m);
        WindowStats s = t.stats();
        g.writeStartObject();
        g.writeStringField("symbol", m.spec().name());
        if (!mini) {
            g.writeStringField("priceChange", w.price(t.lastPrice() - s.open()));
            g.writeStringField("priceChangePercent", WireFormat.percent(s.open(), t.lastPrice()));
            g.writeStringField("weightedAvgPrice", w.averagePrice(s.quoteVolume(), s.volume()));
            if (full24h) {
                g.writeStringField("prevClosePrice", w.price(s.prevClose()));
            }
        }
        if (full24h && !mini) {
            g.writeStringField("lastPrice", w.price(t.lastPrice()));
            g.writeStringField("lastQty", w.qty(t.lastQty()));
            g.writeStringField("bidPrice", w.price(t.book().bidPrice()));
            g.writeStringField("bidQty", w.qty(t.book().bidQty()));
            g.writeStringField("askPrice", w.price(t.book().askPrice()));
            g.writeStringField("askQty", w.qty(t.book().askQty()));
        }
        g.writeStringField("openPrice", w.price(s.open()));
        g.writeStringField("highPrice", w.price(s.high()));
        g.writeStringField("lowPrice", w.price(s.low()));
        if (!full24h || mini) {
            g.writeStringField("lastPrice", w.price(t.lastPrice()));
        }
        g.writeStringField("volume", w.qty(s.volume()));
        g.writeStringField("quoteVolume", w.quote(s.quoteVolume()));
        g.writeNumberField("openTime", t.openTime());
        g.writeNumberField("closeTime", t.closeTime());
        g.writeNumberField("firstId", s.firstTradeId());
        g.writeNumberField("lastId", s.lastTradeId());
        g.writeNumberField("count", s.count());
        g.writeEndObject();
    }

    private WireFormat wire(SymbolMarket m) {
        return WireFormat.of(md.listing(), m.spec());
    }

    /** Writes one symbol's object. */
    @FunctionalInterface
    private interface PerSymbol {
        void write(JsonGenerator g, SymbolMarket m) throws IOException;
    }

    /** One object when the request named {@code symbol}, else an array with one object per market. */
    private static Buffer objectOrArray(Params p, List<SymbolMarket> markets, PerSymbol writer) {
        boolean single = p.has("symbol");
        return JsonOut.write(g -> {
            if (!single) {
                g.writeStartArray();
            }
            for (SymbolMarket m : markets) {
                writer.write(g, m);
            }
            if (!single) {
                g.writeEndArray();
            }
        });
    }

    private Buffer price(Request r) {
        return objectOrArray(r.params(), SymbolParams.some(md, r.params(), true), (g, m) -> {
            List<Trade> last = m.recentTrades(1);
            g.writeStartObject();
            g.writeStringField("symbol", m.spec().name());
            g.writeStringField("price", wire(m).price(last.isEmpty() ? 0 : last.getFirst().price()));
            g.writeEndObject();
        });
    }

    private Buffer bookTicker(Request r) {
        return objectOrArray(r.params(), SymbolParams.some(md, r.params(), true), (g, m) -> {
            BookTicker t = m.bookTicker();
            WireFormat w = wire(m);
            g.writeStartObject();
            g.writeStringField("symbol", m.spec().name());
            g.writeStringField("bidPrice", w.price(t.bidPrice()));
            g.writeStringField("bidQty", w.qty(t.bidQty()));
            g.writeStringField("askPrice", w.price(t.askPrice()));
            g.writeStringField("askQty", w.qty(t.askQty()));
            g.writeEndObject();
        });
    }
}
