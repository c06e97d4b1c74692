package io.bourse.bench.pipeline;

import io.bourse.bench.BenchArgs;
import io.bourse.bench.workload.WorkloadMarket;
import io.bourse.bench.workload.WorkloadStream;
import io.bourse.engine.Engine;
import io.bourse.engine.Side;
import io.bourse.engine.command.Command;
import io.bourse.journal.FsyncPolicy;
import io.bourse.runtime.CoreConfig;
import io.bourse.runtime.ExchangeCore;
import io.bourse.runtime.event.EncodedEvents;
import io.bourse.runtime.event.EventCursor;
import io.bourse.runtime.pipeline.CommandCallback;
import io.bourse.runtime.pipeline.CommandResult;
import io.bourse.runtime.pipeline.EventConsumer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Replays the standard workload through the whole durable pipeline: a producer thread submits, the sequencer
 * stamps and journals (group commit), the engine applies, the responder acknowledges every command, and a
 * market-data tape consumer reads every event. Prints a throughput line (median of the measured iterations,
 * each on a fresh data directory) and, for each offered rate, a latency line measured from each command's
 * planned send time to its acknowledgement (so queueing counts), after the same rate was offered unmeasured for a
 * warm-up (the acknowledgement path with per-command callbacks is not the throughput run's, and the JIT compiles it
 * during the first second).
 *
 * <pre>
 * PipelineReplay FILE.csv.gz PROFILE DATA_DIR [--fsync group|none] [--warmup N] [--iterations N]
 *                [--rates 10000,100000] [--seconds S] [--latency-warmup S] [--preallocate true|false]
 *                [--expect BID,ASK,BID_LEVELS,ASK_LEVELS]
 * </pre>
 */
public final class PipelineReplay {
    private static final int BATCH = 256;

    /**
     * Stands in for the market-data consumers to come: reads every event in place (no decoding into objects), counts
     * trades and their volume, and follows order changes as a depth consumer would (a checksum of price × leaves).
     */
    static final class TapeConsumer implements EventConsumer {
        private final EventCursor cursor = new EventCursor();
        long trades;
        long quoteVolume;
        long depthChecksum;

        @Override
        public String name() {
            return "tape";
        }

        @Override
        public long lastAppliedSequence() {
            return FROM_NOW;
        }

        @Override
        public void onCommand(long sequence, long timestampMs, Command command, EncodedEvents events) {
            cursor.reset(events);
            while (cursor.next()) {
                switch (cursor.kind()) {
                    case TRADE -> {
                        trades++;
                        quoteVolume += cursor.tradeQuoteQty();
                    }
                    case ORDER -> depthChecksum += cursor.orderPrice() * 31 + cursor.orderLeavesQty();
                    default -> { }
                }
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        String profile = args[1];
        Path dataDir = Path.of(args[2]);
        BenchArgs options = BenchArgs.parse(args, 3, "fsync", "warmup", "iterations", "rates", "seconds",
                "latency-warmup", "preallocate", "expect", "ring", "wait");
        FsyncPolicy fsync = options.value("fsync", v -> FsyncPolicy.valueOf(v.toUpperCase(Locale.ROOT)),
                FsyncPolicy.GROUP);
        int warmup = options.integer("warmup", 2);
        int iterations = options.integer("iterations", 5);
        long[] rates = options.value("rates", v -> Arrays.stream(v.split(",")).mapToLong(Long::parseLong).toArray(),
                new long[] {10_000, 100_000});
        int seconds = options.integer("seconds", 5);
        int latencyWarmup = options.integer("latency-warmup", 2);
        boolean preallocate = options.bool("preallocate", true);
        String expect = options.string("expect", null);
        CoreConfig.WaitMode wait = options.value("wait", v -> CoreConfig.WaitMode.valueOf(v.toUpperCase(Locale.ROOT)),
                CoreConfig.WaitMode.PARKING);
        int ring = options.integer("ring", 1 << 16);
        WorkloadStream stream = WorkloadStream.read(file);
        Command[] commands = WorkloadMarket.commands(stream);
        CoreConfig defaults = CoreConfig.defaults(dataDir);
        CoreConfig config = defaults.withJournal(defaults.journal().withPreallocation(preallocate))
                .withFsync(fsync).withRingSize(ring)
                .withRetention(CoreConfig.Retention.DELETE).withWaitMode(wait);
        String fsyncName = fsync.name().toLowerCase(Locale.ROOT);

        double[] measured = new double[iterations];
        String book = null;
        for (int it = 0; it < warmup + iterations; it++) {
            Throughput t = throughput(config, stream, commands);
            book = t.book;
            System.err.printf(Locale.ROOT, "  %s %d: %,.0f commands/s (%,d trades on the tape)%n",
                    it < warmup ? "warm-up" : "iteration", it < warmup ? it + 1 : it - warmup + 1, t.rate, t.trades);
            if (it >= warmup) {
                measured[it - warmup] = t.rate;
            }
        }
        Arrays.sort(measured);
        String[] b = book.split(",");
        String check = expect == null ? "unchecked" : expect.equals(book) ? "ok" : "MISMATCH(expected " + expect + ")";
        System.out.printf(Locale.ROOT, "pipeline workload=%s fsync=%s ops_per_s=%.0f best_bid=%s best_ask=%s "
                        + "bid_levels=%s ask_levels=%s book_check=%s%n", profile, fsyncName,
                measured[iterations / 2], b[0], b[1], b[2], b[3], check);

        for (long rate : rates) {
            long[] lat = latency(config, stream, commands, rate, latencyWarmup, seconds);
            Arrays.sort(lat);
            System.out.printf(Locale.ROOT, "pipeline latency rate=%d fsync=%s p50_us=%.1f p90_us=%.1f p99_us=%.1f "
                            + "p999_us=%.1f max_us=%.1f%n", rate, fsyncName, pct(lat, 0.50), pct(lat, 0.90),
                    pct(lat, 0.99), pct(lat, 0.999), lat[lat.length - 1] / 1e3);
        }
        if (check.startsWith("MISMATCH")) {
            System.exit(1);
        }
    }

    record Throughput(double rate, String book, long trades) {
    }

    private static Throughput throughput(CoreConfig config, WorkloadStream stream, Command[] commands)
            throws Exception {
        clean(config.dataDir());
        TapeConsumer tape = new TapeConsumer();
        ExchangeCore core = ExchangeCore.start(config, List.of(tape));
        prepare(core, stream, commands);
        settle();
        int timed = commands.length - stream.prefill();
        AtomicLong acknowledged = new AtomicLong();
        CommandCallback count = new CommandCallback() {
            @Override
            public void onResult(CommandResult result) {
                acknowledged.incrementAndGet();
            }

            @Override
            public boolean needsEvents() {
                return false;
            }
        };
        long t0 = System.nanoTime();
        for (int i = stream.prefill(); i < commands.length; i += BATCH) {
            core.submitBatch(commands, i, Math.min(BATCH, commands.length - i), count);
        }
        while (acknowledged.get() < timed) {
            LockSupport.parkNanos(10_000);
        }
        double rate = timed / ((System.nanoTime() - t0) / 1e9);
        core.close();
        Engine engine = core.engineAfterClose();
        String book = engine.books().levelPrice(WorkloadMarket.SYMBOL, Side.BUY, 0) / WorkloadMarket.TICK + ","
                + engine.books().levelPrice(WorkloadMarket.SYMBOL, Side.SELL, 0) / WorkloadMarket.TICK + ","
                + engine.books().levelCount(WorkloadMarket.SYMBOL, Side.BUY) + ","
                + engine.books().levelCount(WorkloadMarket.SYMBOL, Side.SELL);
        return new Throughput(rate, book, tape.trades);
    }

    /**
     * Offers the timed commands at a fixed rate for {@code warmup} then {@code seconds} seconds; returns, per command
     * of the measured seconds, nanoseconds from its planned send time to its acknowledgement.
     */
    private static long[] latency(CoreConfig config, WorkloadStream stream, Command[] commands, long rate,
                                  int warmup, int seconds) throws Exception {
        clean(config.dataDir());
        ExchangeCore core = ExchangeCore.start(config, List.of(new TapeConsumer()));
        prepare(core, stream, commands);
        settle();
        int n = (int) Math.min(commands.length - stream.prefill(), rate * (warmup + seconds));
        int unmeasured = (int) Math.min(n - 1, rate * warmup);
        long[] planned = new long[n];
        long[] latencies = new long[n];
        AtomicLong done = new AtomicLong();
        long firstSequence = WorkloadMarket.setupCount() + stream.prefill() + 1;
        CommandCallback record = r -> {
            int i = (int) (r.sequence() - firstSequence);
            latencies[i] = System.nanoTime() - planned[i];
            done.incrementAndGet();
        };
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime() + 1_000_000;
        for (int i = 0; i < n; i++) {
            planned[i] = start + i * interval;
        }
        // Every command goes out at (or just after) its planned time; between due commands the producer sleeps,
        // so the load generator does not take a core from the pipeline.
        int sent = 0;
        while (sent < n) {
            long now = System.nanoTime();
            int due = (int) Math.min(n, Math.max(0, (now - start) / interval + 1));
            if (due > sent) {
                int count = Math.min(due - sent, BATCH);
                core.submitBatch(commands, stream.prefill() + sent, count, record);
                sent += count;
            } else {
                LockSupport.parkNanos(Math.min(planned[sent] - now, 50_000));
            }
        }
        while (done.get() < n) {
            LockSupport.parkNanos(100_000);
        }
        core.close();
        return Arrays.copyOfRange(latencies, unmeasured, n);
    }

    /** Lists the market, funds the users and places the prefill orders, all through the pipeline. */
    private static void prepare(ExchangeCore core, WorkloadStream stream, Command[] commands) {
        Command[] setup = WorkloadMarket.setupCommands().toArray(Command[]::new);
        AtomicLong ok = new AtomicLong();
        AtomicLong bad = new AtomicLong();
        CommandCallback check = r -> (r.status() == CommandResult.Status.ACCEPTED ? ok : bad).incrementAndGet();
        core.submitBatch(setup, 0, setup.length, check);
        core.submitBatch(commands, 0, stream.prefill(), check);
        long expected = setup.length + stream.prefill();
        while (ok.get() + bad.get() < expected) {
            LockSupport.parkNanos(100_000);
        }
        if (bad.get() > 0) {
            throw new IllegalStateException(bad.get() + " setup or prefill commands were not accepted");
        }
    }

    /**
     * Each run starts a new core, whose long-lived arrays (ring, event arena, buffers) are still in the young
     * generation; a running exchange has them in the old one. Collect once before timing so the first young
     * collection of the run does not copy them.
     */
    private static void settle() {
        System.gc();
    }

    private static double pct(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e3;
    }

    /** Deletes {@code dir} and everything in it, if it exists (each measured run starts from nothing). */
    public static void clean(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
