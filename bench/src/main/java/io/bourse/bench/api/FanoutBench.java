package io.bourse.bench.api;

import io.bourse.engine.Side;
import io.bourse.engine.TimeInForce;
import io.bourse.engine.command.CancelAllOrders;
import io.bourse.engine.command.PlaceOrder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code bench/run fanout}: {@code clients} WebSocket connections (default 2,000) subscribed to the 100 ms diff
 * depth and the trades of BTCUSDT while a maker re-quotes and takers trade on it (commands straight into the core:
 * 110 re-quoting commands/s and {@code trades} fills/s, default 50). Delivery lag = receive time − the event's {@code E} (same clock: one process); for
 * trades {@code E} is the engine's time stamp, so their lag includes the pipeline. Server CPU = process CPU minus
 * the load generator's own event-loop thread.
 */
public final class FanoutBench {
    private static final int MAX_LAG_MS = 60_000;

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int clients = 2000;
        int seconds = 10;
        int trades = 50;
        int warmup = 10;
        for (int i = 1; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--clients" -> clients = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--trades" -> trades = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        try (BenchExchange exchange = new BenchExchange(dir, 20)) {
            Vertx clientVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
            WebSocketClient ws = clientVertx.createWebSocketClient(new WebSocketClientOptions()
                    .setMaxConnections(clients + 10).setDefaultHost("127.0.0.1")
                    .setDefaultPort(exchange.api.port()));
            AtomicLongArray depthLag = new AtomicLongArray(MAX_LAG_MS + 1);
            AtomicLongArray tradeLag = new AtomicLongArray(MAX_LAG_MS + 1);
            AtomicBoolean measuring = new AtomicBoolean(false);
            AtomicLong messages = new AtomicLong();
            AtomicLong dropped = new AtomicLong();
            AtomicReference<Thread> clientThread = new AtomicReference<>();
            System.err.printf("fanout: connecting %d clients...%n", clients);
            List<Future<WebSocket>> connecting = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                connecting.add(ws.connect("/stream?streams=btcusdt@depth@100ms/btcusdt@trade").onSuccess(socket -> {
                    clientThread.compareAndSet(null, Thread.currentThread());
                    socket.closeHandler(v -> dropped.incrementAndGet());
                    socket.textMessageHandler(text -> {
                        if (measuring.get()) {
                            messages.incrementAndGet();
                            record(text, text.contains("depthUpdate") ? depthLag : tradeLag);
                        }
                    });
                }));
                if (connecting.size() % 200 == 0) {
                    Future.all(connecting.subList(connecting.size() - 200, connecting.size()))
                            .toCompletionStage().toCompletableFuture().join();
                }
            }
            Future.all(connecting).toCompletionStage().toCompletableFuture().join();
            AtomicBoolean flowing = new AtomicBoolean(true);
            int tradesPerSecond = trades;
            Thread flow = Thread.ofPlatform().name("fanout-orders").start(() -> flow(exchange, tradesPerSecond,
                    flowing));
            System.err.printf("fanout: warming up (%d s)...%n", warmup);
            Thread.sleep(warmup * 1000L);
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            long client0 = threads.getThreadCpuTime(clientThread.get().threadId());
            long t0 = System.nanoTime();
            measuring.set(true);
            System.err.printf("fanout: measuring (%d s)...%n", seconds);
            Thread.sleep(seconds * 1000L);
            measuring.set(false);
            double elapsed = (System.nanoTime() - t0) / 1e9;
            double serverCores = ((os.getProcessCpuTime() - cpu0)
                    - (threads.getThreadCpuTime(clientThread.get().threadId()) - client0)) / 1e9 / elapsed;
            flowing.set(false);
            flow.join();
            long droppedClients = dropped.get();
            ws.close().toCompletionStage().toCompletableFuture().join();
            clientVertx.close().toCompletionStage().toCompletableFuture().join();
            System.out.printf(Locale.ROOT, "fanout clients=%d trades_per_s=%d messages_per_s=%.0f "
                            + "depth_lag_p50_ms=%d depth_lag_p99_ms=%d depth_lag_max_ms=%d "
                            + "trade_lag_p50_ms=%d trade_lag_p99_ms=%d server_cpu_cores=%.2f dropped_clients=%d%n",
                    clients, trades,
                    messages.get() / elapsed, pct(depthLag, 0.5), pct(depthLag, 0.99), pct(depthLag, 1.0),
                    pct(tradeLag, 0.5), pct(tradeLag, 0.99), serverCores, droppedClients);
        }
    }

    /** Reads {@code "E":<ms>} without parsing the whole message. */
    private static void record(String text, AtomicLongArray histogram) {
        int at = text.indexOf("\"E\":");
        if (at < 0) {
            return;
        }
        int end = at + 4;
        while (end < text.length() && Character.isDigit(text.charAt(end))) {
            end++;
        }
        long lag = System.currentTimeMillis() - Long.parseLong(text, at + 4, end, 10);
        histogram.incrementAndGet((int) Math.max(0, Math.min(MAX_LAG_MS, lag)));
    }

    /** A maker re-quoting ten levels every 100 ms (110 commands/s), and takers making {@code trades} fills/s. */
    private static void flow(BenchExchange exchange, int trades, AtomicBoolean flowing) {
        Random rnd = new Random(1);
        long one = BenchExchange.ONE;
        long next = System.nanoTime();
        while (flowing.get()) {
            exchange.core.submit(new CancelAllOrders(0, 1));
            for (int level = 1; level <= 5; level++) {
                long offset = one / 100 * (level + rnd.nextInt(3));
                exchange.core.submit(PlaceOrder.limit(0, 1, Side.BUY, 60_000 * one - offset, one / 100,
                        TimeInForce.GTC));
                exchange.core.submit(PlaceOrder.limit(0, 1, Side.SELL, 60_000 * one + offset, one / 100,
                        TimeInForce.GTC));
            }
            for (int t = 0; t < trades / 10; t++) {
                long user = 2 + rnd.nextInt(19);
                boolean buy = rnd.nextBoolean();
                exchange.core.submit(PlaceOrder.limit(0, user, buy ? Side.BUY : Side.SELL,
                        buy ? 60_001 * one : 59_999 * one, one / 1000, TimeInForce.IOC));
            }
            next += 100_000_000L;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
        }
    }

    private static long pct(AtomicLongArray histogram, double q) {
        long total = 0;
        for (int i = 0; i < histogram.length(); i++) {
            total += histogram.get(i);
        }
        long want = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < histogram.length(); i++) {
            seen += histogram.get(i);
            if (seen >= want && seen > 0) {
                return i;
            }
        }
        return -1;
    }
}
