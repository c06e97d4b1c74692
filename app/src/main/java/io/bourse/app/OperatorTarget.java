package io.bourse.app;

import picocli.CommandLine;

import java.nio.file.Path;

/** The options every operator command shares: which running exchange, found by its data directory and port. */
final class OperatorTarget {
    @CommandLine.Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data",
            description = "The running exchange's data directory (for the operator token; default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @CommandLine.Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "The running exchange's port (default: ${DEFAULT-VALUE}).")
    int port;

    OperatorClient client() {
        return new OperatorClient(dataDir, port);
    }
}
