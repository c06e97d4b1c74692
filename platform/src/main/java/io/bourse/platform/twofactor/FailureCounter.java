package io.bourse.platform.twofactor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Wrong codes per user within a sliding window, in memory; a right code clears them. With six digits, a million guesses cover every code;
 * five per fifteen minutes make that take over five years. (Per process: a cluster of servers will keep it in the
 * database.)
 */
final class FailureCounter {
    private final int limit;
    private final Duration window;
    private final ConcurrentHashMap<Long, Deque<Instant>> failures = new ConcurrentHashMap<>();

    FailureCounter(int limit, Duration window) {
        this.limit = limit;
        this.window = window;
    }

    /** Seconds until the next try is allowed, or 0 if it is allowed now. */
    long retryAfterSeconds(long userId, Instant now) {
        Deque<Instant> times = failures.get(userId);
        if (times == null) {
            return 0;
        }
        synchronized (times) {
            prune(times, now);
            if (times.size() < limit) {
                return 0;
            }
            return Duration.between(now, times.peekFirst().plus(window)).toSeconds() + 1;
        }
    }

    void record(long userId, Instant now) {
        Deque<Instant> times = failures.computeIfAbsent(userId, id -> new ArrayDeque<>());
        synchronized (times) {
            prune(times, now);
            times.addLast(now);
        }
    }

    /** A right code wipes the slate. */
    void clear(long userId) {
        failures.remove(userId);
    }

    private void prune(Deque<Instant> times, Instant now) {
        while (!times.isEmpty() && !times.peekFirst().plus(window).isAfter(now)) {
            times.removeFirst();
        }
    }
}
