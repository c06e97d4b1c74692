package io.bourse.bench.api;

import io.bourse.api.auth.Signatures;
import io.bourse.bench.BenchArgs;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@code bench/run api}: signed order placement over HTTP keep-alive against a running exchange, from a load
 * generator in the same process ({@link HttpLoad}: one thread, plain NIO; the machine's two cores are shared by
 * both). Each of {@code connections} connections keeps one request in flight (closed loop): a user's resting BUY
 * LIMIT GTC, then a SELL LIMIT IOC at the same price that trades against the resting buys of others, each signed
 * with HMAC-SHA256 when it is sent. Then the same connections ask {@code GET /api/v3/ping} to measure the server's
 * bare request rate ({@code hello_per_s}). With {@code --history true} (the default) the history store runs too, in
 * embedded PostgreSQL, as it does under {@code ./bourse}.
 */
public final class ApiBench {
    private static final byte[] PING = "GET /api/v3/ping HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SECRET = BenchExchange.SECRET.getBytes(StandardCharsets.US_ASCII);

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        BenchArgs options = BenchArgs.parse(args, 1, "connections", "seconds", "warmup", "users", "history");
        int connections = options.integer("connections", 64);
        int seconds = options.integer("seconds", 10);
        int warmup = options.integer("warmup", 45);
        int users = options.integer("users", 1000);
        boolean history = options.bool("history", true);
        try (BenchExchange exchange = new BenchExchange(dir, users, history)) {
            int port = exchange.api.port();
            int u = users;
            System.err.printf("api: warming up (%d s: the JIT compiles Netty, Vert.x and the order path for about "
                    + "that long)...%n", warmup);
            HttpLoad.run(port, connections, warmup, (c, n) -> order(c, n, u));
            System.err.printf("api: consumers' backlogs after the warm-up (commands): %s%n", exchange.core.backlogs());
            System.err.printf("api: measuring orders (%d s, %d connections)...%n", seconds, connections);
            HttpLoad.Result orders = HttpLoad.run(port, connections, seconds, (c, n) -> order(c, n, u));
            System.err.printf("api: consumers' backlogs after the orders (commands): %s%n", exchange.core.backlogs());
            System.err.println("api: measuring ping (5 s)...");
            HttpLoad.Result hello = HttpLoad.run(port, connections, 5, (c, n) -> PING);
            long[] lat = orders.latenciesNs();
            Arrays.sort(lat);
            System.out.printf(Locale.ROOT, "api orders_per_s=%.0f p50_ms=%.2f p99_ms=%.2f p999_ms=%.2f max_ms=%.2f "
                            + "errors=%d connections=%d hello_per_s=%.0f ratio=%.2f%n", orders.perSecond(),
                    pct(lat, 0.5), pct(lat, 0.99), pct(lat, 0.999), lat.length == 0 ? 0 : lat[lat.length - 1] / 1e6,
                    orders.errors() + hello.errors(), connections, hello.perSecond(),
                    orders.perSecond() / hello.perSecond());
        }
    }

    /** Connection {@code c}'s {@code n}-th order: alternately a resting buy and a crossing IOC sell, signed now. */
    private static byte[] order(int c, long n, int users) {
        int user = 1 + (int) ((c + n * 7) % users);
        return signedOrder(user, (n & 1) == 0, System.currentTimeMillis(), "").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * A signed {@code POST /api/v3/order} request: a resting BUY LIMIT GTC at 60,000 or a SELL LIMIT IOC at the
     * same price (which trades against the resting buys), by {@code user}; {@code extraParams} (e.g.
     * {@code "&recvWindow=59000"}) is signed with the rest.
     */
    static String signedOrder(int user, boolean buy, long timestampMs, String extraParams) {
        String payload = "symbol=BTCUSDT&side=" + (buy ? "BUY" : "SELL") + "&type=LIMIT&timeInForce="
                + (buy ? "GTC" : "IOC") + "&quantity=0.001&price=60000&newOrderRespType=RESULT&timestamp="
                + timestampMs + extraParams;
        String body = payload + "&signature=" + Signatures.hmacHex(SECRET, payload);
        return "POST /api/v3/order HTTP/1.1\r\nHost: 127.0.0.1\r\nX-MBX-APIKEY: " + BenchExchange.key(user)
                + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length()
                + "\r\n\r\n" + body;
    }

    private static double pct(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)]
                / 1e6;
    }
}
