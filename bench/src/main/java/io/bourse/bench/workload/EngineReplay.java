package io.bourse.bench.workload;

import io.bourse.engine.Engine;
import io.bourse.engine.EngineListener;
import io.bourse.engine.RejectReason;
import io.bourse.engine.Side;
import io.bourse.engine.command.Command;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Replays the standard workload straight into the engine on one thread (no pipeline, no journal) and prints
 * one line: throughput (median of the measured iterations), per-command latency percentiles (from a separate
 * iteration that times every command), allocation per command, and the final book to check the replay.
 *
 * <pre>
 * EngineReplay FILE.csv.gz PROFILE [--warmup N] [--iterations N] [--expect BID,ASK,BID_LEVELS,ASK_LEVELS]
 * </pre>
 */
public final class EngineReplay {
    /** Counts rejections; every workload command must be accepted. */
    static final class RejectCounter implements EngineListener {
        long rejected;
        RejectReason first;

        @Override
        public void onRejected(RejectReason reason) {
            if (rejected++ == 0) {
                first = reason;
            }
        }
    }

    public static void main(String[] args) throws Exception {
        ReplayOptions options = ReplayOptions.parse("EngineReplay", args);
        Path file = options.file();
        String profile = options.profile();
        int warmup = options.warmup();
        int iterations = options.iterations();
        WorkloadStream stream = WorkloadStream.read(file);
        Command[] commands = WorkloadMarket.commands(stream);
        int timed = commands.length - stream.prefill();
        System.err.printf(Locale.ROOT, "replaying %s: %d prefill + %d timed commands, %d warm-up and %d measured "
                + "iterations%n", file, stream.prefill(), timed, warmup, iterations);

        double[] rates = new double[iterations];
        long allocated = 0;
        Engine last = null;
        for (int it = 0; it < warmup + iterations; it++) {
            RejectCounter counter = new RejectCounter();
            Engine engine = prefilled(stream, commands, counter);
            long seq = WorkloadMarket.setupCount() + stream.prefill();
            long bytesBefore = allocatedBytes();
            long t0 = System.nanoTime();
            for (int i = stream.prefill(); i < commands.length; i++) {
                engine.apply(++seq, timeOf(i), commands[i]);
            }
            long elapsed = System.nanoTime() - t0;
            long bytes = allocatedBytes() - bytesBefore;
            check(counter, engine, stream);
            double rate = timed / (elapsed / 1e9);
            System.err.printf(Locale.ROOT, "  %s %d: %,.0f commands/s, %.1f bytes/command%n",
                    it < warmup ? "warm-up" : "iteration", it < warmup ? it + 1 : it - warmup + 1, rate,
                    (double) bytes / timed);
            if (it >= warmup) {
                rates[it - warmup] = rate;
                allocated += bytes;
            }
            last = engine;
        }
        Arrays.sort(rates);
        double median = rates[iterations / 2];

        long[] latencies = timeEachCommand(stream, commands);
        printByType(stream, latencies);
        Arrays.sort(latencies);

        long bestBid = last.books().levelPrice(WorkloadMarket.SYMBOL, Side.BUY, 0) / WorkloadMarket.TICK;
        long bestAsk = last.books().levelPrice(WorkloadMarket.SYMBOL, Side.SELL, 0) / WorkloadMarket.TICK;
        int bidLevels = last.books().levelCount(WorkloadMarket.SYMBOL, Side.BUY);
        int askLevels = last.books().levelCount(WorkloadMarket.SYMBOL, Side.SELL);
        String book = bestBid + "," + bestAsk + "," + bidLevels + "," + askLevels;
        String bookCheck = options.bookCheck(book);
        System.out.printf(Locale.ROOT, "engine workload=%s ops_per_s=%.0f p50_ns=%d p99_ns=%d p999_ns=%d "
                        + "alloc_bytes_per_op=%.2f best_bid=%d best_ask=%d bid_levels=%d ask_levels=%d book_check=%s%n",
                profile, median, percentile(latencies, 0.50), percentile(latencies, 0.99),
                percentile(latencies, 0.999), (double) allocated / ((long) timed * iterations), bestBid, bestAsk,
                bidLevels, askLevels, bookCheck);
        if (bookCheck.startsWith("MISMATCH")) {
            System.exit(1);
        }
    }

    /** Command time: the replay spreads commands over minutes like a live market (1 000 per second). */
    private static long timeOf(int i) {
        return 1_700_000_000_000L + i;
    }

    private static Engine prefilled(WorkloadStream stream, Command[] commands, EngineListener listener) {
        Engine engine = WorkloadMarket.newEngine(listener);
        long seq = WorkloadMarket.setupCount();
        for (int i = 0; i < stream.prefill(); i++) {
            engine.apply(++seq, timeOf(i), commands[i]);
        }
        return engine;
    }

    /** One more pass that reads the clock around every command (the clock read itself costs ~20 ns). */
    private static long[] timeEachCommand(WorkloadStream stream, Command[] commands) {
        RejectCounter counter = new RejectCounter();
        Engine engine = prefilled(stream, commands, counter);
        long seq = WorkloadMarket.setupCount() + stream.prefill();
        long[] latencies = new long[commands.length - stream.prefill()];
        for (int i = stream.prefill(); i < commands.length; i++) {
            long t0 = System.nanoTime();
            engine.apply(++seq, timeOf(i), commands[i]);
            latencies[i - stream.prefill()] = System.nanoTime() - t0;
        }
        check(counter, engine, stream);
        return latencies;
    }

    /** Mean and p99 per command type, to stderr: which kind of command the time goes to. */
    private static void printByType(WorkloadStream stream, long[] latencies) {
        String[] names = {"GTC", "IOC", "CANCEL", "MOVE"};
        for (byte type = 0; type < names.length; type++) {
            long[] mine = new long[latencies.length];
            int n = 0;
            for (int i = 0; i < latencies.length; i++) {
                if (stream.type()[i + stream.prefill()] == type) {
                    mine[n++] = latencies[i];
                }
            }
            if (n == 0) {
                continue;
            }
            long[] sorted = Arrays.copyOf(mine, n);
            Arrays.sort(sorted);
            System.err.printf(Locale.ROOT, "  %-6s %5.1f %% of commands: mean %d ns, p50 %d ns, p99 %d ns%n", names[type],
                    100.0 * n / latencies.length, Arrays.stream(sorted).sum() / n, percentile(sorted, 0.5),
                    percentile(sorted, 0.99));
        }
    }

    private static void check(RejectCounter counter, Engine engine, WorkloadStream stream) {
        if (counter.rejected > 0) {
            throw new IllegalStateException(counter.rejected + " workload commands were rejected, first: "
                    + counter.first);
        }
        long maxId = Arrays.stream(stream.orderId()).max().orElse(0);
        if (engine.books().nextOrderId() != maxId + 1) {
            throw new IllegalStateException("engine assigned order ids up to " + (engine.books().nextOrderId() - 1)
                    + ", the workload up to " + maxId);
        }
    }

    private static long percentile(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    private static long allocatedBytes() {
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return bean.getCurrentThreadAllocatedBytes();
    }
}
