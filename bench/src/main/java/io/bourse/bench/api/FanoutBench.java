package io.bourse.bench.api;

import io.bourse.bench.BenchArgs;
import io.bourse.engine.Side;
import io.bourse.engine.TimeInForce;
import io.bourse.engine.command.CancelAllOrders;
import io.bourse.engine.command.PlaceOrder;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * {@code bench/run fanout}: {@code clients} WebSocket connections (default 2,000) subscribed to the 100 ms diff
 * depth and the trades of BTCUSDT while a maker re-quotes and takers trade on it (commands straight into the core:
 * 110 re-quoting commands/s and {@code trades} fills/s, default 50). The clients are {@link WsLoad}'s, on one
 * thread. Delivery lag = receive time − the event's {@code E} (same clock: one process); for trades {@code E} is the
 * engine's time stamp, so their lag includes the pipeline. Server CPU = process CPU minus the clients' thread.
 */
public final class FanoutBench {
    private static final int MAX_LAG_MS = 60_000;
    /** Offset in a combined-stream frame of the letter after {@code btcusdt@}. */
    private static final int STREAM_KIND_AT = "{\"stream\":\"btcusdt@".length();

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        BenchArgs options = BenchArgs.parse(args, 1, "clients", "seconds", "trades", "warmup");
        int clients = options.integer("clients", 2000);
        int seconds = options.integer("seconds", 10);
        int trades = options.integer("trades", 50);
        int warmup = options.integer("warmup", 10);
        try (BenchExchange exchange = new BenchExchange(dir, 20)) {
            AtomicLongArray depthLag = new AtomicLongArray(MAX_LAG_MS + 1);
            AtomicLongArray tradeLag = new AtomicLongArray(MAX_LAG_MS + 1);
            AtomicBoolean measuring = new AtomicBoolean(false);
            AtomicLong messages = new AtomicLong();
            System.err.printf("fanout: connecting %d clients...%n", clients);
            try (WsLoad load = new WsLoad(exchange.api.port(), clients,
                    "/stream?streams=btcusdt@depth@100ms/btcusdt@trade", (buf, length) -> {
                        if (measuring.get()) {
                            messages.incrementAndGet();
                            record(buf, length, depthLag, tradeLag);
                        }
                    })) {
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
                long client0 = threads.getThreadCpuTime(load.thread().threadId());
                long t0 = System.nanoTime();
                measuring.set(true);
                System.err.printf("fanout: measuring (%d s)...%n", seconds);
                Thread.sleep(seconds * 1000L);
                measuring.set(false);
                double elapsed = (System.nanoTime() - t0) / 1e9;
                double clientCores = (threads.getThreadCpuTime(load.thread().threadId()) - client0) / 1e9 / elapsed;
                double serverCores = (os.getProcessCpuTime() - cpu0) / 1e9 / elapsed - clientCores;
                flowing.set(false);
                flow.join();
                System.out.printf(Locale.ROOT, "fanout clients=%d trades_per_s=%d messages_per_s=%.0f "
                                + "depth_lag_p50_ms=%d depth_lag_p99_ms=%d depth_lag_max_ms=%d "
                                + "trade_lag_p50_ms=%d trade_lag_p99_ms=%d server_cpu_cores=%.2f "
                                + "client_cpu_cores=%.2f dropped_clients=%d%n",
                        clients, trades, messages.get() / elapsed, pct(depthLag, 0.5), pct(depthLag, 0.99),
                        pct(depthLag, 1.0), pct(tradeLag, 0.5), pct(tradeLag, 0.99), serverCores, clientCores,
                        load.closedByServer());
            }
        }
    }

    /**
     * Reads {@code "E":<ms>} without parsing the whole message, and which stream it came on from the combined
     * wrapper: {@code {"stream":"btcusdt@d…} or {@code …@t…}.
     */
    private static void record(ByteBuffer buf, int length, AtomicLongArray depthLag, AtomicLongArray tradeLag) {
        int from = buf.position();
        int end = from + length;
        for (int i = from; i + 4 < end; i++) {
            if (buf.get(i) == '"' && buf.get(i + 1) == 'E' && buf.get(i + 2) == '"' && buf.get(i + 3) == ':') {
                long e = 0;
                for (int j = i + 4; j < end && buf.get(j) >= '0' && buf.get(j) <= '9'; j++) {
                    e = e * 10 + (buf.get(j) - '0');
                }
                long lag = System.currentTimeMillis() - e;
                AtomicLongArray histogram = buf.get(from + STREAM_KIND_AT) == 'd' ? depthLag : tradeLag;
                histogram.incrementAndGet((int) Math.max(0, Math.min(MAX_LAG_MS, lag)));
                return;
            }
        }
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
