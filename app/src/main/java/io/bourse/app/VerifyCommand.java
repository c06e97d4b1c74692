package io.bourse.app;

import io.bourse.runtime.CoreConfig;
import io.bourse.runtime.recovery.JournalVerifier;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code bourse verify}: replays a journal from zero, read-only, and reports the state hash and invariants. */
@CommandLine.Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Replays the journal in the data directory (with its archived segments) from the first "
                + "command into a fresh engine, without touching the live files, and prints the final state hash "
                + "and the conservation check. Exit code 0 when every invariant holds.")
final class VerifyCommand implements Callable<Integer> {
    @CommandLine.Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data",
            description = "The exchange's data directory (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        CoreConfig config = CoreConfig.defaults(dataDir);
        JournalVerifier.Report r = JournalVerifier.verify(config.journalDir(), config.archiveDir(),
                config.feeAccountId());
        System.out.printf(Locale.ROOT, "verify records=%d last_sequence=%d seconds=%.2f records_per_s=%.0f%n",
                r.records(), r.lastSequence(), r.seconds(), r.records() / Math.max(r.seconds(), 1e-9));
        System.out.println("state_hash=" + r.stateHash());
        if (r.ok()) {
            System.out.println("conservation=ok invariants=ok");
            return 0;
        }
        System.out.println("invariants=BROKEN");
        r.violations().forEach(v -> System.out.println("  " + v));
        return 1;
    }
}
