package io.bourse.store;

import java.util.List;
import java.util.Set;

/**
 * An API key as stored: for HMAC keys the secret (decrypted when read), for Ed25519 keys the public key (X.509
 * encoded). Permissions are names (READ, TRADE, WITHDRAW).
 */
public record StoredApiKey(String apiKey, long userId, String label, Kind kind, byte[] secret, byte[] publicKey,
                           Set<String> permissions, List<String> ipWhitelist) {
    public enum Kind { HMAC, ED25519 }

    @Override
    public String toString() {
        return "StoredApiKey[" + apiKey.substring(0, Math.min(8, apiKey.length())) + "…, user " + userId + ", "
                + kind + ", " + permissions + "]";
    }
}
