package io.bourse.wallet.withdraw;

import io.bourse.platform.Refused;
import io.bourse.platform.account.Actor;
import io.bourse.platform.account.Json;
import io.bourse.platform.audit.AuditTrail;
import io.bourse.platform.twofactor.TwoFactor;
import io.bourse.wallet.network.NetworkAsset;
import io.bourse.wallet.network.Networks;
import org.jdbi.v3.core.Jdbi;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The withdrawal address whitelist: saved addresses, and a switch that restricts withdrawals to them. Every change
 * needs the two-factor code (when 2FA is on) and is audited.
 */
public final class AddressBook {
    private final Jdbi jdbi;
    private final Clock clock;
    private final Networks networks;
    private final TwoFactor twoFactor;
    private final AuditTrail audit;

    public AddressBook(Jdbi jdbi, Clock clock, Networks networks, TwoFactor twoFactor, AuditTrail audit) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.networks = networks;
        this.twoFactor = twoFactor;
        this.audit = audit;
    }

    public record Entry(String network, String address, String label, Instant createdAt) {
    }

    public record Book(boolean whitelistOnly, List<Entry> entries) {
    }

    public Book of(long userId) {
        return jdbi.withHandle(h -> new Book(
                h.createQuery("SELECT withdrawal_whitelist_only FROM users WHERE user_id = :u").bind("u", userId)
                        .mapTo(Boolean.class).one(),
                h.createQuery("SELECT * FROM withdrawal_addresses WHERE user_id = :u ORDER BY created_at")
                        .bind("u", userId)
                        .map((rs, ctx) -> new Entry(rs.getString("network"), rs.getString("address"),
                                rs.getString("label"), rs.getTimestamp("created_at").toInstant()))
                        .list()));
    }

    public void add(long userId, String network, String address, String label, String code) {
        NetworkAsset any = networks.all().stream().filter(n -> n.network().equals(network)).findFirst()
                .orElseThrow(() -> Refused.invalid("Unknown network " + network + "."));
        if (!any.validAddress(address)) {
            throw new Refused(400, -4033, "Illegal address.");
        }
        String name = label == null ? "" : label.strip();
        if (name.length() > 64) {
            throw Refused.invalid("Label must be at most 64 characters.");
        }
        Instant now = clock.instant();
        jdbi.useTransaction(h -> {
            twoFactor.require(h, userId, code, now);
            int n = h.createUpdate("INSERT INTO withdrawal_addresses (user_id, network, address, label, created_at) "
                            + "VALUES (:u, :n, :a, :l, :now) ON CONFLICT DO NOTHING")
                    .bind("u", userId).bind("n", network).bind("a", address).bind("l", name)
                    .bind("now", Timestamp.from(now)).execute();
            if (n == 0) {
                throw Refused.conflict("This address is already in the address book.");
            }
            audit.append(h, now, Actor.user(userId).name(), "WITHDRAWAL_ADDRESS_ADDED", Actor.subject(userId), "{}",
                    "{\"network\":\"" + network + "\",\"address\":" + Json.quote(address) + "}");
        });
    }

    public void remove(long userId, String network, String address, String code) {
        Instant now = clock.instant();
        jdbi.useTransaction(h -> {
            twoFactor.require(h, userId, code, now);
            int n = h.createUpdate("DELETE FROM withdrawal_addresses WHERE user_id = :u AND network = :n "
                    + "AND address = :a").bind("u", userId).bind("n", network).bind("a", address).execute();
            if (n == 0) {
                throw Refused.notFound("Address");
            }
            audit.append(h, now, Actor.user(userId).name(), "WITHDRAWAL_ADDRESS_REMOVED", Actor.subject(userId),
                    "{\"network\":\"" + network + "\",\"address\":" + Json.quote(address) + "}", "{}");
        });
    }

    public void whitelistOnly(long userId, boolean on, String code) {
        Instant now = clock.instant();
        jdbi.useTransaction(h -> {
            twoFactor.require(h, userId, code, now);
            h.createUpdate("UPDATE users SET withdrawal_whitelist_only = :on WHERE user_id = :u").bind("on", on)
                    .bind("u", userId).execute();
            audit.append(h, now, Actor.user(userId).name(), "WITHDRAWAL_WHITELIST_" + (on ? "ON" : "OFF"),
                    Actor.subject(userId), "{}", "{\"whitelistOnly\":" + on + "}");
        });
    }
}
