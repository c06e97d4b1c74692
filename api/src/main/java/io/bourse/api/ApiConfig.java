package io.bourse.api;

import io.bourse.api.stream.StreamLimits;

/**
 * Where the API listens and its limits.
 *
 * @param host              interface to bind ({@code 127.0.0.1} by default: the demo is local)
 * @param port              TCP port; 0 picks a free one
 * @param weightPerMinute   REQUEST_WEIGHT per IP per minute (Binance: 6000)
 * @param banMs             how long an IP that keeps going after 429s is banned (418)
 * @param ordersPer10s      ORDERS per account per 10 seconds (Binance: 100)
 * @param ordersPerDay      ORDERS per account per day (Binance: 200,000)
 * @param rawPer5Min        RAW_REQUESTS per IP per five minutes (Binance: 61,000)
 * @param streamLimits      market-stream connection limits (Binance's by default)
 * @param secureCookies     whether the session cookie is Secure (HTTPS, or http://localhost); off only behind
 *                          plain HTTP on another host, which a real deployment never is
 * @param eventLoops        event loops serving connections (one server each, sharing the port; connections are
 *                          spread over them): the machine's cores by default
 */
public record ApiConfig(String host, int port, int weightPerMinute, long banMs, int ordersPer10s,
                        int ordersPerDay, int rawPer5Min, StreamLimits streamLimits, boolean secureCookies,
                        int eventLoops) {
    public static ApiConfig defaults(int port) {
        return new ApiConfig("127.0.0.1", port, 6000, 120_000, 100, 200_000, 61_000, StreamLimits.BINANCE, true,
                Runtime.getRuntime().availableProcessors());
    }

    public ApiConfig withEventLoops(int loops) {
        return new ApiConfig(host, port, weightPerMinute, banMs, ordersPer10s, ordersPerDay, rawPer5Min, streamLimits,
                secureCookies, loops);
    }

    public ApiConfig withStreamLimits(StreamLimits limits) {
        return new ApiConfig(host, port, weightPerMinute, banMs, ordersPer10s, ordersPerDay, rawPer5Min, limits,
                secureCookies, eventLoops);
    }

    /** The REQUEST_WEIGHT limit; RAW_REQUESTS scales with it (as on Binance, about ten minutes' worth of weight). */
    public ApiConfig withWeightPerMinute(int weight) {
        long raw = Math.min(Integer.MAX_VALUE, Math.max(rawPer5Min, weight * 10L));
        return new ApiConfig(host, port, weight, banMs, ordersPer10s, ordersPerDay, (int) raw, streamLimits,
                secureCookies, eventLoops);
    }

    public ApiConfig withRawRequestsPer5Min(int raw) {
        return new ApiConfig(host, port, weightPerMinute, banMs, ordersPer10s, ordersPerDay, raw, streamLimits,
                secureCookies, eventLoops);
    }

    public ApiConfig withOrderLimits(int per10s, int perDay) {
        return new ApiConfig(host, port, weightPerMinute, banMs, per10s, perDay, rawPer5Min, streamLimits,
                secureCookies, eventLoops);
    }
}
