package io.bourse.bench.accounts;

import io.bourse.api.ApiConfig;
import io.bourse.api.ApiServer;
import io.bourse.api.Backends;
import io.bourse.api.auth.InMemoryApiKeys;
import io.bourse.api.userdata.UserData;
import io.bourse.bench.BenchArgs;
import io.bourse.bench.pipeline.PipelineReplay;
import io.bourse.marketdata.MarketData;
import io.bourse.platform.Platform;
import io.bourse.platform.PlatformConfig;
import io.bourse.platform.kyc.Screening;
import io.bourse.platform.password.PasswordHasher;
import io.bourse.runtime.CoreConfig;
import io.bourse.runtime.ExchangeCore;
import io.bourse.store.Accounts;
import io.bourse.store.Database;
import io.bourse.store.MasterKey;
import io.vertx.core.Vertx;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code bench/run accounts}: sign-ups per second, then logins per second, over HTTP against the real server and
 * embedded PostgreSQL, with Argon2id at the production cost (19 MiB, 2 passes, 1 lane). {@code connections}
 * client threads each keep one request in flight. Sign-ups hash a password and write the user, a verification
 * token, an audit entry and a mail in one transaction; logins check the throttle, verify the hash and open a
 * session (audited).
 */
public final class AccountsBench {
    private static final String PASSWORD = "bench password 123";

    private record Result(double perSecond, long[] latenciesNs, long errors) {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        BenchArgs options = BenchArgs.parse(args, 1, "connections", "seconds");
        int connections = options.integer("connections", 8);
        int seconds = options.integer("seconds", 10);
        PipelineReplay.clean(dir);
        try (Database db = Database.embedded(dir.resolve("postgres"));
             ExchangeCore core = ExchangeCore.start(CoreConfig.defaults(dir.resolve("core")), List.of())) {
            MasterKey key = new MasterKey(new byte[32]);
            Accounts accounts = new Accounts(db, key);
            PasswordHasher.Cost cost = PasswordHasher.Cost.DEFAULT;
            Platform platform = new Platform(db, key, accounts, PlatformConfig.defaults("http://bench", dir)
                    .withPasswordCost(cost), Screening.defaults(), Clock.systemUTC());
            Vertx vertx = Vertx.vertx();
            ApiServer api = ApiServer.start(vertx, ApiConfig.defaults(0).withWeightPerMinute(100_000_000),
                    new Backends(core, new MarketData(), new UserData(), new InMemoryApiKeys(), null, accounts,
                            "bench-token", platform, null));
            String base = "http://127.0.0.1:" + api.port();
            HttpClient http = HttpClient.newHttpClient();
            AtomicLong next = new AtomicLong();
            ConcurrentLinkedQueue<String> emails = new ConcurrentLinkedQueue<>();

            System.err.println("accounts: warming up (10 s)...");
            run(connections, 10, () -> signUp(http, base, "warm" + next.incrementAndGet() + "@bench.test", emails));
            System.err.printf("accounts: measuring sign-ups (%d s, %d connections)...%n", seconds, connections);
            Result signUps = run(connections, seconds,
                    () -> signUp(http, base, "user" + next.incrementAndGet() + "@bench.test", emails));
            db.jdbi().useHandle(h -> h.execute("UPDATE users SET email_verified_at = now()"));
            List<String> known = new ArrayList<>(emails);
            System.err.printf("accounts: measuring logins (%d s, %d accounts)...%n", seconds, known.size());
            AtomicLong pick = new AtomicLong();
            Result logins = run(connections, seconds, () -> login(http, base,
                    known.get((int) (pick.incrementAndGet() % known.size()))));
            api.close();
            vertx.close().toCompletionStage().toCompletableFuture().join();
            System.out.printf(Locale.ROOT, "accounts signups_per_s=%.1f p50_ms=%.1f p99_ms=%.1f errors=%d | "
                            + "logins_per_s=%.1f p50_ms=%.1f p99_ms=%.1f errors=%d | argon2id m=%d t=%d p=%d "
                            + "connections=%d cores=%d%n", signUps.perSecond, pct(signUps.latenciesNs, 0.5),
                    pct(signUps.latenciesNs, 0.99), signUps.errors, logins.perSecond, pct(logins.latenciesNs, 0.5),
                    pct(logins.latenciesNs, 0.99), logins.errors, cost.memoryKib(), cost.iterations(), cost.lanes(),
                    connections, Runtime.getRuntime().availableProcessors());
        }
    }

    private static boolean signUp(HttpClient http, String base, String email, ConcurrentLinkedQueue<String> emails)
            throws Exception {
        boolean ok = post(http, base + "/bourse/v1/auth/signup", "email=" + email + "&password="
                + PASSWORD.replace(' ', '+'));
        if (ok) {
            emails.add(email);
        }
        return ok;
    }

    private static boolean login(HttpClient http, String base, String email) throws Exception {
        return post(http, base + "/bourse/v1/auth/login", "email=" + email + "&password=" + PASSWORD.replace(' ', '+'));
    }

    private static boolean post(HttpClient http, String url, String form) throws Exception {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
        return r.statusCode() == 200;
    }

    @FunctionalInterface
    private interface Call {
        boolean call() throws Exception;
    }

    private static Result run(int connections, int seconds, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicLong errors = new AtomicLong();
        List<Future<?>> loops = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            loops.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    long t = System.nanoTime();
                    boolean ok = call.call();
                    latencies.add(System.nanoTime() - t);
                    if (!ok) {
                        errors.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : loops) {
            f.get();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        long[] lat = latencies.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(lat);
        return new Result((lat.length - errors.get()) / elapsed, lat, errors.get());
    }

    private static double pct(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))] / 1e6;
    }
}
