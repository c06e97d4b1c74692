package io.bourse.bench.workload;

import io.bourse.engine.Engine;
import io.bourse.engine.Side;
import io.bourse.engine.command.Command;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The floor matcher is a yardstick only if it does the same work as the engine: on random streams of the
 * workload's four row types, both end with the same book and the same balances for every user and the fee account.
 */
class FloorReplayTest {

    @Property(tries = 30)
    void endsWhereTheEngineEnds(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        WorkloadStream stream = randomStream(new Random(seed), 3_000);

        Engine engine = WorkloadMarket.newEngine(new EngineReplay.RejectCounter());
        long seq = WorkloadMarket.setupCount();
        for (Command c : WorkloadMarket.commands(stream)) {
            assertThat(engine.apply(++seq, 0, c)).as("row %d", seq).hasToString("NONE");
        }
        FloorReplay floor = FloorReplay.replay(stream);

        assertThat(floor.book()).isEqualTo(book(engine));
        for (int user = 0; user <= 40; user++) {
            for (int asset = 0; asset < 2; asset++) {
                assertThat(floor.free(user, asset)).as("free, user %d asset %d", user, asset)
                        .isEqualTo(engine.free(user, asset));
                assertThat(floor.locked(user, asset)).as("locked, user %d asset %d", user, asset)
                        .isEqualTo(engine.locked(user, asset));
            }
        }
    }

    /**
     * With all the work {@code --with} can add (the options are fixed per process, so a child process runs it), the
     * floor still replays a stream to the engine's final book: the added bookkeeping changes nothing it settles.
     */
    @Test
    void addedWorkLeavesTheReplayAsItWas(@TempDir Path dir) throws Exception {
        WorkloadStream stream = randomStream(new Random(7), 4_000);
        Engine engine = WorkloadMarket.newEngine(new EngineReplay.RejectCounter());
        long seq = WorkloadMarket.setupCount();
        for (Command c : WorkloadMarket.commands(stream)) {
            engine.apply(++seq, 0, c);
        }
        Path csv = write(stream, dir.resolve("stream.csv.gz"));
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-Dbourse.floor.with=events,balances,checks,rules", "-cp",
                System.getProperty("java.class.path"), FloorReplay.class.getName(), csv.toString(), "SPOT",
                "--warmup", "0", "--iterations", "1", "--expect", book(engine))
                .redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).contains("with=events,balances,checks,rules").contains("book_check=ok");
        assertThat(child.exitValue()).isZero();
    }

    private static Path write(WorkloadStream w, Path file) throws IOException {
        String[] types = {"GTC", "IOC", "CANCEL", "MOVE"};
        try (Writer out = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(file)),
                StandardCharsets.US_ASCII)) {
            out.write("seq,type,orderId,uid,side,price,size\n");
            for (int i = 0; i < w.rows(); i++) {
                out.write(i + "," + types[w.type()[i]] + "," + w.orderId()[i] + "," + w.uid()[i] + ","
                        + (w.bid()[i] ? "BID" : "ASK") + "," + w.price()[i] + "," + w.lots()[i] + "\n");
            }
        }
        return file;
    }

    private static String book(Engine engine) {
        var books = engine.books();
        long bid = books.levelPrice(WorkloadMarket.SYMBOL, Side.BUY, 0) / WorkloadMarket.TICK;
        long ask = books.levelPrice(WorkloadMarket.SYMBOL, Side.SELL, 0) / WorkloadMarket.TICK;
        return bid + "," + ask + "," + books.levelCount(WorkloadMarket.SYMBOL, Side.BUY) + ","
                + books.levelCount(WorkloadMarket.SYMBOL, Side.SELL);
    }

    /**
     * GTC, IOC, CANCEL and MOVE rows as the generator writes them: cancels and moves name orders still resting
     * (which a floor replaying the rows as they are written tells; the engine then has to agree).
     */
    private static WorkloadStream randomStream(Random rnd, int rows) {
        WorkloadStream w = new WorkloadStream(0, new byte[rows], new long[rows], new int[rows], new boolean[rows],
                new long[rows], new int[rows]);
        FloorReplay writing = new FloorReplay(rows);
        List<Long> resting = new ArrayList<>();
        long nextId = 1;
        for (int i = 0; i < rows; i++) {
            resting.removeIf(id -> !writing.rests(id));
            int roll = rnd.nextInt(100);
            if (resting.isEmpty() || roll < 60) {
                boolean ioc = roll < 10;
                w.type()[i] = ioc ? WorkloadStream.IOC : WorkloadStream.GTC;
                w.orderId()[i] = nextId++;
                w.uid()[i] = 1 + rnd.nextInt(40);
                w.bid()[i] = rnd.nextBoolean();
                w.price()[i] = ioc ? (w.bid()[i] ? 12_000_000 : 3_000_000) : 6_000_000 + rnd.nextInt(41) - 20;
                w.lots()[i] = 1 + rnd.nextInt(20);
                if (!ioc) {
                    resting.add(w.orderId()[i]);
                }
            } else {
                long id = resting.get(rnd.nextInt(resting.size()));
                boolean move = roll >= 85;
                w.type()[i] = move ? WorkloadStream.MOVE : WorkloadStream.CANCEL;
                w.orderId()[i] = id;
                w.uid()[i] = writing.owner(id);
                w.bid()[i] = writing.isBid(id);
                w.price()[i] = move ? 6_000_000 + rnd.nextInt(41) - 20 : 0;
            }
            writing.apply(w, i);
        }
        return w;
    }
}
