package io.bourse.platform.kyc;

import io.bourse.store.MasterKey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Identity documents on disk, outside the database: each file is sealed with the master key (AES-256-GCM) and
 * named by the SHA-256 of its plain content, which the database row records, so a file swapped on disk is caught
 * when read.
 */
public final class DocumentStore {
    private static final Pattern HEX64 = Pattern.compile("^[0-9a-f]{64}$");

    private final Path dir;
    private final MasterKey masterKey;

    public DocumentStore(Path dir, MasterKey masterKey) {
        this.dir = dir;
        this.masterKey = masterKey;
    }

    /** Stores the content (written to a temporary file, then renamed into place); returns its SHA-256. */
    public String put(byte[] content) {
        String sha = sha256(content);
        Path target = dir.resolve(sha + ".sealed");
        try {
            Files.createDirectories(dir);
            if (!Files.exists(target)) {
                Path tmp = Files.createTempFile(dir, sha, ".tmp");
                Files.write(tmp, masterKey.seal(content));
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return sha;
        } catch (IOException e) {
            throw new UncheckedIOException("could not store a document in " + dir, e);
        }
    }

    /** The content whose SHA-256 is {@code sha}; fails if the file is gone or no longer matches. */
    public byte[] get(String sha) {
        if (!HEX64.matcher(sha).matches()) {
            throw new IllegalArgumentException("not a SHA-256: " + sha);
        }
        try {
            byte[] content = masterKey.open(Files.readAllBytes(dir.resolve(sha + ".sealed")));
            if (!sha256(content).equals(sha)) {
                throw new IllegalStateException("document " + sha + " does not match its hash");
            }
            return content;
        } catch (IOException e) {
            throw new UncheckedIOException("document " + sha + " could not be read", e);
        }
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
