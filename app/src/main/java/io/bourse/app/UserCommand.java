package io.bourse.app;

import picocli.CommandLine;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

        @CommandLine.Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data",
                description = "The running exchange's data directory (for the operator token; default: "
                        + "${DEFAULT-VALUE}).")
        Path dataDir;

        @CommandLine.Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
                description = "The running exchange's port (default: ${DEFAULT-VALUE}).")
        int port;

        @Override
        public Integer call() throws IOException, InterruptedException {
            if (!Files.exists(dataDir.resolve(OperatorToken.FILE))) {
                System.err.println("error: no operator token in " + dataDir.toAbsolutePath()
                        + " (start the exchange with ./bourse --data-dir " + dataDir + " first)");
                return 1;
            }
            StringBuilder form = new StringBuilder("email=").append(encode(email));
            if (fund != null) {
                form.append("&fund=").append(encode(fund));
            }
            form.append("&apiKey=").append(apiKey);
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/bourse/operator/users"))
                    .header("Authorization", "Bearer " + OperatorToken.read(dataDir))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build();
            HttpResponse<String> response;
            try {
                response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            } catch (ConnectException e) {
                System.err.println("error: no exchange answers on port " + port + " (is ./bourse running?)");
                return 1;
            }
            if (response.statusCode() != 200) {
                System.err.println("error: " + response.body());
                return 1;
            }
            if (json) {
                System.out.println(response.body());
            } else {
                System.out.println("created: " + response.body());
            }
            return 0;
        }

        private static String encode(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8);
        }
    }
}
