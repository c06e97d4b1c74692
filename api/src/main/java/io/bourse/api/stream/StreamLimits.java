package io.bourse.api.stream;

/**
 * Binance's limits on market-stream connections.
 *
 * @param messagesPerSecond    incoming frames (JSON, pings, pongs) a connection may send per second; more closes it
 * @param streamsPerConnection subscriptions one connection may hold
 * @param lifetimeMs           how long a connection lives before the server closes it
 * @param connectionsPer5Min   connection attempts one IP may make per five minutes
 */
public record StreamLimits(int messagesPerSecond, int streamsPerConnection, long lifetimeMs, int connectionsPer5Min) {
    public static final StreamLimits BINANCE = new StreamLimits(5, 1024, 24 * 3_600_000L, 300);
}
