package io.bourse.bench.api;

import io.bourse.api.auth.Signatures;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code bench/run api}: signed order placement over HTTP keep-alive against a running exchange, from a load
 * generator in the same process (its own Vert.x event loops; the machine's two cores are shared by both). Each
 * of {@code connections} loops keeps one request in flight (closed loop): a user's resting BUY LIMIT GTC, then
 * a SELL LIMIT IOC at the same price that trades against the resting buys of others. Then the same loops ask
 * {@code GET /api/v3/ping} to measure the server's bare request rate ({@code hello_per_s}).
 */
public final class ApiBench {
    private static final long SECOND = 1_000_000_000L;

    private record Result(double perSecond, long[] latenciesNs, long errors) {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int connections = 64;
        int seconds = 10;
        int users = 1000;
        for (int i = 1; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--connections" -> connections = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--users" -> users = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        try (BenchExchange exchange = new BenchExchange(dir, users)) {
            Vertx clientVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
            HttpClient client = clientVertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
                    .setDefaultHost("127.0.0.1").setDefaultPort(exchange.api.port()),
                    new PoolOptions().setHttp1MaxSize(connections));
            int u = users;
            System.err.println("api: warming up (15 s: the JIT compiles for about that long)...");
            run(client, connections, 15, (loop, n) -> order(loop, n, u));
            System.err.printf("api: measuring orders (%d s, %d connections)...%n", seconds, connections);
            Result orders = run(client, connections, seconds, (loop, n) -> order(loop, n, u));
            System.err.println("api: measuring ping (5 s)...");
            Result hello = run(client, connections, 5, (loop, n) -> new Req(HttpMethod.GET, "/api/v3/ping", null,
                    null));
            client.close().toCompletionStage().toCompletableFuture().join();
            clientVertx.close().toCompletionStage().toCompletableFuture().join();
            long[] lat = orders.latenciesNs;
            Arrays.sort(lat);
            System.out.printf(Locale.ROOT, "api orders_per_s=%.0f p50_ms=%.2f p99_ms=%.2f p999_ms=%.2f max_ms=%.2f "
                            + "errors=%d connections=%d hello_per_s=%.0f ratio=%.2f%n", orders.perSecond,
                    pct(lat, 0.5), pct(lat, 0.99), pct(lat, 0.999), lat.length == 0 ? 0 : lat[lat.length - 1] / 1e6,
                    orders.errors, connections, hello.perSecond, orders.perSecond / hello.perSecond);
        }
    }

    private record Req(HttpMethod method, String uri, String apiKey, String body) {
    }

    @FunctionalInterface
    private interface RequestSource {
        Req next(int loop, long n);
    }

    /** Loop {@code loop}'s {@code n}-th order: alternately a resting buy and a crossing IOC sell, signed. */
    private static Req order(int loop, long n, int users) {
        int user = 1 + (int) ((loop + n * 7) % users);
        boolean buy = (n & 1) == 0;
        String payload = "symbol=BTCUSDT&side=" + (buy ? "BUY" : "SELL") + "&type=LIMIT&timeInForce="
                + (buy ? "GTC" : "IOC") + "&quantity=0.001&price=60000&newOrderRespType=RESULT&timestamp="
                + System.currentTimeMillis();
        String signature = Signatures.hmacHex(BenchExchange.SECRET.getBytes(StandardCharsets.US_ASCII), payload);
        return new Req(HttpMethod.POST, "/api/v3/order", BenchExchange.key(user), payload + "&signature=" + signature);
    }

    private static Result run(HttpClient client, int connections, int seconds, RequestSource source)
            throws InterruptedException {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong done = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long[][] latencies = new long[connections][];
        int[] counts = new int[connections];
        CountDownLatch finished = new CountDownLatch(connections);
        long start = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            latencies[c] = new long[1 << 20];
            loop(client, source, c, 0, running, done, errors, latencies, counts, finished);
        }
        Thread.sleep(seconds * 1000L);
        running.set(false);
        long elapsed = System.nanoTime() - start;
        long completed = done.get();
        finished.await();
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int c = 0; c < connections; c++) {
            System.arraycopy(latencies[c], 0, all, at, counts[c]);
            at += counts[c];
        }
        return new Result(completed * (double) SECOND / elapsed, all, errors.get());
    }

    private static void loop(HttpClient client, RequestSource source, int c, long n, AtomicBoolean running,
                             AtomicLong done, AtomicLong errors, long[][] latencies, int[] counts,
                             CountDownLatch finished) {
        if (!running.get()) {
            finished.countDown();
            return;
        }
        Req req = source.next(c, n);
        long sent = System.nanoTime();
        RequestOptions options = new RequestOptions().setMethod(req.method()).setURI(req.uri());
        if (req.apiKey() != null) {
            options.putHeader("X-MBX-APIKEY", req.apiKey())
                    .putHeader("Content-Type", "application/x-www-form-urlencoded");
        }
        client.request(options)
                .compose(r -> req.body() == null ? r.send() : r.send(req.body()))
                .compose(resp -> resp.body().map(b -> resp.statusCode()))
                .onComplete(result -> {
                    if (result.failed() || result.result() != 200) {
                        errors.incrementAndGet();
                    }
                    if (counts[c] < latencies[c].length) {
                        latencies[c][counts[c]++] = System.nanoTime() - sent;
                    }
                    done.incrementAndGet();
                    loop(client, source, c, n + 1, running, done, errors, latencies, counts, finished);
                });
    }

    private static double pct(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)]
                / 1e6;
    }
}
