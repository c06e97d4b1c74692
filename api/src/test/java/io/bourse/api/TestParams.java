package io.bourse.api;

import java.util.LinkedHashMap;

/** Parameters for Binance's Java connector, in the order given: {@code params("symbol", "BTCUSDT", "limit", 5)}. */
final class TestParams {
    private TestParams() {
    }

    static LinkedHashMap<String, Object> params(Object... kv) {
        LinkedHashMap<String, Object> p = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            p.put((String) kv[i], kv[i + 1]);
        }
        return p;
    }
}
