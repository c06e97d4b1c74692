package io.bourse.runtime;

import io.bourse.engine.Engine;
import io.bourse.engine.Invariants;
import io.bourse.engine.RejectReason;
import io.bourse.engine.EngineListener;
import io.bourse.journal.Journal;
import io.bourse.runtime.codec.CommandCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the exchange core in a child process under load from several producer threads, kills it with SIGKILL at
 * random moments, and after every kill checks: each acknowledged command is in the journal, unchanged, and
 * replays to the acknowledged outcome; balances conserve; and recovery (snapshot + journal tail) reaches the same
 * state hash as a clean replay from zero. Some kills land during start-up recovery.
 */
class CrashTest {
    private static final int ITERATIONS = Integer.getInteger("bourse.crash.iterations", 12);

    @TempDir
    Path dataDir;

    /** An acknowledgement as the child printed it. */
    record Ack(long sequence, String status, RejectReason reject, String commandHex) {
    }

    @Test
    void killedAtRandomMomentsNeverLosesAnAcknowledgedCommand() throws Exception {
        Random rnd = new Random(20261122);
        long totalAcks = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            boolean duringStartUp = i > 0 && rnd.nextInt(4) == 0;
            List<Ack> acks = runAndKill(1000L + i, duringStartUp ? rnd.nextInt(400) : 300 + rnd.nextInt(1200),
                    duringStartUp);
            totalAcks += acks.size();
            String cleanHash = checkJournalAgainst(acks);
            System.out.printf("crash iteration %d: killed %s, %d acknowledgements checked, journal at %d%n", i,
                    duringStartUp ? "during start-up" : "under load", acks.size(),
                    Journal.openReadOnly(CrashTarget.config(dataDir).journalDir()).lastSequence());
            CoreConfig config = CrashTarget.config(dataDir);
            ExchangeCore recovered = ExchangeCore.start(config, List.of());
            recovered.close();
            assertThat(recovered.engineAfterClose().stateHash()).as("iteration " + i + ": recovered state")
                    .isEqualTo(cleanHash);
        }
        assertThat(totalAcks).as("the child acknowledged commands").isGreaterThan(1000);
    }

    private List<Ack> runAndKill(long seed, long killAfterMs, boolean countFromStart) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseParallelGC", "-cp", System.getProperty("java.class.path"),
                CrashTarget.class.getName(), dataDir.toString(), Long.toString(seed), "3");
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process child = pb.start();
        List<Ack> acks = new CopyOnWriteArrayList<>();
        CountDownLatch ready = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("READY")) {
                        ready.countDown();
                    } else if (line.startsWith("ACK ")) {
                        String[] f = line.split(" ");
                        if (f.length == 5) { // a line cut by the kill is not an acknowledgement anyone saw
                            acks.add(new Ack(Long.parseLong(f[1]), f[2], RejectReason.valueOf(f[3]), f[4]));
                        }
                    }
                }
            } catch (IOException ignored) {
                // the pipe closes when the child dies
            }
        });
        reader.start();
        if (!countFromStart) {
            assertThat(ready.await(60, TimeUnit.SECONDS)).as("child started").isTrue();
        }
        Thread.sleep(killAfterMs);
        child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no flushing
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        reader.join();
        return acks;
    }

    /** Replays the journal from zero (as a fresh start would, torn tail ignored); returns the clean state hash. */
    private String checkJournalAgainst(List<Ack> acks) throws IOException {
        Map<Long, Ack> bySequence = new HashMap<>();
        for (Ack a : acks) {
            assertThat(bySequence.put(a.sequence(), a)).as("one acknowledgement per sequence").isNull();
        }
        Engine engine = new Engine(EngineListener.NONE, 0);
        CoreConfig config = CrashTarget.config(dataDir);
        Journal journal = Journal.openReadOnly(config.journalDir(), config.archiveDir());
        journal.replay(0, (seq, ts, type, payload) -> {
            String hex = CrashTarget.hex(payload);
            RejectReason outcome = engine.apply(seq, ts, CommandCodec.decode(payload));
            Ack ack = bySequence.remove(seq);
            if (ack != null) {
                assertThat(hex).as("command " + seq + " as journaled").isEqualTo(ack.commandHex());
                assertThat(outcome).as("outcome of command " + seq).isEqualTo(ack.reject());
                assertThat(outcome == RejectReason.NONE ? "ACCEPTED" : "REJECTED").isEqualTo(ack.status());
            }
        });
        assertThat(bySequence.keySet()).as("acknowledged but missing from the journal").isEmpty();
        assertThat(Invariants.violations(engine)).isEmpty();
        return engine.stateHash();
    }
}
