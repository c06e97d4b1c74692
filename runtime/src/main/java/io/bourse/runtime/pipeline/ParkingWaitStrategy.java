package io.bourse.runtime.pipeline;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;

import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Spins briefly, then parks until woken. A producer's publish (the Disruptor calls {@link #signalAllWhenBlocking})
 * wakes the first stages, which wait on the ring's cursor; a stage that releases its sequence at the end of a batch
 * wakes every parked thread ({@link #wakeAll}). A park also ends after a safety timeout.
 *
 * <p>Why not the Disruptor's own strategies: on a two-core machine the sleeping strategy's 100 yields and
 * 100-nanosecond parks kept an idle core busy at 75 % of a CPU, and the blocking strategies spin while waiting for
 * another stage (only producers signal them). Here an idle pipeline sleeps and a hand-off costs one unpark.
 * Measured: idle CPU 75 % → 2 % of a core, throughput about 1.0 → 1.2-2.0 M commands/s; the price is the
 * wake-up of a parked thread (about 0.1 ms on this VM), which raises the median latency at low rates. Spinning
 * longer before parking (20-100 µs) was tried: no better latency, lower throughput (spinners take the other
 * stages' CPU). Waking only the waiters whose sequence had arrived was tried too: 2.5 times fewer parks and less
 * system time, but a worse latency at 100k commands/s (p50 +10-20 %, p99 2-4 times in six alternating runs): on
 * this VM a thread woken for nothing keeps its virtual CPU from halting, and waking a halted one costs more. What
 * was kept of it: a publish no longer wakes the stages behind the first ones (they wait on stages, never on the
 * cursor). On the API's event loops, which publish on every turn, that was 14.3-19.1 k orders/s against
 * 13.9-15.3 k in three alternating pairs of runs; the pipeline's p99 at 100k/s stayed within its noise.
 */
final class ParkingWaitStrategy implements WaitStrategy {
    private static final int SPINS = 64;
    private static final int MAX_THREADS = 64;
    private static final long SAFETY_PARK_NANOS = 10_000_000;

    /** Per thread: [0] publishing without waking anyone, [1] a wake-up is already scheduled on its executor. */
    private static final ThreadLocal<boolean[]> DEFERRING = ThreadLocal.withInitial(() -> new boolean[2]);

    private final AtomicReferenceArray<Thread> threads = new AtomicReferenceArray<>(MAX_THREADS);
    private final AtomicIntegerArray parked = new AtomicIntegerArray(MAX_THREADS);
    /** Per thread: 1 if it waits on the ring's cursor (a first stage), which only a producer's publish moves. */
    private final AtomicIntegerArray onCursor = new AtomicIntegerArray(MAX_THREADS);

    @Override
    public long waitFor(long sequence, Sequence cursor, Sequence dependentSequence, SequenceBarrier barrier)
            throws AlertException {
        long available;
        for (int i = 0; i < SPINS; i++) {
            if ((available = dependentSequence.get()) >= sequence) {
                return available;
            }
            barrier.checkAlert();
            Thread.onSpinWait();
        }
        int slot = slotOf(Thread.currentThread());
        onCursor.lazySet(slot, dependentSequence == cursor ? 1 : 0);
        while (true) {
            parked.set(slot, 1);
            // Set the flag, then look: a signaller that advanced the sequence either is seen here or sees the flag.
            if ((available = dependentSequence.get()) >= sequence) {
                parked.set(slot, 0);
                return available;
            }
            barrier.checkAlert();
            LockSupport.parkNanos(this, SAFETY_PARK_NANOS);
            parked.set(slot, 0);
            if ((available = dependentSequence.get()) >= sequence) {
                return available;
            }
            barrier.checkAlert();
        }
    }

    /**
     * Runs {@code publish} without waking the stages, and has {@code later} wake them once: an event loop that
     * submits several commands in one turn (one per ready connection) pays one wake-up, not one per command. The
     * executor must run the task soon on the calling thread, after the current work (a Netty event loop does, when
     * called from itself); if it never did, a parked stage would still wake after its safety timeout.
     */
    void publishDeferringWakeUp(Runnable publish, java.util.concurrent.Executor later) {
        boolean[] state = DEFERRING.get();
        state[0] = true;
        try {
            publish.run();
        } finally {
            state[0] = false;
        }
        if (!state[1]) {
            state[1] = true;
            later.execute(() -> {
                state[1] = false;
                wake(true);
            });
        }
    }

    /**
     * A producer published (the Disruptor calls this): wakes the parked stages that wait on the cursor. The stages
     * behind them wait on those stages, so a publish cannot be what they wait for; they are woken by
     * {@link #wakeAll} when a stage they follow finishes a batch. (The Disruptor also calls this to alert a halting
     * stage; one of those that is parked notices within the safety timeout.)
     */
    @Override
    public void signalAllWhenBlocking() {
        if (DEFERRING.get()[0]) {
            return;
        }
        wake(true);
    }

    /** A stage released its sequence: wakes every parked thread (see the class comment for why not fewer). */
    void wakeAll() {
        wake(false);
    }

    private void wake(boolean onlyOnCursor) {
        // The caller has just advanced a sequence with a release store, which may still sit in its store buffer
        // while the parked flags are read below; a waiter sets its flag and then reads that sequence. Without a
        // StoreLoad fence on this side both can miss each other, and the waiter sleeps until another signal.
        VarHandle.fullFence();
        for (int i = 0; i < MAX_THREADS; i++) {
            Thread t = threads.get(i);
            if (t == null) {
                return;
            }
            if (parked.get(i) == 1 && (!onlyOnCursor || onCursor.get(i) == 1)) {
                LockSupport.unpark(t);
            }
        }
    }

    private int slotOf(Thread thread) {
        for (int i = 0; i < MAX_THREADS; i++) {
            Thread t = threads.get(i);
            if (t == thread) {
                return i;
            }
            if (t == null && threads.compareAndSet(i, null, thread)) {
                return i;
            }
            if (threads.get(i) == thread) {
                return i;
            }
        }
        throw new IllegalStateException("more than " + MAX_THREADS + " threads wait on one pipeline");
    }
}
