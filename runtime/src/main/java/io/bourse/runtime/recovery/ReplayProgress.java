package io.bourse.runtime.recovery;

import org.slf4j.Logger;

import java.util.Locale;

/** Logs how a long replay is going, at most once a second: records done, rate, and time left. */
final class ReplayProgress {
    private final Logger log;
    private final String what;
    private final long from;
    private final long to;
    private final long startNanos = System.nanoTime();
    private long lastReportNanos = startNanos;
    private long done;

    ReplayProgress(Logger log, String what, long fromSequence, long toSequence) {
        this.log = log;
        this.what = what;
        this.from = fromSequence;
        this.to = toSequence;
    }

    /** Counts one record; every 65 536 records, checks whether a second has passed. */
    void record(long sequence) {
        done++;
        if ((done & 0xFFFF) == 0) {
            long now = System.nanoTime();
            if (now - lastReportNanos >= 1_000_000_000L) {
                lastReportNanos = now;
                double rate = done / ((now - startNanos) / 1e9);
                long left = to - sequence;
                log.info(String.format(Locale.ROOT, "%s: %,d of %,d records (%.0f%%), %,.0f records/s, about %.0f s "
                        + "left", what, done, to - from, 100.0 * done / Math.max(1, to - from), rate, left / rate));
            }
        }
    }

    long done() {
        return done;
    }

    double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
