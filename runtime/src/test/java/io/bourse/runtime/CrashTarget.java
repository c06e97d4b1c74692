package io.bourse.runtime;

import io.bourse.engine.RandomCommands;
import io.bourse.engine.command.Command;
import io.bourse.journal.FsyncPolicy;
import io.bourse.journal.JournalConfig;
import io.bourse.runtime.codec.CommandCodec;
import io.bourse.runtime.pipeline.CommandResult;

import java.io.BufferedOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * The process {@link CrashTest} kills: an exchange core under load from several producer threads, printing one line
 * per acknowledged command ({@code ACK sequence status reject commandHex}) only after the acknowledgement arrived.
 *
 * <pre>CrashTarget DATA_DIR SEED PRODUCERS</pre>
 */
public final class CrashTarget {
    static CoreConfig config(Path dataDir) {
        return CoreConfig.defaults(dataDir)
                .withJournal(JournalConfig.defaults(FsyncPolicy.GROUP).withSegmentBytes(256 * 1024))
                .withSnapshots(5_000, 2)
                .withRingSize(4096);
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        long seed = Long.parseLong(args[1]);
        int producers = Integer.parseInt(args[2]);
        PrintStream out = new PrintStream(new BufferedOutputStream(System.out, 1 << 16), false);
        ExchangeCore core = ExchangeCore.start(config(dataDir), List.of());
        TrackedOrders orders = new TrackedOrders();
        RandomCommands setup = new RandomCommands(new Random(seed), 6, orders);
        List<Command> setupCommands = setup.setUp();
        if (core.recovery().lastSequence() == 0) {
            for (Command c : setupCommands) {
                core.submit(c).join();
            }
        }
        synchronized (out) {
            out.println("READY " + core.recovery().lastSequence());
            out.flush();
        }
        for (int p = 0; p < producers; p++) {
            RandomCommands commands = new RandomCommands(new Random(seed * 31 + p), 6, orders);
            commands.setUp();
            Thread t = new Thread(() -> {
                while (true) {
                    Command c = commands.next();
                    String hex = hex(c);
                    core.submit(c, r -> {
                        orders.onResult(r);
                        if (r.status() == CommandResult.Status.ACCEPTED || r.status() == CommandResult.Status.REJECTED) {
                            synchronized (out) {
                                out.println("ACK " + r.sequence() + " " + r.status() + " " + r.reject() + " " + hex);
                                out.flush();
                            }
                        }
                    });
                }
            }, "producer-" + p);
            t.start();
        }
        Thread.sleep(Long.MAX_VALUE);
    }

    static String hex(Command c) {
        ByteBuffer buf = ByteBuffer.allocate(1024).order(ByteOrder.LITTLE_ENDIAN);
        CommandCodec.encode(c, buf);
        buf.flip();
        return hex(buf);
    }

    static String hex(ByteBuffer buf) {
        byte[] bytes = new byte[buf.remaining()];
        buf.duplicate().get(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
