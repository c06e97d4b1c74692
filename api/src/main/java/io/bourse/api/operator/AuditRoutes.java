package io.bourse.api.operator;

import io.bourse.api.account.Blocking;
import io.bourse.api.http.Endpoint;
import io.bourse.api.http.JsonOut;
import io.bourse.api.http.Request;
import io.bourse.platform.Platform;
import io.bourse.platform.audit.AuditEntry;
import io.bourse.platform.audit.AuditTrail;
import io.bourse.platform.operator.OperatorRole;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;

import java.util.List;

/** The audit trail for compliance: the entries about one subject, and a verification of the whole chain. */
public final class AuditRoutes {
    private final Vertx vertx;
    private final Platform platform;
    private final OperatorAuth auth;

    public AuditRoutes(Vertx vertx, Platform platform, OperatorAuth auth) {
        this.vertx = vertx;
        this.platform = platform;
        this.auth = auth;
    }

    public List<Endpoint> endpoints() {
        return List.of(Endpoint.of(HttpMethod.GET, "/bourse/operator/audit", 1, this::entries),
                Endpoint.of(HttpMethod.GET, "/bourse/operator/audit/verify", 10, this::verify));
    }

    private Future<Buffer> entries(Request r) {
        String subject = r.params().require("subject");
        int limit = r.params().limit("limit", 500, 1, 5000);
        return Blocking.run(vertx, () -> {
            auth.require(r, OperatorRole.COMPLIANCE, OperatorRole.SUPPORT);
            List<AuditEntry> entries = platform.audit().about(subject, limit);
            return JsonOut.write(g -> {
                g.writeStartArray();
                for (AuditEntry e : entries) {
                    g.writeStartObject();
                    g.writeNumberField("seq", e.seq());
                    g.writeNumberField("at", e.at().toEpochMilli());
                    g.writeStringField("actor", e.actor());
                    g.writeStringField("action", e.action());
                    g.writeStringField("subject", e.subject());
                    g.writeStringField("before", e.before());
                    g.writeStringField("after", e.after());
                    g.writeEndObject();
                }
                g.writeEndArray();
            });
        });
    }

    private Future<Buffer> verify(Request r) {
        return Blocking.run(vertx, () -> {
            auth.require(r, OperatorRole.COMPLIANCE);
            AuditTrail.Verification v = platform.audit().verify();
            return JsonOut.write(g -> {
                g.writeStartObject();
                g.writeBooleanField("intact", v.intact());
                g.writeNumberField("entries", v.entries());
                g.writeStringField("headHash", v.headHash());
                if (!v.intact()) {
                    g.writeNumberField("firstBrokenSeq", v.firstBrokenSeq());
                    g.writeStringField("problem", v.problem());
                }
                g.writeEndObject();
            });
        });
    }
}
