package io.bourse.api.auth;

import java.security.PublicKey;
import java.util.List;
import java.util.Set;

/**
 * An API key as the gateway checks it: whose it is, what it may do, from where, and how its requests are signed
 * (an HMAC-SHA256 secret, or an Ed25519 public key). {@code ipWhitelist} empty means any address.
 */
public record ApiKey(String key, long userId, Set<Permission> permissions, List<String> ipWhitelist,
                     byte[] hmacSecret, PublicKey ed25519) {

    public static ApiKey hmac(String key, long userId, Set<Permission> permissions, byte[] secret) {
        return new ApiKey(key, userId, Set.copyOf(permissions), List.of(), secret.clone(), null);
    }

    public static ApiKey ed25519(String key, long userId, Set<Permission> permissions, PublicKey publicKey) {
        return new ApiKey(key, userId, Set.copyOf(permissions), List.of(), null, publicKey);
    }

    public ApiKey withIpWhitelist(List<String> ips) {
        return new ApiKey(key, userId, permissions, List.copyOf(ips), hmacSecret, ed25519);
    }

    @Override
    public String toString() {
        return "ApiKey[" + key.substring(0, Math.min(8, key.length())) + "…, user " + userId + ", " + permissions + "]";
    }
}
