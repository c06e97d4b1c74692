package io.bourse.api;

/**
 * Where the API listens and its limits.
 *
 * @param host            interface to bind ({@code 127.0.0.1} by default: the demo is local)
 * @param port            TCP port; 0 picks a free one
 * @param weightPerMinute REQUEST_WEIGHT per IP per minute (Binance: 6000)
 * @param banMs           how long an IP that keeps going after 429s is banned (418)
 */
public record ApiConfig(String host, int port, int weightPerMinute, long banMs) {
    public static ApiConfig defaults(int port) {
        return new ApiConfig("127.0.0.1", port, 6000, 120_000);
    }

    public ApiConfig withWeightPerMinute(int weight) {
        return new ApiConfig(host, port, weight, banMs);
    }
}
