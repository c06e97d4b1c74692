package io.bourse.api.stream;

import io.bourse.marketdata.DepthSpeed;
import io.bourse.marketdata.KlineInterval;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A market stream a client may subscribe to, parsed from Binance's names ({@code btcusdt@trade},
 * {@code btcusdt@depth@100ms}, {@code btcusdt@kline_1m}, {@code btcusdt@kline_1d@+08:00}, {@code !ticker@arr}).
 * Symbols are lower case in names, upper case here; all-market streams have no symbol.
 *
 * @param interval the kline interval (KLINE only)
 * @param window   the rolling window, {@code 1h} / {@code 4h} / {@code 1d} (ROLLING_TICKER, ALL_ROLLING_TICKERS)
 * @param offsetMs the time zone of a kline stream's buckets, east of UTC: 8 h for {@code kline_<i>@+08:00}, else 0
 */
record StreamName(String name, String symbol, Kind kind, DepthSpeed speed, int levels, KlineInterval interval,
                  String window, long offsetMs) {
    private static final long UTC_PLUS_8 = 8 * 3_600_000L;

    enum Kind {
        TRADE, AGG_TRADE, BOOK_TICKER, DIFF_DEPTH, PARTIAL_DEPTH, KLINE, MINI_TICKER, TICKER, ROLLING_TICKER,
        AVG_PRICE, ALL_MINI_TICKERS, ALL_TICKERS, ALL_ROLLING_TICKERS
    }

    private static final Pattern SYMBOL_STREAM = Pattern.compile("^([a-z0-9-_.]{1,20})@(trade|aggTrade|bookTicker"
            + "|depth(5|10|20)?(@100ms|@1000ms)?|kline_([0-9]{1,2}[smhdwM])(@\\+08:00)?|miniTicker|ticker"
            + "|ticker_(1h|4h|1d)"
            + "|avgPrice)$");
    private static final Pattern ALL_ROLLING = Pattern.compile("^!ticker_(1h|4h|1d)@arr$");

    static Optional<StreamName> parse(String name) {
        switch (name) {
            case "!miniTicker@arr" -> {
                return Optional.of(of(name, null, Kind.ALL_MINI_TICKERS));
            }
            case "!ticker@arr" -> {
                return Optional.of(of(name, null, Kind.ALL_TICKERS));
            }
            default -> {
            }
        }
        Matcher all = ALL_ROLLING.matcher(name);
        if (all.matches()) {
            return Optional.of(new StreamName(name, null, Kind.ALL_ROLLING_TICKERS, null, 0, null, all.group(1), 0));
        }
        Matcher m = SYMBOL_STREAM.matcher(name);
        if (!m.matches()) {
            return Optional.empty();
        }
        String symbol = m.group(1).toUpperCase(Locale.ROOT);
        String type = m.group(2);
        if (type.startsWith("depth")) {
            DepthSpeed speed = "@100ms".equals(m.group(4)) ? DepthSpeed.MS_100 : DepthSpeed.MS_1000;
            return Optional.of(m.group(3) == null
                    ? new StreamName(name, symbol, Kind.DIFF_DEPTH, speed, 0, null, null, 0)
                    : new StreamName(name, symbol, Kind.PARTIAL_DEPTH, speed, Integer.parseInt(m.group(3)), null,
                    null, 0));
        }
        if (type.startsWith("kline_")) {
            long offset = m.group(6) == null ? 0 : UTC_PLUS_8;
            return KlineInterval.of(m.group(5))
                    .map(i -> new StreamName(name, symbol, Kind.KLINE, null, 0, i, null, offset));
        }
        if (type.startsWith("ticker_")) {
            return Optional.of(new StreamName(name, symbol, Kind.ROLLING_TICKER, null, 0, null, m.group(7), 0));
        }
        Kind kind = switch (type) {
            case "trade" -> Kind.TRADE;
            case "aggTrade" -> Kind.AGG_TRADE;
            case "bookTicker" -> Kind.BOOK_TICKER;
            case "miniTicker" -> Kind.MINI_TICKER;
            case "ticker" -> Kind.TICKER;
            default -> Kind.AVG_PRICE;
        };
        return Optional.of(of(name, symbol, kind));
    }

    private static StreamName of(String name, String symbol, Kind kind) {
        return new StreamName(name, symbol, kind, null, 0, null, null, 0);
    }

    /** Window length in milliseconds of a rolling ticker stream. */
    long windowMs() {
        return switch (window) {
            case "1h" -> 3_600_000L;
            case "4h" -> 4 * 3_600_000L;
            default -> 86_400_000L;
        };
    }
}
