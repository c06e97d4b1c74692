package io.bourse.api.account;

import io.bourse.api.http.Endpoint;
import io.bourse.api.http.JsonOut;
import io.bourse.api.http.Params;
import io.bourse.platform.Platform;
import io.bourse.platform.kyc.KycRecords;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;

import java.util.List;

/**
 * The customer's side of KYC under {@code /bourse/v1/kyc}: see the status, send personal details (tier 1), upload
 * identity documents (the request body is the file, {@code kind} in the query) and ask for tier 2.
 */
public final class KycRoutes {
    private final Vertx vertx;
    private final Platform platform;
    private final WebSessions web;

    public KycRoutes(Vertx vertx, Platform platform, WebSessions web) {
        this.vertx = vertx;
        this.platform = platform;
        this.web = web;
    }

    public List<Endpoint> endpoints() {
        int maxUpload = platform.config().kyc().maxDocumentBytes();
        return List.of(
                Endpoint.of(HttpMethod.GET, "/bourse/v1/kyc", 1, r -> Blocking.run(vertx,
                        () -> KycJson.status(platform.kyc().status(web.require(r).userId())))),
                Endpoint.of(HttpMethod.POST, "/bourse/v1/kyc/personal", 1, r -> {
                    Params p = r.params();
                    KycRecords.PersonalDetails details = new KycRecords.PersonalDetails(p.require("fullName"),
                            p.require("dateOfBirth"), p.require("country"), p.require("address"));
                    return Blocking.run(vertx, () -> KycJson.status(platform.kyc()
                            .submitPersonalDetails(web.require(r).userId(), details)));
                }),
                Endpoint.upload("/bourse/v1/kyc/documents", 5, maxUpload, r -> {
                    String kind = r.params().require("kind");
                    String type = r.headers().get("Content-Type");
                    byte[] content = r.upload().getBytes();
                    return Blocking.run(vertx, () -> {
                        KycRecords.Document d = platform.kyc().upload(web.require(r).userId(), kind, type, content);
                        return JsonOut.write(g -> KycJson.document(g, d));
                    });
                }),
                Endpoint.of(HttpMethod.POST, "/bourse/v1/kyc/submit", 1, r -> Blocking.run(vertx,
                        () -> KycJson.reviews(List.of(platform.kyc().requestTier2(web.require(r).userId()))))));
    }
}
