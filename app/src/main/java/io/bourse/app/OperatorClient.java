package io.bourse.app;

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

/**
 * How the operator commands reach a running exchange: HTTP on 127.0.0.1 with the operator token read from the data
 * directory. Failures come back as one-line messages the command prints.
 */
record OperatorClient(Path dataDir, int port) {

    /** A refusal or an unreachable exchange, said in one line. */
    static final class Failure extends Exception {
        Failure(String message) {
            super(message, null, false, false);
        }
    }

    String get(String pathAndQuery) throws Failure, IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET());
    }

    String post(String path, String form) throws Failure, IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    private String send(HttpRequest.Builder request) throws Failure, IOException, InterruptedException {
        if (!Files.exists(dataDir.resolve(OperatorToken.FILE))) {
            throw new Failure("no operator token in " + dataDir.toAbsolutePath() + " (start the exchange with "
                    + "./bourse --data-dir " + dataDir + " first)");
        }
        request.header("Authorization", "Bearer " + OperatorToken.read(dataDir));
        HttpResponse<String> response;
        try {
            response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new Failure("no exchange answers on port " + port + " (is ./bourse running?)");
        }
        if (response.statusCode() != 200) {
            throw new Failure(response.body());
        }
        return response.body();
    }
}
