package io.bourse.bench.pipeline;

import io.bourse.bench.workload.WorkloadMarket;
import io.bourse.bench.workload.WorkloadStream;
import io.bourse.engine.command.Command;
import io.bourse.journal.FsyncPolicy;
import io.bourse.journal.Journal;
import io.bourse.journal.JournalConfig;
import io.bourse.journal.JournalWriter;
import io.bourse.runtime.CoreConfig;
import io.bourse.runtime.ExchangeCore;
import io.bourse.runtime.codec.CommandCodec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * How long a restart takes: journals the whole workload (setup, then every row) straight through the journal
 * writer, then times three starts of the core: from a snapshot taken {@code --tail} commands before the end, from
 * the snapshot a clean shutdown leaves at the end, and from no snapshot at all (full replay).
 *
 * <pre>RecoveryBench FILE.csv.gz DATA_DIR [--tail N]</pre>
 */
public final class RecoveryBench {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        Path dataDir = Path.of(args[1]);
        int tail = 1_000_000;
        for (int i = 2; i + 1 < args.length; i += 2) {
            if (args[i].equals("--tail")) {
                tail = Integer.parseInt(args[i + 1]);
            } else {
                throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        WorkloadStream stream = WorkloadStream.read(file);
        List<Command> setup = WorkloadMarket.setupCommands();
        long total = setup.size() + (long) stream.rows();
        CoreConfig config = CoreConfig.defaults(dataDir).withRetention(CoreConfig.Retention.KEEP)
                .withSnapshots(Long.MAX_VALUE, 3);
        PipelineReplay.clean(dataDir);

        long t0 = System.nanoTime();
        int splitRow = Math.max(0, stream.rows() - tail);
        journal(config, setup, stream, 0, splitRow);
        System.err.printf(Locale.ROOT, "journaled %,d commands in %.1f s%n", setup.size() + (long) splitRow,
                (System.nanoTime() - t0) / 1e9);
        // A full replay of all but the tail; its clean shutdown leaves the "recent" snapshot.
        start(config, "snapshot=none commands=" + (setup.size() + (long) splitRow));
        journal(config, List.of(), stream, splitRow, stream.rows());
        // The workload (over a gigabyte of arrays for 50 M commands) is not part of a restart: let it go, so the
        // collector does not keep copying and scanning it during the timed replays.
        stream = null;
        start(config, "snapshot=recent(" + tail + " commands before the end) commands=" + total);
        start(config, "snapshot=at-end commands=" + total);
        try (Stream<Path> snaps = Files.list(config.snapshotDir())) {
            for (Path p : snaps.toList()) {
                Files.delete(p);
            }
        }
        start(config, "snapshot=none commands=" + total);
    }

    private static void start(CoreConfig config, String what) throws IOException {
        System.gc(); // a restart begins with an empty young generation
        long t0 = System.nanoTime();
        ExchangeCore core = ExchangeCore.start(config, List.of());
        double startSeconds = (System.nanoTime() - t0) / 1e9;
        var r = core.recovery();
        System.out.printf(Locale.ROOT, "recovery %s start_s=%.2f replayed=%d replay_s=%.2f replay_per_s=%.0f%n",
                what, startSeconds, r.replayed(), r.seconds(), r.replayed() / Math.max(r.seconds(), 1e-9));
        core.close();
    }

    /** Appends setup (if any) and rows [from, to) to the journal, with made-up times one millisecond apart. */
    private static void journal(CoreConfig config, List<Command> setup, WorkloadStream stream, int from, int to)
            throws IOException {
        Journal journal = Journal.open(config.journalDir());
        ByteBuffer buf = ByteBuffer.allocate(1024).order(ByteOrder.LITTLE_ENDIAN);
        try (JournalWriter writer = journal.writer(JournalConfig.defaults(FsyncPolicy.NONE))) {
            long time = 1_700_000_000_000L + journal.lastSequence();
            for (Command c : setup) {
                append(writer, buf, c, time++);
            }
            for (int i = from; i < to; i++) {
                append(writer, buf, WorkloadMarket.command(stream, i), time++);
                if ((i & 0xFFFF) == 0) {
                    writer.commit();
                }
            }
            writer.commit();
        }
    }

    private static void append(JournalWriter writer, ByteBuffer buf, Command c, long time) throws IOException {
        buf.clear();
        CommandCodec.encode(c, buf);
        buf.flip();
        writer.append(writer.nextSequence(), time, CommandCodec.RECORD_TYPE, buf);
    }
}
