package io.bourse.platform.apikey;

import io.bourse.platform.Refused;
import io.bourse.platform.account.Actor;
import io.bourse.platform.account.UserRow;
import io.bourse.platform.audit.AuditTrail;
import io.bourse.platform.twofactor.TwoFactor;
import io.bourse.store.Accounts;
import io.bourse.store.StoredApiKey;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * API keys managed by their owners, as on Binance: at most {@link #MAX_KEYS} per user, a label, permissions
 * (READ always; TRADE and WITHDRAW by choice), an optional IP whitelist (required for WITHDRAW), HMAC (we make the
 * secret and show it once) or Ed25519 (the user brings the public key). A key that may trade or withdraw needs KYC
 * tier 1. Creating and deleting need the two-factor code when 2FA is on; each change is audited.
 */
public final class UserApiKeys {
    private static final Logger LOG = LoggerFactory.getLogger(UserApiKeys.class);
    public static final int MAX_KEYS = 30;
    private static final int MAX_IPS = 30;
    private static final Pattern LABEL = Pattern.compile("^[\\p{L}\\p{N} ._-]{1,64}$");
    private static final Pattern IP_LITERAL = Pattern.compile("^[0-9A-Fa-f.:]{2,45}$");

    /** The permissions a key may carry. */
    public enum Permission { READ, TRADE, WITHDRAW }

    /** What a user asks for: {@code type} HMAC or ED25519; {@code publicKey} (PEM or base64 X.509) for Ed25519. */
    public record NewKey(String label, String type, String publicKey, String permissions, String ipWhitelist) {
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final Accounts keys;
    private final TwoFactor twoFactor;
    private final AuditTrail audit;

    public UserApiKeys(Jdbi jdbi, Clock clock, Accounts keys, TwoFactor twoFactor, AuditTrail audit) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.keys = keys;
        this.twoFactor = twoFactor;
        this.audit = audit;
    }

    public List<Accounts.KeySummary> list(long userId) {
        return keys.keysOf(userId);
    }

    /** Creates a key; for HMAC the returned key carries its secret, which is never shown again. */
    public StoredApiKey create(long userId, NewKey request, String code) {
        String label = request.label() == null ? "" : request.label().strip();
        if (!LABEL.matcher(label).matches()) {
            throw Refused.invalid("Label must be 1 to 64 letters, digits, spaces or ._- characters.");
        }
        Set<String> permissions = permissions(request.permissions());
        List<String> ips = ips(request.ipWhitelist());
        if (permissions.contains("WITHDRAW") && ips.isEmpty()) {
            throw Refused.invalid("A key that may withdraw must be restricted to an IP whitelist.");
        }
        String type = request.type() == null ? "HMAC" : request.type().toUpperCase(Locale.ROOT);
        byte[] publicKey = switch (type) {
            case "HMAC" -> null;
            case "ED25519" -> ed25519(request.publicKey());
            default -> throw Refused.invalid("Key type must be HMAC or ED25519.");
        };
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            UserRow user = UserRow.byId(h, userId).orElseThrow(Refused::notLoggedIn);
            if (!user.emailVerified()) {
                throw Refused.emailNotVerified();
            }
            if (user.kycTier() < 1 && !permissions.equals(Set.of("READ"))) {
                throw Refused.tierTooLow(1, user.kycTier());
            }
            twoFactor.require(h, userId, code, now);
            int count = h.createQuery("SELECT count(*) FROM api_keys WHERE user_id = :id").bind("id", userId)
                    .mapTo(Integer.class).one();
            if (count >= MAX_KEYS) {
                throw Refused.conflict("At most " + MAX_KEYS + " API keys per account; delete one first.");
            }
            StoredApiKey key = publicKey == null ? keys.createHmacKey(h, userId, label, permissions, ips)
                    : keys.createEd25519Key(h, userId, label, publicKey, permissions, ips);
            audit.append(h, now, Actor.user(userId).name(), "API_KEY_CREATED", Actor.subject(userId), "{}",
                    "{\"apiKey\":\"" + shown(key.apiKey()) + "\",\"type\":\"" + type
                            + "\",\"permissions\":\"" + String.join(",", new TreeSet<>(permissions)) + "\"}");
            LOG.info("account: user {} created API key {} ({}, {})", userId, shown(key.apiKey()), type,
                    permissions);
            return key;
        });
    }

    public void delete(long userId, String apiKey, String code) {
        if (apiKey == null || apiKey.isEmpty() || apiKey.length() > 128) {
            throw Refused.invalid("Parameter 'apiKey' is required.");
        }
        Instant now = clock.instant();
        jdbi.useTransaction(h -> {
            twoFactor.require(h, userId, code, now);
            if (!keys.deleteKey(h, userId, apiKey)) {
                throw Refused.notFound("API key");
            }
            audit.append(h, now, Actor.user(userId).name(), "API_KEY_DELETED", Actor.subject(userId),
                    "{\"apiKey\":\"" + shown(apiKey) + "\"}", "{}");
            LOG.info("account: user {} deleted API key {}", userId, shown(apiKey));
        });
    }

    /** How a key appears in logs and the audit trail: its first eight characters. */
    private static String shown(String apiKey) {
        return apiKey.substring(0, Math.min(8, apiKey.length())) + "…";
    }

    private static Set<String> permissions(String text) {
        Set<String> out = new TreeSet<>(Set.of("READ"));
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String p : text.split(",")) {
            try {
                out.add(Permission.valueOf(p.strip().toUpperCase(Locale.ROOT)).name());
            } catch (IllegalArgumentException e) {
                throw Refused.invalid("Unknown permission '" + p.strip() + "'; use " + EnumSet.allOf(Permission.class)
                        + ".");
            }
        }
        return out;
    }

    private static List<String> ips(String text) {
        List<String> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String ip : text.split(",")) {
            String s = ip.strip();
            if (!IP_LITERAL.matcher(s).matches()) {
                throw Refused.invalid("'" + s + "' is not an IP address.");
            }
            try {
                out.add(InetAddress.getByName(s).getHostAddress());
            } catch (UnknownHostException e) {
                throw Refused.invalid("'" + s + "' is not an IP address.");
            }
        }
        if (out.size() > MAX_IPS) {
            throw Refused.invalid("At most " + MAX_IPS + " IP addresses per key.");
        }
        return List.copyOf(new TreeSet<>(out));
    }

    private static byte[] ed25519(String text) {
        if (text == null || text.isBlank() || text.length() > 1000) {
            throw Refused.invalid("An ED25519 key needs 'publicKey' (PEM or base64 of the X.509 public key).");
        }
        String base64 = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            byte[] der = Base64.getDecoder().decode(base64);
            KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
            return der;
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw Refused.invalid("'publicKey' is not an Ed25519 public key (PEM or base64 X.509).");
        }
    }
}
