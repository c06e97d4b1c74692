package io.bourse.platform.password;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Argon2id password hashes in the PHC string format ({@code $argon2id$v=19$m=…,t=…,p=…$salt$hash}), computed with
 * Bouncy Castle. The cost travels with each hash, so hashes made under an older cost still verify and
 * {@link #needsRehash} says when to upgrade one at the next login.
 */
public final class PasswordHasher {
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    private final Cost cost;
    /** A hash of nothing, verified against when an email is unknown so the answer takes as long as for a user. */
    private final String decoy;

    /**
     * @param memoryKib  memory per hash in KiB
     * @param iterations passes over that memory
     * @param lanes      parallelism
     */
    public record Cost(int memoryKib, int iterations, int lanes) {
        /** OWASP's recommended minimum for Argon2id: 19 MiB, two passes, one lane. */
        public static final Cost DEFAULT = new Cost(19_456, 2, 1);
        /** For tests only: fast and weak. */
        public static final Cost TEST = new Cost(1024, 1, 1);
    }

    public PasswordHasher(Cost cost) {
        this.cost = cost;
        this.decoy = hash("decoy password that matches nothing");
    }

    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] out = derive(password, salt, cost, HASH_BYTES);
        return "$argon2id$v=19$m=" + cost.memoryKib + ",t=" + cost.iterations + ",p=" + cost.lanes + "$"
                + B64.encodeToString(salt) + "$" + B64.encodeToString(out);
    }

    /** Whether {@code password} matches {@code stored}; a null or malformed stored hash matches nothing. */
    public boolean verify(String password, String stored) {
        Parsed p = stored == null ? null : parse(stored);
        if (p == null) {
            verify(password, decoy);
            return false;
        }
        byte[] actual = derive(password, p.salt, p.cost, p.hash.length);
        return MessageDigest.isEqual(actual, p.hash);
    }

    /** Spends the time of one verification without a hash to check (unknown email). */
    public void verifyNothing(String password) {
        verify(password, decoy);
    }

    public boolean needsRehash(String stored) {
        Parsed p = parse(stored);
        return p == null || !p.cost.equals(cost);
    }

    private record Parsed(Cost cost, byte[] salt, byte[] hash) {
    }

    private static Parsed parse(String stored) {
        String[] parts = stored.split("\\$");
        if (parts.length != 6 || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
            return null;
        }
        try {
            int m = 0;
            int t = 0;
            int p = 0;
            for (String kv : parts[3].split(",")) {
                int value = Integer.parseInt(kv.substring(2));
                switch (kv.substring(0, 2)) {
                    case "m=" -> m = value;
                    case "t=" -> t = value;
                    case "p=" -> p = value;
                    default -> {
                        return null;
                    }
                }
            }
            return new Parsed(new Cost(m, t, p), B64D.decode(parts[4]), B64D.decode(parts[5]));
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            return null;
        }
    }

    private static byte[] derive(String password, byte[] salt, Cost cost, int length) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(cost.memoryKib).withIterations(cost.iterations).withParallelism(cost.lanes)
                .withSalt(salt).build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
