package io.bourse.api.account;

import com.fasterxml.jackson.core.JsonGenerator;
import io.bourse.api.http.JsonOut;
import io.bourse.platform.kyc.KycRecords;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.util.List;

/** KYC records as JSON, for the customer and for compliance. */
public final class KycJson {
    private KycJson() {
    }

    public static Buffer status(KycRecords.Status s) {
        return JsonOut.write(g -> {
            g.writeStartObject();
            g.writeNumberField("userId", s.userId());
            g.writeNumberField("tier", s.tier());
            g.writeStringField("withdrawalLimit24h", s.withdrawalLimit24h().toPlainString());
            g.writeStringField("withdrawalLimitAsset", "USDT");
            if (s.profile() != null) {
                KycRecords.Profile p = s.profile();
                g.writeObjectFieldStart("personalDetails");
                g.writeStringField("fullName", p.fullName());
                g.writeStringField("dateOfBirth", p.dateOfBirth().toString());
                g.writeStringField("country", p.country());
                g.writeStringField("address", p.address());
                g.writeNumberField("submittedAt", p.submittedAt().toEpochMilli());
                g.writeEndObject();
            }
            g.writeArrayFieldStart("documents");
            for (KycRecords.Document d : s.documents()) {
                document(g, d);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("reviews");
            for (KycRecords.Review r : s.reviews()) {
                review(g, r);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    public static Buffer reviews(List<KycRecords.Review> reviews) {
        return JsonOut.write(g -> {
            g.writeStartArray();
            for (KycRecords.Review r : reviews) {
                review(g, r);
            }
            g.writeEndArray();
        });
    }

    public static void document(JsonGenerator g, KycRecords.Document d) throws IOException {
        g.writeStartObject();
        g.writeNumberField("documentId", d.documentId());
        g.writeStringField("kind", d.kind().name());
        g.writeStringField("contentType", d.contentType());
        g.writeNumberField("sizeBytes", d.sizeBytes());
        g.writeStringField("sha256", d.sha256());
        g.writeNumberField("uploadedAt", d.uploadedAt().toEpochMilli());
        g.writeEndObject();
    }

    private static void review(JsonGenerator g, KycRecords.Review r) throws IOException {
        g.writeStartObject();
        g.writeNumberField("reviewId", r.reviewId());
        g.writeNumberField("userId", r.userId());
        g.writeNumberField("requestedTier", r.requestedTier());
        g.writeStringField("status", r.status());
        g.writeStringField("note", r.note());
        g.writeNumberField("createdAt", r.createdAt().toEpochMilli());
        if (r.decidedAt() != null) {
            g.writeNumberField("decidedAt", r.decidedAt().toEpochMilli());
            g.writeStringField("decidedBy", r.decidedBy());
            g.writeStringField("reason", r.reason());
        }
        g.writeEndObject();
    }
}
