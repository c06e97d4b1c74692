package io.bourse.api.operator;

import io.bourse.api.account.Blocking;
import io.bourse.api.account.KycJson;
import io.bourse.api.http.Endpoint;
import io.bourse.api.http.Params;
import io.bourse.platform.Platform;
import io.bourse.platform.kyc.KycRecords;
import io.bourse.platform.operator.OperatorRole;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;

import java.util.List;

/**
 * Compliance's side of KYC: the review queue, a customer's case file, their documents (each viewing audited) and
 * decisions (approve, reject with a reason, or ask for more).
 */
public final class KycReviewRoutes {
    private final Vertx vertx;
    private final Platform platform;
    private final OperatorAuth auth;

    public KycReviewRoutes(Vertx vertx, Platform platform, OperatorAuth auth) {
        this.vertx = vertx;
        this.platform = platform;
        this.auth = auth;
    }

    public List<Endpoint> endpoints() {
        return List.of(
                Endpoint.of(HttpMethod.GET, "/bourse/operator/kyc/reviews", 1, r -> {
                    String status = r.params().get("status");
                    int limit = r.params().limit("limit", 100, 1, 1000);
                    return Blocking.run(vertx, () -> {
                        auth.require(r, OperatorRole.COMPLIANCE);
                        return KycJson.reviews(platform.kyc().queue(status, limit));
                    });
                }),
                Endpoint.of(HttpMethod.GET, "/bourse/operator/kyc/users", 1, r -> {
                    long userId = r.params().requireLong("userId");
                    return Blocking.run(vertx, () -> {
                        auth.require(r, OperatorRole.COMPLIANCE);
                        return KycJson.status(platform.kyc().status(userId));
                    });
                }),
                Endpoint.of(HttpMethod.GET, "/bourse/operator/kyc/documents", 1, r -> {
                    long documentId = r.params().requireLong("documentId");
                    return Blocking.run(vertx, () -> {
                        var content = platform.kyc().documentContent(auth.require(r, OperatorRole.COMPLIANCE),
                                documentId);
                        r.responseHeaders().set("Content-Type", content.info().contentType());
                        r.responseHeaders().set("Content-Disposition", "attachment; filename=\"document-"
                                + documentId + "\"");
                        r.responseHeaders().set("X-Content-Type-Options", "nosniff");
                        return Buffer.buffer(content.content());
                    });
                }),
                Endpoint.of(HttpMethod.POST, "/bourse/operator/kyc/reviews/decide", 1, r -> {
                    Params p = r.params();
                    long reviewId = p.requireLong("reviewId");
                    KycRecords.Decision decision = p.requireEnum("decision", KycRecords.Decision.class);
                    String reason = p.get("reason");
                    return Blocking.runThenEmpty(vertx, () -> platform.kyc().decide(
                            auth.require(r, OperatorRole.COMPLIANCE), reviewId, decision, reason));
                }));
    }
}
