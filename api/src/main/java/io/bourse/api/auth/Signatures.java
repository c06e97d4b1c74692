package io.bourse.api.auth;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;

/** Binance's request signatures: HMAC-SHA256 in hex (any case), or Ed25519 in base64 (percent-encoded). */
public final class Signatures {
    /** {@code Mac.getInstance} looks the provider up each time: one instance per thread, re-keyed per use. */
    private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    });

    private Signatures() {
    }

    public static String hmacHex(byte[] secret, String payload) {
        try {
            Mac mac = HMAC.get();
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Whether {@code signature} (as sent, still percent-encoded for Ed25519) signs {@code payload} for the key. */
    public static boolean verify(ApiKey key, String payload, String signature) {
        if (key.hmacSecret() != null) {
            byte[] expected = hmacHex(key.hmacSecret(), payload).getBytes(StandardCharsets.US_ASCII);
            byte[] given = signature.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
            return MessageDigest.isEqual(expected, given);
        }
        return verifyEd25519(key.ed25519(), payload, signature);
    }

    private static boolean verifyEd25519(PublicKey publicKey, String payload, String signature) {
        try {
            byte[] sig = Base64.getDecoder().decode(URLDecoder.decode(signature, StandardCharsets.UTF_8));
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(publicKey);
            verifier.update(payload.getBytes(StandardCharsets.UTF_8));
            return verifier.verify(sig);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }
}
