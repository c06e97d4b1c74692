package io.bourse.app;

import picocli.CommandLine;

import java.io.IOException;
import java.util.concurrent.Callable;

/** {@code bourse user …}: operator commands about users, sent to the running exchange. */
@CommandLine.Command(name = "user", mixinStandardHelpOptions = true, description = "Manage users of a running exchange.",
        subcommands = UserCommand.Create.class)
final class UserCommand {

    @CommandLine.Command(name = "create", mixinStandardHelpOptions = true,
            description = "Creates a user on the running exchange, credits funds and optionally issues an API key "
                    + "(read and trade). Authorized by the operator token in the data directory.")
    static final class Create implements Callable<Integer> {
        @CommandLine.Option(names = "--email", required = true, paramLabel = "EMAIL", description = "The user's email.")
        String email;

        @CommandLine.Option(names = "--fund", paramLabel = "ASSET=AMOUNT,…",
                description = "Funds to credit, e.g. USDT=100000,BTC=5.")
        String fund;

        @CommandLine.Option(names = "--api-key", description = "Also issue an HMAC API key and print its secret once.")
        boolean apiKey;

        @CommandLine.Option(names = "--json", description = "Print the answer as JSON.")
        boolean json;

        @CommandLine.Mixin
        OperatorTarget target;

        @Override
        public Integer call() throws IOException, InterruptedException {
            StringBuilder form = new StringBuilder("email=").append(OperatorClient.encode(email));
            if (fund != null) {
                form.append("&fund=").append(OperatorClient.encode(fund));
            }
            form.append("&apiKey=").append(apiKey);
            try {
                String body = target.client().post("/bourse/operator/users", form.toString());
                System.out.println(json ? body : "created: " + body);
                return 0;
            } catch (OperatorClient.Failure e) {
                System.err.println("error: " + e.getMessage());
                return 1;
            }
        }
    }
}
