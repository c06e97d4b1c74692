package io.bourse.runtime.pipeline;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.bourse.engine.Engine;
import io.bourse.engine.command.Command;
import io.bourse.journal.JournalWriter;
import io.bourse.runtime.CoreConfig;
import io.bourse.runtime.event.EventArena;
import io.bourse.runtime.event.EventWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The LMAX-style pipeline on one Disruptor ring: many submitters publish (stamping the time); the journal stage
 * journals (group commit) while the engine stage applies, in parallel; once both are done with a command, the
 * responder and every consumer read the results, each on its own thread. A slot is reused only when the slowest reader is done with it, so the ring
 * size bounds how far a consumer can lag.
 */
public final class Pipeline {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
    private static final long RING_FULL_WARNING_EVERY_NANOS = 10_000_000_000L;
    private final Disruptor<CommandSlot> disruptor;
    private final RingBuffer<CommandSlot> ring;
    private final Map<String, EventHandler<CommandSlot>> stages = new LinkedHashMap<>();
    private final List<EventHandler<CommandSlot>> readers = new ArrayList<>();
    private final AtomicInteger submitting = new AtomicInteger();
    /** Claims that found the ring full (a stage or reader a whole ring behind held the submitters back). */
    private final LongAdder ringFullWaits = new LongAdder();
    private final AtomicLong lastRingFullWarning = new AtomicLong(System.nanoTime() - RING_FULL_WARNING_EVERY_NANOS);
    private final InstantSource clock;
    /** The wait strategy when it is the parking one (which can defer wake-ups), else null. */
    private final ParkingWaitStrategy parking;
    private volatile boolean accepting = true;
    private volatile boolean healthy = true;
    private volatile boolean running;

    public Pipeline(CoreConfig config, JournalWriter writer, Engine engine, EventWriter events,
                    List<EventConsumer> consumers, Consumer<Engine> snapshot) {
        this.clock = config.clock();
        WaitStrategy waits = waitStrategy(config.waitMode());
        this.parking = waits instanceof ParkingWaitStrategy p ? p : null;
        Runnable wakeBehind = parking != null ? parking::wakeAll : waits::signalAllWhenBlocking;
        disruptor = new Disruptor<>(CommandSlot::new, config.ringSize(), Thread::new, ProducerType.MULTI, waits);
        ring = disruptor.getRingBuffer();
        long firstSequence = writer.nextSequence();
        JournalStage journalStage = new JournalStage(writer, new Stamps(firstSequence, engine.lastTimestampMs()),
                wakeBehind, this::failed);
        journalStage.ring(ring);
        EngineStage engineStage = new EngineStage(engine, new Stamps(firstSequence, engine.lastTimestampMs()), events,
                new EventArena(config.eventArenaBytes()),
                this::readersDone, wakeBehind, config.snapshotEvery(), snapshot, this::failed);
        stages.put("journal", journalStage);
        stages.put("engine", engineStage);
        ResponderStage responder = new ResponderStage();
        stages.put("responder", responder);
        readers.add(responder);
        for (EventConsumer c : consumers) {
            long applied = c.lastAppliedSequence();
            ConsumerStage stage = new ConsumerStage(c, applied == EventConsumer.FROM_NOW ? engine.lastSequence()
                    : applied);
            if (stages.putIfAbsent("consumer:" + c.name(), stage) != null) {
                throw new IllegalArgumentException("two consumers named " + c.name());
            }
            readers.add(stage);
        }
        @SuppressWarnings("unchecked")
        EventHandler<CommandSlot>[] parallel = readers.toArray(new EventHandler[0]);
        disruptor.handleEventsWith(journalStage, engineStage).then(parallel);
    }

    public void start() {
        disruptor.start();
        running = true;
    }

    public boolean running() {
        return running;
    }

    public boolean accepting() {
        return accepting;
    }

    public void submit(Command command, CommandCallback callback) {
        submitting.incrementAndGet();
        try {
            if (!accepting) {
                if (callback != null) {
                    callback.onResult(CommandResult.notApplied(CommandResult.Status.REFUSED));
                }
                return;
            }
            long s = claim(1);
            try {
                ring.get(s).publish(command, callback, clock.millis());
            } finally {
                ring.publish(s);
            }
        } finally {
            submitting.decrementAndGet();
        }
    }

    /**
     * Submits like {@link #submit(Command, CommandCallback)}, but leaves waking the pipeline to a task run on
     * {@code sameThreadLater} (the caller's event loop, after its current turn), so that the commands one turn of
     * the loop submits share one wake-up.
     */
    public void submit(Command command, CommandCallback callback, java.util.concurrent.Executor sameThreadLater) {
        if (parking == null) {
            submit(command, callback);
        } else {
            parking.publishDeferringWakeUp(() -> submit(command, callback), sameThreadLater);
        }
    }

    /**
     * Submits {@code count} commands from {@code commands[from]} in ring order, claiming their slots at once (fewer
     * hand-offs than one by one); at most the ring size per call.
     */
    public void submitBatch(Command[] commands, int from, int count, CommandCallback callback) {
        submitting.incrementAndGet();
        try {
            if (!accepting) {
                for (int i = 0; i < count && callback != null; i++) {
                    callback.onResult(CommandResult.notApplied(CommandResult.Status.REFUSED));
                }
                return;
            }
            long hi = claim(count);
            long lo = hi - count + 1;
            long now = clock.millis();
            try {
                for (int i = 0; i < count; i++) {
                    ring.get(lo + i).publish(commands[from + i], callback, now);
                }
            } finally {
                ring.publish(lo, hi);
            }
        } finally {
            submitting.decrementAndGet();
        }
    }

    /**
     * Claims {@code n} slots. When the ring is full (a reader is behind) the submitter sleeps with a growing pause
     * instead of the Disruptor's one-nanosecond parks, which on two cores wake it thousands of times for nothing.
     */
    private long claim(int n) {
        long pauseNanos = 1_000;
        boolean waited = false;
        while (true) {
            try {
                return ring.tryNext(n);
            } catch (InsufficientCapacityException full) {
                if (!waited) {
                    waited = true;
                    ringFull();
                }
                LockSupport.parkNanos(pauseNanos);
                pauseNanos = Math.min(pauseNanos * 2, 200_000);
            }
        }
    }

    /**
     * Counts a claim that found the ring full and says, at most every 10 s, whom the exchange is waiting for: a
     * reader that falls a whole ring behind (a slow database under the history writer, say) holds back every
     * submitter, so trading stalls until it catches up.
     */
    private void ringFull() {
        ringFullWaits.increment();
        long now = System.nanoTime();
        long last = lastRingFullWarning.get();
        if (now - last >= RING_FULL_WARNING_EVERY_NANOS && lastRingFullWarning.compareAndSet(last, now)) {
            backlogs().entrySet().stream().max(Map.Entry.comparingByValue()).ifPresent(slowest ->
                    LOG.warn("pipeline: the ring is full ({} commands): new commands wait for {}, {} commands behind",
                            ring.getBufferSize(), slowest.getKey(), slowest.getValue()));
        }
    }

    /** How many claims found the ring full so far. */
    public long ringFullWaits() {
        return ringFullWaits.sum();
    }

    public Map<String, Long> backlogs() {
        Map<String, Long> out = new LinkedHashMap<>();
        long cursor = ring.getCursor();
        stages.forEach((name, stage) -> out.put(name, cursor - disruptor.getSequenceValueFor(stage)));
        return out;
    }

    /**
     * Stops accepting, lets every stage finish what was submitted, and stops the threads.
     *
     * @return whether the pipeline was healthy to the end (no journal or engine failure)
     */
    public boolean stop() {
        accepting = false;
        while (submitting.get() > 0) {
            Thread.onSpinWait();
        }
        if (running) {
            // Disruptor.shutdown() skips processors whose threads have not started yet: wait for all readers here.
            while (readersDone() < ring.getCursor()) {
                Thread.yield();
            }
            disruptor.shutdown();
            running = false;
        }
        return healthy;
    }

    /** The lowest ring sequence the responder and every consumer have finished. */
    private long readersDone() {
        long min = Long.MAX_VALUE;
        for (EventHandler<CommandSlot> r : readers) {
            min = Math.min(min, disruptor.getSequenceValueFor(r));
        }
        return min;
    }

    private void failed() {
        healthy = false;
        accepting = false;
    }

    private static WaitStrategy waitStrategy(CoreConfig.WaitMode mode) {
        return switch (mode) {
            case PARKING -> new ParkingWaitStrategy();
            case SLEEPING -> new SleepingWaitStrategy();
            case YIELDING -> new YieldingWaitStrategy();
        };
    }
}
