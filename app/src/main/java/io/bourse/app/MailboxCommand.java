package io.bourse.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine;

import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.Callable;

/** {@code bourse mailbox}: the mail the running exchange sent (or, in the embedded default, would have sent). */
@CommandLine.Command(name = "mailbox", mixinStandardHelpOptions = true,
        description = "Shows the newest mail of the running exchange's outbox: verification and reset links, "
                + "notices. In the embedded default this is the only place mail goes.")
final class MailboxCommand implements Callable<Integer> {
    @CommandLine.Option(names = "--to", paramLabel = "EMAIL", description = "Only mail to this address.")
    String to;

    @CommandLine.Option(names = "--limit", paramLabel = "N", defaultValue = "10",
            description = "How many mails, newest first (default: ${DEFAULT-VALUE}).")
    int limit;

    @CommandLine.Mixin
    OperatorTarget target;

    @Override
    public Integer call() throws IOException, InterruptedException {
        try {
            String body = target.client().get("/bourse/operator/mailbox?limit=" + limit
                    + (to == null ? "" : "&to=" + OperatorClient.encode(to)));
            JsonNode mails = new ObjectMapper().readTree(body);
            if (mails.isEmpty()) {
                System.out.println("(no mail)");
            }
            for (JsonNode m : mails) {
                System.out.printf("#%d  %s  to %s%n  %s%n%n%s%n%n", m.get("id").asLong(),
                        Instant.ofEpochMilli(m.get("createdAt").asLong()), m.get("to").asText(),
                        m.get("subject").asText(), m.get("body").asText().indent(2).stripTrailing());
            }
            return 0;
        } catch (OperatorClient.Failure e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
    }
}
