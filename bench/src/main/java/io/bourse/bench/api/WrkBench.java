package io.bourse.bench.api;

import io.bourse.bench.BenchArgs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bench/run api-wrk}: the order placement of {@link ApiBench} driven by wrk, the standard C load generator,
 * instead of our own {@link HttpLoad} — a check that the figures are the server's and not the harness's.
 *
 * <p>wrk cannot sign, so each phase sends requests signed just before it starts, with a {@code recvWindow} long
 * enough to outlive the phase, in turn from a file ({@code bench/wrk/requests.lua}): every user's resting BUY and
 * crossing SELL IOC, as {@link ApiBench} sends them. The server still checks every signature; only the client's
 * HMAC is saved. wrk keeps one request in flight per connection, like {@link HttpLoad}, and reports latency from
 * send to full response.
 */
public final class WrkBench {
    /** Below Binance's 60,000 ms cap; every phase must end within it. */
    private static final int RECV_WINDOW_MS = 59_000;

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Path script = Path.of(args[1]);
        BenchArgs options = BenchArgs.parse(args, 2, "connections", "threads", "seconds", "warmup", "users",
                "history");
        int connections = options.integer("connections", 64);
        int threads = options.integer("threads", 2);
        int seconds = options.integer("seconds", 10);
        int warmup = options.integer("warmup", 45);
        int users = options.integer("users", 1000);
        boolean history = options.bool("history", true);
        if (Math.max(warmup, seconds) * 1000L + 2_000 > RECV_WINDOW_MS) {
            throw new IllegalArgumentException("each phase must end within the requests' recvWindow ("
                    + RECV_WINDOW_MS + " ms)");
        }
        Path requests = dir.resolveSibling(dir.getFileName() + "-requests.txt");
        try (BenchExchange exchange = new BenchExchange(dir, users, history)) {
            String base = "http://127.0.0.1:" + exchange.api.port();
            System.err.printf("api-wrk: warming up (%d s)...%n", warmup);
            writeOrders(requests, users);
            wrk(base + "/api/v3/order", script, requests, connections, threads, warmup);
            System.err.printf("api-wrk: measuring orders (%d s, %d connections, %d wrk threads)...%n", seconds,
                    connections, threads);
            writeOrders(requests, users);
            Map<String, Long> orders = wrk(base + "/api/v3/order", script, requests, connections, threads, seconds);
            System.err.println("api-wrk: measuring ping (5 s)...");
            Files.writeString(requests, "GET /api/v3/ping HTTP/1.1~Host: 127.0.0.1~~\n", StandardCharsets.US_ASCII);
            Map<String, Long> ping = wrk(base + "/api/v3/ping", script, requests, connections, threads, 5);
            double ordersPerSecond = perSecond(orders);
            double pingsPerSecond = perSecond(ping);
            System.out.printf(Locale.ROOT, "api-wrk orders_per_s=%.0f p50_ms=%.2f p99_ms=%.2f p999_ms=%.2f "
                            + "max_ms=%.2f errors=%d connections=%d hello_per_s=%.0f ratio=%.2f%n", ordersPerSecond,
                    orders.get("p50_us") / 1e3, orders.get("p99_us") / 1e3, orders.get("p999_us") / 1e3,
                    orders.get("max_us") / 1e3, errors(orders) + errors(ping), connections, pingsPerSecond,
                    ordersPerSecond / pingsPerSecond);
        } finally {
            Files.deleteIfExists(requests);
        }
    }

    /** Writes every user's resting buy and crossing sell, signed now, one request per line. */
    private static void writeOrders(Path file, int users) throws IOException {
        long now = System.currentTimeMillis();
        String window = "&recvWindow=" + RECV_WINDOW_MS;
        List<String> lines = new ArrayList<>(2 * users);
        for (int u = 1; u <= users; u++) {
            lines.add(ApiBench.signedOrder(u, true, now, window).replace("\r\n", "~"));
            // the sell of the next user, so most trades are between two users
            lines.add(ApiBench.signedOrder(u % users + 1, false, now, window).replace("\r\n", "~"));
        }
        Files.write(file, lines, StandardCharsets.US_ASCII);
    }

    /** Runs wrk for {@code seconds} and returns the figures of its summary line. */
    private static Map<String, Long> wrk(String url, Path script, Path requests, int connections, int threads,
            int seconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s",
                "-s", script.toString(), url, "--", requests.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        for (String line : output.split("\n")) {
            if (line.startsWith("wrk ")) {
                Map<String, Long> figures = new HashMap<>();
                for (String field : line.substring(4).trim().split(" ")) {
                    String[] kv = field.split("=", 2);
                    figures.put(kv[0], Long.parseLong(kv[1]));
                }
                return figures;
            }
        }
        throw new IllegalStateException("wrk exited with " + exit + " without a summary:\n" + output);
    }

    private static double perSecond(Map<String, Long> figures) {
        return figures.get("requests") * 1e6 / figures.get("duration_us");
    }

    private static long errors(Map<String, Long> figures) {
        return figures.get("non2xx") + figures.get("socket_errors");
    }
}
