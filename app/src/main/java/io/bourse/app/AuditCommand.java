package io.bourse.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine;

import java.io.IOException;
import java.util.concurrent.Callable;

/** {@code bourse audit …}: the running exchange's audit trail. */
@CommandLine.Command(name = "audit", mixinStandardHelpOptions = true,
        description = "The hash-chained audit trail of the running exchange.",
        subcommands = {AuditCommand.Verify.class})
final class AuditCommand {

    @CommandLine.Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Recomputes the whole chain; exits 1 and names the first entry that was changed, removed "
                    + "or reordered. Prints the head hash: keep it somewhere else to detect a cut-off tail later.")
    static final class Verify implements Callable<Integer> {
        @CommandLine.Mixin
        OperatorTarget target;

        @Override
        public Integer call() throws IOException, InterruptedException {
            try {
                JsonNode v = new ObjectMapper().readTree(target.client().get("/bourse/operator/audit/verify"));
                if (v.get("intact").asBoolean()) {
                    System.out.printf("audit trail intact: %d entries, head %s%n", v.get("entries").asLong(),
                            v.get("headHash").asText());
                    return 0;
                }
                System.out.printf("audit trail BROKEN at entry %d: %s (%d entries verified before it)%n",
                        v.get("firstBrokenSeq").asLong(), v.get("problem").asText(), v.get("entries").asLong());
                return 1;
            } catch (OperatorClient.Failure e) {
                System.err.println("error: " + e.getMessage());
                return 1;
            }
        }
    }
}
