package io.bourse.wallet.fiat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The built-in payment sandbox: it "takes" card and bank payments and reports them by webhooks signed the way
 * real providers sign them — header {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">} under a shared
 * secret — so the verification path is the one a real provider uses. A webhook older than five minutes is stale.
 */
public final class SandboxGateway implements PaymentGateway {
    public static final String NAME = "sandbox";
    public static final String SIGNATURE_HEADER = "Bourse-Sandbox-Signature";
    private static final long TOLERANCE_SECONDS = 300;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final byte[] secret;
    private final String publicUrl;

    public SandboxGateway(byte[] secret, String publicUrl) {
        this.secret = secret.clone();
        this.publicUrl = publicUrl;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String checkoutUrl(String paymentId) {
        return publicUrl + "/fiat/sandbox/checkout?paymentId=" + paymentId;
    }

    /** What the sandbox sends: the body and its signature header, signed at {@code nowMs}. */
    public record Delivery(String signatureHeader, byte[] body) {
    }

    public Delivery webhook(String eventId, String paymentId, String outcome, String currency, String amount,
                            long nowMs) {
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(JSON.createObjectNode().put("id", eventId).put("paymentId", paymentId)
                    .put("outcome", outcome).put("currency", currency).put("amount", amount));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        long t = nowMs / 1000;
        return new Delivery("t=" + t + ",v1=" + HexFormat.of().formatHex(mac(t, body)), body);
    }

    @Override
    public WebhookEvent verify(String header, byte[] body, long nowMs) {
        if (header == null || header.length() > 200) {
            throw new BadWebhook("Missing " + SIGNATURE_HEADER + " header.");
        }
        long t = -1;
        byte[] given = null;
        for (String part : header.split(",")) {
            String[] kv = part.trim().split("=", 2);
            try {
                if (kv.length == 2 && kv[0].equals("t")) {
                    t = Long.parseLong(kv[1]);
                } else if (kv.length == 2 && kv[0].equals("v1")) {
                    given = HexFormat.of().parseHex(kv[1]);
                }
            } catch (IllegalArgumentException e) {
                throw new BadWebhook("Malformed " + SIGNATURE_HEADER + " header.");
            }
        }
        if (t < 0 || given == null) {
            throw new BadWebhook("Malformed " + SIGNATURE_HEADER + " header.");
        }
        if (!MessageDigest.isEqual(mac(t, body), given)) {
            throw new BadWebhook("Webhook signature does not match.");
        }
        if (Math.abs(nowMs / 1000 - t) > TOLERANCE_SECONDS) {
            throw new BadWebhook("Webhook is stale (signed at " + t + ").");
        }
        try {
            JsonNode n = JSON.readTree(body);
            return new WebhookEvent(text(n, "id"), text(n, "paymentId"), text(n, "outcome"), text(n, "currency"),
                    text(n, "amount"));
        } catch (IOException e) {
            throw new BadWebhook("Webhook body is not JSON.");
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty() || v.asText().length() > 100) {
            throw new BadWebhook("Webhook field '" + field + "' is missing.");
        }
        return v.asText();
    }

    private byte[] mac(long t, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
