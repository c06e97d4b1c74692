package io.bourse.platform.operator;

import io.bourse.platform.Refused;
import io.bourse.platform.account.Actor;
import io.bourse.platform.account.UserRow;
import io.bourse.platform.audit.AuditTrail;
import org.jdbi.v3.core.Jdbi;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/** Staff roles, granted and revoked by an admin, each change audited. */
public final class OperatorRoles {
    private final Jdbi jdbi;
    private final Clock clock;
    private final AuditTrail audit;

    public OperatorRoles(Jdbi jdbi, Clock clock, AuditTrail audit) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.audit = audit;
    }

    public Set<OperatorRole> of(long userId) {
        Set<OperatorRole> roles = EnumSet.noneOf(OperatorRole.class);
        jdbi.useHandle(h -> h.createQuery("SELECT role FROM operator_roles WHERE user_id = :id").bind("id", userId)
                .mapTo(String.class).forEach(r -> roles.add(OperatorRole.valueOf(r))));
        return roles;
    }

    public void grant(Actor by, long userId, OperatorRole role) {
        Instant now = clock.instant();
        jdbi.useTransaction(h -> {
            UserRow.byId(h, userId).orElseThrow(() -> Refused.notFound("User"));
            int n = h.createUpdate("INSERT INTO operator_roles (user_id, role, granted_at) VALUES (:id, :role, :now) "
                            + "ON CONFLICT DO NOTHING")
                    .bind("id", userId).bind("role", role.name()).bind("now", Timestamp.from(now)).execute();
            if (n == 1) {
                audit.append(h, now, by.name(), "ROLE_GRANTED", Actor.subject(userId), "{}",
                        "{\"role\":\"" + role + "\"}");
            }
        });
    }

    public void revoke(Actor by, long userId, OperatorRole role) {
        Instant now = clock.instant();
        jdbi.useTransaction(h -> {
            int n = h.createUpdate("DELETE FROM operator_roles WHERE user_id = :id AND role = :role")
                    .bind("id", userId).bind("role", role.name()).execute();
            if (n == 0) {
                throw Refused.notFound("Role " + role + " of user " + userId);
            }
            audit.append(h, now, by.name(), "ROLE_REVOKED", Actor.subject(userId), "{\"role\":\"" + role + "\"}",
                    "{}");
        });
    }
}
