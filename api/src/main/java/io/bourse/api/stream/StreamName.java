package io.bourse.api.stream;

import io.bourse.marketdata.DepthSpeed;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A market stream a client may subscribe to, parsed from Binance's names ({@code btcusdt@trade},
 * {@code btcusdt@depth@100ms}, {@code btcusdt@depth5}). Symbols are lower case in names, upper case here.
 */
record StreamName(String name, String symbol, Kind kind, DepthSpeed speed, int levels) {
    enum Kind { TRADE, AGG_TRADE, BOOK_TICKER, DIFF_DEPTH, PARTIAL_DEPTH }

    private static final Pattern NAME = Pattern.compile(
            "^([a-z0-9-_.]{1,20})@(trade|aggTrade|bookTicker|depth(5|10|20)?(@100ms|@1000ms)?)$");

    static Optional<StreamName> parse(String name) {
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            return Optional.empty();
        }
        String symbol = m.group(1).toUpperCase(java.util.Locale.ROOT);
        String type = m.group(2);
        if (type.startsWith("depth")) {
            DepthSpeed speed = "@100ms".equals(m.group(4)) ? DepthSpeed.MS_100 : DepthSpeed.MS_1000;
            return Optional.of(m.group(3) == null
                    ? new StreamName(name, symbol, Kind.DIFF_DEPTH, speed, 0)
                    : new StreamName(name, symbol, Kind.PARTIAL_DEPTH, speed, Integer.parseInt(m.group(3))));
        }
        Kind kind = switch (type) {
            case "trade" -> Kind.TRADE;
            case "aggTrade" -> Kind.AGG_TRADE;
            default -> Kind.BOOK_TICKER;
        };
        return Optional.of(new StreamName(name, symbol, kind, null, 0));
    }
}
