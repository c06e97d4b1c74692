package io.bourse.runtime.recovery;

import io.bourse.engine.Engine;
import io.bourse.engine.Invariants;
import io.bourse.engine.EngineListener;
import io.bourse.journal.Journal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Replays a journal from its first record into a fresh engine without changing any file, and reports the final
 * state hash and the conservation check. Needs the journal from sequence 1 (pruned segments must be restored from
 * the archive first).
 */
public final class JournalVerifier {
    private static final Logger LOG = LoggerFactory.getLogger(JournalVerifier.class);

    /**
     * @param violations broken invariants (conservation, locks backed by orders and holds); empty when all hold
     */
    public record Report(long records, long lastSequence, String stateHash, List<String> violations,
                         double seconds) {
        public boolean ok() {
            return violations.isEmpty();
        }
    }

    private JournalVerifier() {
    }

    /** @param archiveDir where pruned segments were moved (may not exist) */
    public static Report verify(Path journalDir, Path archiveDir, long feeAccountId) throws IOException {
        Journal journal = Journal.openReadOnly(journalDir, archiveDir);
        if (journal.firstSequence() > 1 && journal.lastSequence() > 0) {
            throw new IOException("the journal in " + journalDir + " starts at sequence " + journal.firstSequence()
                    + "; verification replays from sequence 1 (restore the archived segments first)");
        }
        Engine engine = new Engine(EngineListener.NONE, feeAccountId);
        engine.reportBalances(false);
        ReplayProgress progress = new ReplayProgress(LOG, "verify", 0, journal.lastSequence());
        long last = TwoThreadReplay.run(journal, 0, (sequence, timestampMs, command) -> {
            engine.apply(sequence, timestampMs, command);
            progress.record(sequence);
        });
        return new Report(progress.done(), last, engine.stateHash(), Invariants.violations(engine),
                progress.seconds());
    }
}
