package io.bourse.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The operator token: a random secret the server writes to {@code operator.token} in its data directory (owner
 * read/write only) and operator commands on the same machine read to authorize themselves.
 */
final class OperatorToken {
    static final String FILE = "operator.token";

    private OperatorToken() {
    }

    static String createOrRead(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE);
        if (!Files.exists(file)) {
            byte[] token = new byte[32];
            new SecureRandom().nextBytes(token);
            Files.createDirectories(dataDir);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, HexFormat.of().formatHex(token));
        }
        return read(dataDir);
    }

    static String read(Path dataDir) throws IOException {
        return Files.readString(dataDir.resolve(FILE)).trim();
    }
}
