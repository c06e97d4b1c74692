package io.bourse.platform.kyc;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What KYC reads and answers. */
public final class KycRecords {
    private KycRecords() {
    }

    /** Tier 1's personal details as a user sends them (validated by {@link Kyc}). */
    public record PersonalDetails(String fullName, String dateOfBirth, String country, String address) {
    }

    public record Profile(String fullName, LocalDate dateOfBirth, String country, String address, String screening,
                          Instant submittedAt) {
    }

    public record Document(long documentId, DocumentKind kind, String contentType, int sizeBytes, String sha256,
                           Instant uploadedAt) {
    }

    public record DocumentContent(Document info, byte[] content) {
    }

    public record Review(long reviewId, long userId, int requestedTier, String status, String note,
                         Instant createdAt, Instant decidedAt, String decidedBy, String reason) {
    }

    /** A user's KYC as they see it: tier, what they may withdraw, details, documents and reviews. */
    public record Status(long userId, int tier, BigDecimal withdrawalLimit24h, Profile profile,
                         List<Document> documents, List<Review> reviews) {
    }

    /** An operator's decision on a review. */
    public enum Decision { APPROVE, REJECT, REQUEST_MORE }
}
