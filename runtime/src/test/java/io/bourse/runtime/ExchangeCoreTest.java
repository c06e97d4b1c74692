package io.bourse.runtime;

import io.bourse.engine.Engine;
import io.bourse.engine.RandomCommands;
import io.bourse.engine.RejectReason;
import io.bourse.engine.EngineListener;
import io.bourse.journal.Damage;
import io.bourse.journal.FailingChannel;
import io.bourse.journal.FsyncPolicy;
import io.bourse.journal.Journal;
import io.bourse.journal.JournalConfig;
import io.bourse.runtime.codec.CommandCodec;
import io.bourse.runtime.pipeline.CommandResult;
import io.bourse.runtime.pipeline.CommandResult.Status;
import io.bourse.runtime.pipeline.EventConsumer;
import io.bourse.runtime.recovery.JournalVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExchangeCoreTest {
    @TempDir
    Path dir;

    private CoreConfig config() {
        return CoreConfig.defaults(dir)
                .withJournal(JournalConfig.defaults(FsyncPolicy.GROUP).withSegmentBytes(32 * 1024))
                .withSnapshots(700, 2)
                .withRingSize(1024);
    }

    /** Submits a random stream in chunks, waiting for each chunk's results; returns results by sequence. */
    private static Map<Long, CommandResult> drive(ExchangeCore core, RandomCommands commands, TrackedOrders orders,
                                                  int count) {
        Map<Long, CommandResult> results = new TreeMap<>();
        int done = 0;
        while (done < count) {
            List<CompletableFuture<CommandResult>> chunk = new ArrayList<>();
            for (int i = 0; i < 40 && done < count; i++, done++) {
                chunk.add(core.submit(commands.next()));
            }
            for (CompletableFuture<CommandResult> f : chunk) {
                CommandResult r = f.join();
                orders.onResult(r);
                results.put(r.sequence(), r);
            }
        }
        return results;
    }

    /** A reader from the start of the journal that does {@code onSequence} with each command's sequence. */
    private static EventConsumer reader(String name, java.util.function.LongConsumer onSequence) {
        return new EventConsumer() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public long lastAppliedSequence() {
                return 0;
            }

            @Override
            public void onCommand(long sequence, long timestampMs, io.bourse.engine.command.Command command,
                                  io.bourse.runtime.event.EncodedEvents events) {
                onSequence.accept(sequence);
            }
        };
    }

    private static RandomCommands setUp(ExchangeCore core, long seed, TrackedOrders orders) {
        RandomCommands commands = new RandomCommands(new Random(seed), 6, orders);
        commands.setUp().forEach(c -> assertThat(core.submit(c).join().status()).isEqualTo(Status.ACCEPTED));
        return commands;
    }

    @Test
    void acknowledgedOutcomesSurviveRestartsAndEqualACleanReplay() throws IOException {
        TrackedOrders orders = new TrackedOrders();
        Map<Long, CommandResult> results;
        String hashAtClose;
        ExchangeCore core = ExchangeCore.start(config(), List.of());
        RandomCommands commands = setUp(core, 7, orders);
        results = drive(core, commands, orders, 3_000);
        core.close();
        hashAtClose = core.engineAfterClose().stateHash();
        assertThat(results.values()).extracting(CommandResult::status)
                .contains(Status.ACCEPTED, Status.REJECTED).doesNotContain(Status.UNKNOWN, Status.REFUSED);
        assertThat(Files.list(config().archiveDir()).count()).as("covered segments archived").isPositive();

        // Every acknowledged outcome is what the journal replays to.
        Map<Long, RejectReason> replayed = replayOutcomes();
        results.forEach((seq, r) -> assertThat(replayed.get(seq)).as("command " + seq).isEqualTo(r.reject()));

        JournalVerifier.Report report = JournalVerifier.verify(config().journalDir(), config().archiveDir(), 0);
        assertThat(report.ok()).isTrue();
        assertThat(report.stateHash()).isEqualTo(hashAtClose);

        ExchangeCore again = ExchangeCore.start(config(), List.of());
        assertThat(again.recovery().replayed()).as("clean shutdown left a snapshot at the end").isZero();
        again.close();
        assertThat(again.engineAfterClose().stateHash()).isEqualTo(hashAtClose);
    }

    @Test
    void commandsSubmittedWithADeferredWakeUpAllRunWhetherOrNotTheWakeUpTaskRuns() throws Exception {
        ExchangeCore core = ExchangeCore.start(config(), List.of());
        TrackedOrders orders = new TrackedOrders();
        RandomCommands commands = setUp(core, 5, orders);
        Thread.sleep(50);   // let the stages park
        java.util.concurrent.ConcurrentLinkedQueue<Runnable> later = new java.util.concurrent.ConcurrentLinkedQueue<>();
        List<CompletableFuture<CommandResult>> first = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            CompletableFuture<CommandResult> f = new CompletableFuture<>();
            core.submit(commands.next(), f::complete, later::add);
            first.add(f);
        }
        assertThat(later).as("one wake-up for the whole turn").hasSize(1);
        later.poll().run();
        first.forEach(f -> orders.onResult(f.join()));

        // an event loop that never ran the task: the parked stages still wake, after their safety timeout
        CompletableFuture<CommandResult> stranded = new CompletableFuture<>();
        core.submit(commands.next(), stranded::complete, task -> { });
        assertThat(stranded.get(5, java.util.concurrent.TimeUnit.SECONDS).status()).isNotEqualTo(Status.UNKNOWN);
        core.close();
    }

    @Test
    void damagedNewestSnapshotFallsBackToAnOlderOneThenToTheJournal() throws IOException {
        String hash;
        ExchangeCore core = ExchangeCore.start(config().withRetention(CoreConfig.Retention.KEEP), List.of());
        TrackedOrders orders = new TrackedOrders();
        drive(core, setUp(core, 11, orders), orders, 2_000);
        core.close();
        hash = core.engineAfterClose().stateHash();
        List<Path> snaps = snapshotFiles();
        assertThat(snaps).hasSize(2);
        Damage.flipByte(snaps.getLast(), 100);
        ExchangeCore fromOlder = ExchangeCore.start(config(), List.of());
        assertThat(fromOlder.recovery().snapshotSequence()).isEqualTo(sequenceOf(snaps.getFirst()));
        assertThat(fromOlder.recovery().replayed()).isPositive();
        fromOlder.close();
        assertThat(fromOlder.engineAfterClose().stateHash()).isEqualTo(hash);
        for (Path p : snapshotFiles()) {
            Files.delete(p);
        }
        ExchangeCore fromJournal = ExchangeCore.start(config(), List.of());
        assertThat(fromJournal.recovery().snapshotSequence()).isZero();
        fromJournal.close();
        assertThat(fromJournal.engineAfterClose().stateHash()).isEqualTo(hash);
    }

    @Test
    void consumersResumeFromTheirOwnPositionWithoutLossOrRepeats() throws IOException {
        Path tapeDir = dir.resolve("tape");
        TrackedOrders orders = new TrackedOrders();
        RandomCommands commands;
        long last;
        ExchangeCore core = ExchangeCore.start(config(), List.of(new FileConsumer(tapeDir)));
        commands = setUp(core, 3, orders);
        drive(core, commands, orders, 1_500);
        core.close();
        last = core.engineAfterClose().lastSequence();
        FileConsumer tape = new FileConsumer(tapeDir);
        assertThat(tape.lastAppliedSequence()).isEqualTo(last);
        assertThat(tape.lines()).hasSize((int) last);

        // The consumer lost its last 900 commands (say, its database was restored from an older backup).
        Files.writeString(tapeDir.resolve("position.txt"), Long.toString(last - 900));
        ExchangeCore resumed = ExchangeCore.start(config(), List.of(new FileConsumer(tapeDir)));
        assertThat(resumed.recovery().snapshotSequence()).isLessThanOrEqualTo(last - 900);
        drive(resumed, commands, orders, 500);
        resumed.close();
        last = resumed.engineAfterClose().lastSequence();
        List<Long> sequences = new FileConsumer(tapeDir).lines().stream().map(FileConsumer::sequenceOf).toList();
        assertThat(sequences).hasSize((int) last);
        for (int i = 0; i < sequences.size(); i++) {
            assertThat(sequences.get(i)).isEqualTo(i + 1);
        }
    }

    @Test
    void failingConsumerStopsAloneAndTheExchangeCarriesOn() throws IOException {
        EventConsumer broken = reader("broken", sequence -> {
            if (sequence == 50) {
                throw new IllegalStateException("disk of the analytics box is full");
            }
        });
        try (ExchangeCore core = ExchangeCore.start(config().withRingSize(64), List.of(broken))) {
            TrackedOrders orders = new TrackedOrders();
            Map<Long, CommandResult> results = drive(core, setUp(core, 5, orders), orders, 400);
            assertThat(results).hasSize(400);
            assertThat(core.backlogs()).containsKeys("journal", "engine", "responder", "consumer:broken");
        }
    }

    /** The price of a slow reader (the history writer on a slow database, say): once a ring behind, it is waited for. */
    @Test
    void aReaderAWholeRingBehindHoldsSubmittersBackUntilItCatchesUp() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        EventConsumer stuck = reader("stuck", sequence -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try (ExchangeCore core = ExchangeCore.start(config().withRingSize(64), List.of(stuck))) {
            TrackedOrders orders = new TrackedOrders();
            RandomCommands commands = setUp(core, 3, orders);
            CompletableFuture<Map<Long, CommandResult>> driving =
                    CompletableFuture.supplyAsync(() -> drive(core, commands, orders, 200));
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (core.ringFullWaits() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(core.ringFullWaits()).as("submitters found the ring full").isPositive();
            assertThat(driving).isNotDone();
            assertThat(core.backlogs().get("consumer:stuck")).isGreaterThanOrEqualTo(60L);

            release.countDown();
            assertThat(driving.get(30, java.util.concurrent.TimeUnit.SECONDS)).hasSize(200);
        }
    }

    @Test
    void fullDiskStopsAcceptingAndNothingUnwrittenIsAcknowledged() throws IOException {
        AtomicLong budget = new AtomicLong(20_000);
        JournalConfig failing = JournalConfig.defaults(FsyncPolicy.GROUP).withSegmentBytes(32 * 1024)
                .withChannels(p -> new FailingChannel(JournalConfig.ChannelOpener.FILES.open(p), budget));
        List<CommandResult> results = new ArrayList<>();
        try (ExchangeCore core = ExchangeCore.start(config().withJournal(failing), List.of())) {
            TrackedOrders orders = new TrackedOrders();
            RandomCommands commands = setUp(core, 9, orders);
            for (int i = 0; i < 600; i++) {
                CommandResult r = core.submit(commands.next()).join();
                orders.onResult(r);
                results.add(r);
            }
            assertThat(core.accepting()).isFalse();
        }
        List<Status> statuses = results.stream().map(CommandResult::status).toList();
        int firstUnknown = statuses.indexOf(Status.UNKNOWN);
        assertThat(firstUnknown).as("the write that failed is reported as unknown").isPositive();
        assertThat(statuses.subList(0, firstUnknown)).doesNotContain(Status.UNKNOWN, Status.REFUSED);
        assertThat(statuses.subList(firstUnknown + 1, statuses.size())).containsOnly(Status.REFUSED);

        long lastAcknowledged = results.get(firstUnknown - 1).sequence();
        Journal journal = Journal.open(config().journalDir());
        assertThat(journal.lastSequence()).isBetween(lastAcknowledged, lastAcknowledged + 1);
        Map<Long, RejectReason> replayed = replayOutcomes();
        for (CommandResult r : results.subList(0, firstUnknown)) {
            assertThat(replayed.get(r.sequence())).isEqualTo(r.reject());
        }
        try (ExchangeCore core = ExchangeCore.start(config(), List.of())) {
            assertThat(core.submit(new io.bourse.engine.command.Deposit(1, 0, 5, 777)).join().status())
                    .isEqualTo(Status.ACCEPTED);
        }
    }

    @Test
    void closedCoreRefusesCommands() throws IOException {
        ExchangeCore core = ExchangeCore.start(config(), List.of());
        core.close();
        assertThat(core.submit(new io.bourse.engine.command.AddAsset("BTC", 8)).join().status())
                .isEqualTo(Status.REFUSED);
    }

    @Test
    void recoveryRefusesToSkipPrunedRecords() throws IOException {
        try (ExchangeCore core = ExchangeCore.start(config().withRetention(CoreConfig.Retention.DELETE), List.of())) {
            TrackedOrders orders = new TrackedOrders();
            drive(core, setUp(core, 13, orders), orders, 2_000);
        }
        for (Path p : snapshotFiles()) {
            Files.delete(p);
        }
        assertThatThrownBy(() -> ExchangeCore.start(config(), List.of()))
                .hasMessageContaining("cannot recover: the journal starts at sequence");
    }

    // ------------------------------------------------------------------ helpers

    private Map<Long, RejectReason> replayOutcomes() throws IOException {
        Map<Long, RejectReason> out = new TreeMap<>();
        Engine engine = new Engine(EngineListener.NONE, 0);
        Journal.openReadOnly(config().journalDir(), config().archiveDir()).replay(0, (seq, ts, type, payload) ->
                out.put(seq, engine.apply(seq, ts, CommandCodec.decode(payload))));
        return out;
    }

    private List<Path> snapshotFiles() throws IOException {
        try (Stream<Path> files = Files.list(config().snapshotDir())) {
            return files.filter(p -> p.toString().endsWith(".snap")).sorted().toList();
        }
    }

    private static long sequenceOf(Path snapshot) {
        String name = snapshot.getFileName().toString();
        return Long.parseLong(name.substring(0, name.indexOf('.')));
    }

}
