package io.bourse.api.rest;

import io.bourse.api.http.ApiException;
import io.bourse.api.http.Params;
import io.bourse.marketdata.MarketData;
import io.bourse.marketdata.SymbolMarket;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@code symbol} and {@code symbols} (a JSON array in one parameter) into markets. */
final class SymbolParams {
    private static final String SYMBOLS_RANGE =
            "^\\[(\"[A-Z0-9-_.]{1,20}\"(,\"[A-Z0-9-_.]{1,20}\"){0,}){0,1}\\]$";
    private static final Pattern SYMBOLS = Pattern.compile(SYMBOLS_RANGE);
    private static final Pattern ONE = Pattern.compile("\"([A-Z0-9-_.]{1,20})\"");
    private static final Pattern SYMBOL = Pattern.compile("^[A-Z0-9-_.]{1,20}$");

    private SymbolParams() {
    }

    static SymbolMarket require(MarketData md, Params p) {
        return market(md, p.require("symbol"));
    }

    static SymbolMarket market(MarketData md, String name) {
        if (!SYMBOL.matcher(name).matches()) {
            throw ApiException.illegalChars("symbol", "^[A-Z0-9-_.]{1,20}$");
        }
        return md.listing().symbol(name).map(s -> md.market(s.id())).orElseThrow(ApiException::invalidSymbol);
    }

    /**
     * The markets named by {@code symbol} or {@code symbols} (not both), or every market when neither is given
     * and {@code noneMeansAll}; null otherwise.
     */
    static List<SymbolMarket> some(MarketData md, Params p, boolean noneMeansAll) {
        if (p.has("symbol") && p.has("symbols")) {
            throw ApiException.badCombination();
        }
        if (p.has("symbol")) {
            return List.of(require(md, p));
        }
        if (!p.has("symbols")) {
            return noneMeansAll ? md.markets() : null;
        }
        String text = p.get("symbols").replace(" ", "");
        if (!SYMBOLS.matcher(text).matches()) {
            throw ApiException.illegalChars("symbols", SYMBOLS_RANGE);
        }
        List<SymbolMarket> out = new ArrayList<>();
        Matcher m = ONE.matcher(text);
        while (m.find()) {
            SymbolMarket market = market(md, m.group(1));
            if (out.contains(market)) {
                throw ApiException.badRequest(-1151, "Symbol is present multiple times in the list.");
            }
            out.add(market);
        }
        if (out.isEmpty()) {
            throw ApiException.mandatory("symbols");
        }
        return out;
    }

    /** How many symbols {@code symbol}/{@code symbols} name (0 for none), for weights; malformed counts as 1. */
    static int count(Params p) {
        if (!p.has("symbols")) {
            return p.has("symbol") ? 1 : 0;
        }
        Matcher m = ONE.matcher(p.get("symbols"));
        int n = 0;
        while (m.find()) {
            n++;
        }
        return Math.max(1, n);
    }
}
