package io.bourse.api.auth;

import java.security.PublicKey;
import java.util.List;
import java.util.Set;

/**
 * An API key as the gateway checks it: whose it is, what it may do, from where, and how its requests are signed
 * (an HMAC-SHA256 secret, or an Ed25519 public key). {@code ipWhitelist} empty means any address. An
 * {@code unlimited} key (the exchange's own market makers) is not counted against request-weight or order limits.
 */
public record ApiKey(String key, long userId, Set<Permission> permissions, List<String> ipWhitelist,
                     byte[] hmacSecret, PublicKey ed25519, boolean unlimited) {

    public static ApiKey hmac(String key, long userId, Set<Permission> permissions, byte[] secret) {
        return new ApiKey(key, userId, Set.copyOf(permissions), List.of(), secret.clone(), null, false);
    }

    public static ApiKey ed25519(String key, long userId, Set<Permission> permissions, PublicKey publicKey) {
        return new ApiKey(key, userId, Set.copyOf(permissions), List.of(), null, publicKey, false);
    }

    public ApiKey withIpWhitelist(List<String> ips) {
        return new ApiKey(key, userId, permissions, List.copyOf(ips), hmacSecret, ed25519, unlimited);
    }

    public ApiKey asUnlimited() {
        return new ApiKey(key, userId, permissions, ipWhitelist, hmacSecret, ed25519, true);
    }

    @Override
    public String toString() {
        return "ApiKey[" + key.substring(0, Math.min(8, key.length())) + "…, user " + userId + ", " + permissions + "]";
    }
}
