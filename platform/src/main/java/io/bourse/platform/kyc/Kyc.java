package io.bourse.platform.kyc;

import io.bourse.platform.Refused;
import io.bourse.platform.account.Actor;
import io.bourse.platform.account.Json;
import io.bourse.platform.account.UserRow;
import io.bourse.platform.audit.AuditTrail;
import io.bourse.platform.kyc.KycRecords.Decision;
import io.bourse.platform.kyc.KycRecords.Document;
import io.bourse.platform.kyc.KycRecords.PersonalDetails;
import io.bourse.platform.kyc.KycRecords.Profile;
import io.bourse.platform.kyc.KycRecords.Review;
import io.bourse.platform.kyc.KycRecords.Status;
import io.bourse.platform.mail.Outbox;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * KYC tiers: 0 when the email is verified (deposit only), 1 with personal details that pass screening (trade, and
 * withdraw up to a daily limit), 2 with an identity document and a selfie approved by compliance (higher limits).
 * A screening hit sends tier 1 to the review queue too; a sanctioned country is refused. Every step is audited, and
 * every decision is mailed to the customer.
 */
public final class Kyc {
    private static final Logger LOG = LoggerFactory.getLogger(Kyc.class);
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Pattern NAME = Pattern.compile("^[\\p{L}\\p{M}' .,-]{2,100}$");
    private static final int MAX_DOCUMENTS = 20;

    private final Jdbi jdbi;
    private final Clock clock;
    private final KycConfig config;
    private final Screening screening;
    private final DocumentStore documents;
    private final AuditTrail audit;
    private final Outbox outbox;

    public Kyc(Jdbi jdbi, Clock clock, KycConfig config, Screening screening, DocumentStore documents,
               AuditTrail audit, Outbox outbox) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.config = config;
        this.screening = screening;
        this.documents = documents;
        this.audit = audit;
        this.outbox = outbox;
    }

    public KycConfig config() {
        return config;
    }

    public Status status(long userId) {
        return jdbi.withHandle(h -> {
            UserRow u = UserRow.byId(h, userId).orElseThrow(() -> Refused.notFound("User"));
            return new Status(userId, u.kycTier(), config.withdrawalLimit(u.kycTier()), profile(h, userId),
                    documentsOf(h, userId), reviewsOf(h, userId));
        });
    }

    /** Tier 1: personal details, screened. Returns the new status (tier 1, or a pending review). */
    public Status submitPersonalDetails(long userId, PersonalDetails d) {
        String name = d.fullName() == null ? "" : d.fullName().strip().replaceAll("\\s+", " ");
        if (!NAME.matcher(name).matches()) {
            throw Refused.invalid("Full name must be 2 to 100 letters (with spaces, hyphens, apostrophes).");
        }
        LocalDate born = birthDate(d.dateOfBirth());
        String country = d.country() == null ? "" : d.country().strip().toUpperCase(Locale.ROOT);
        if (!COUNTRIES.contains(country)) {
            throw Refused.invalid("Country must be an ISO 3166-1 alpha-2 code such as DE or BR.");
        }
        String address = d.address() == null ? "" : d.address().strip();
        if (address.length() < 5 || address.length() > 300) {
            throw Refused.invalid("Address must be 5 to 300 characters.");
        }
        Instant now = clock.instant();
        Screening.Result result = screening.screen(name, country);
        if (result.verdict() == Screening.Verdict.BLOCKED) {
            audit.append(now, Actor.user(userId).name(), "KYC_BLOCKED", Actor.subject(userId), "{}",
                    "{\"country\":\"" + country + "\",\"reason\":" + Json.quote(result.reason()) + "}");
            LOG.warn("kyc: user {} refused by screening ({})", userId, result.reason());
            throw Refused.notServed(result.reason());
        }
        jdbi.useTransaction(h -> {
            UserRow u = UserRow.byIdForUpdate(h, userId).orElseThrow(() -> Refused.notFound("User"));
            if (!u.emailVerified()) {
                throw Refused.emailNotVerified();
            }
            if (u.kycTier() >= 1 || profile(h, userId) != null) {
                throw Refused.conflict("Personal details were already submitted; contact support to change them.");
            }
            h.createUpdate("INSERT INTO kyc_profiles (user_id, full_name, date_of_birth, country, address, screening, "
                            + "submitted_at) VALUES (:id, :name, :born, :country, :address, :screening, :now)")
                    .bind("id", userId).bind("name", name).bind("born", Date.valueOf(born)).bind("country", country)
                    .bind("address", address).bind("screening", result.verdict() + " " + result.reason())
                    .bind("now", Timestamp.from(now)).execute();
            audit.append(h, now, Actor.user(userId).name(), "KYC_DETAILS_SUBMITTED", Actor.subject(userId), "{}",
                    "{\"country\":\"" + country + "\",\"screening\":\"" + result.verdict() + "\"}");
            if (result.verdict() == Screening.Verdict.CLEAR) {
                setTier(h, Actor.SYSTEM, u, 1, now, "personal details screened clear");
            } else {
                openReview(h, userId, 1, result.reason(), now);
            }
        });
        return status(userId);
    }

    /** Stores an identity document (JPEG, PNG or PDF, checked by its first bytes too). */
    public Document upload(long userId, String kindName, String contentType, byte[] content) {
        DocumentKind kind;
        try {
            kind = DocumentKind.valueOf(kindName == null ? "" : kindName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Refused.badDocument("Document kind must be one of " + List.of(DocumentKind.values()) + ".");
        }
        if (content == null || content.length == 0) {
            throw Refused.badDocument("The document is empty.");
        }
        if (content.length > config.maxDocumentBytes()) {
            throw Refused.badDocument("A document may be at most " + config.maxDocumentBytes() / (1024 * 1024)
                    + " MiB.");
        }
        String type = contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        if (!FileSignatures.matches(type, content)) {
            throw Refused.badDocument("Upload a JPEG, PNG or PDF file; its Content-Type must match its content.");
        }
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            UserRow u = UserRow.byIdForUpdate(h, userId).orElseThrow(() -> Refused.notFound("User"));
            if (!u.emailVerified()) {
                throw Refused.emailNotVerified();
            }
            if (documentsOf(h, userId).size() >= MAX_DOCUMENTS) {
                throw Refused.conflict("At most " + MAX_DOCUMENTS + " documents per account.");
            }
            String sha = documents.put(content);
            long id = h.createQuery("INSERT INTO kyc_documents (user_id, kind, content_type, size_bytes, sha256, "
                            + "uploaded_at) VALUES (:id, :kind, :type, :size, :sha, :now) RETURNING document_id")
                    .bind("id", userId).bind("kind", kind.name()).bind("type", type).bind("size", content.length)
                    .bind("sha", sha).bind("now", Timestamp.from(now)).mapTo(Long.class).one();
            audit.append(h, now, Actor.user(userId).name(), "KYC_DOCUMENT_UPLOADED", Actor.subject(userId), "{}",
                    "{\"documentId\":" + id + ",\"kind\":\"" + kind + "\",\"sha256\":\"" + sha + "\"}");
            return new Document(id, kind, type, content.length, sha, now);
        });
    }

    /** Asks compliance for tier 2; needs tier 1, an identity document and a selfie. */
    public Review requestTier2(long userId) {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            UserRow u = UserRow.byIdForUpdate(h, userId).orElseThrow(() -> Refused.notFound("User"));
            if (u.kycTier() < 1) {
                throw Refused.tierTooLow(1, u.kycTier());
            }
            if (u.kycTier() >= 2) {
                throw Refused.conflict("The account is already at tier 2.");
            }
            List<Document> docs = documentsOf(h, userId);
            if (docs.stream().noneMatch(d -> d.kind().provesIdentity())
                    || docs.stream().noneMatch(d -> d.kind() == DocumentKind.SELFIE)) {
                throw Refused.badDocument("Upload an identity document (passport, ID card or driving licence) and a "
                        + "selfie first.");
            }
            return openReview(h, userId, 2, "identity documents", now);
        });
    }

    /** The review queue, oldest first. */
    public List<Review> queue(String status, int limit) {
        String s = status == null ? "PENDING" : status.toUpperCase(Locale.ROOT);
        if (!Set.of("PENDING", "APPROVED", "REJECTED", "MORE_INFO").contains(s)) {
            throw Refused.invalid("Status must be PENDING, APPROVED, REJECTED or MORE_INFO.");
        }
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM kyc_reviews WHERE status = :s ORDER BY review_id "
                        + "LIMIT :limit")
                .bind("s", s).bind("limit", limit).map((rs, ctx) -> review(rs)).list());
    }

    public void decide(Actor by, long reviewId, Decision decision, String reason) {
        String why = reason == null ? "" : reason.strip();
        if (decision != Decision.APPROVE && (why.isEmpty() || why.length() > 500)) {
            throw Refused.invalid("A reason of 1 to 500 characters is required to reject or ask for more.");
        }
        Instant now = clock.instant();
        jdbi.useTransaction(h -> {
            Review r = h.createQuery("SELECT * FROM kyc_reviews WHERE review_id = :id FOR UPDATE").bind("id", reviewId)
                    .map((rs, ctx) -> review(rs)).findOne().orElseThrow(() -> Refused.notFound("Review"));
            if (!r.status().equals("PENDING")) {
                throw Refused.conflict("Review " + reviewId + " was already decided (" + r.status() + ").");
            }
            if (by.name().equals(Actor.operator(r.userId()).name())) {
                throw Refused.roleRequired("another officer (nobody reviews their own KYC)");
            }
            String status = switch (decision) {
                case APPROVE -> "APPROVED";
                case REJECT -> "REJECTED";
                case REQUEST_MORE -> "MORE_INFO";
            };
            h.createUpdate("UPDATE kyc_reviews SET status = :status, decided_at = :now, decided_by = :by, "
                            + "reason = :reason WHERE review_id = :id")
                    .bind("status", status).bind("now", Timestamp.from(now)).bind("by", by.name())
                    .bind("reason", why).bind("id", reviewId).execute();
            audit.append(h, now, by.name(), "KYC_REVIEW_" + status, Actor.subject(r.userId()),
                    "{\"reviewId\":" + reviewId + ",\"status\":\"PENDING\"}",
                    "{\"reviewId\":" + reviewId + ",\"status\":\"" + status + "\",\"reason\":" + Json.quote(why) + "}");
            UserRow u = UserRow.byIdForUpdate(h, r.userId()).orElseThrow();
            if (decision == Decision.APPROVE) {
                setTier(h, by, u, Math.max(u.kycTier(), r.requestedTier()), now, "review " + reviewId + " approved");
            }
            outbox.enqueue(h, now, u.email(), switch (decision) {
                case APPROVE -> "Your verification was approved";
                case REJECT -> "Your verification was not approved";
                case REQUEST_MORE -> "We need more information to verify you";
            }, switch (decision) {
                case APPROVE -> "Your Bourse account is now at verification tier " + Math.max(u.kycTier(),
                        r.requestedTier()) + ".";
                case REJECT -> "We could not approve your verification: " + why;
                case REQUEST_MORE -> "To finish your verification we need more from you: " + why
                        + "\n\nUpload it in the app, then submit again.";
            });
        });
    }

    /** A document's content for a compliance officer; the viewing itself is audited. */
    public KycRecords.DocumentContent documentContent(Actor by, long documentId) {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            long userId = h.createQuery("SELECT user_id FROM kyc_documents WHERE document_id = :id")
                    .bind("id", documentId).mapTo(Long.class).findOne()
                    .orElseThrow(() -> Refused.notFound("Document"));
            Document d = documentsOf(h, userId).stream().filter(x -> x.documentId() == documentId).findFirst()
                    .orElseThrow();
            audit.append(h, now, by.name(), "KYC_DOCUMENT_VIEWED", Actor.subject(userId), "{}",
                    "{\"documentId\":" + documentId + "}");
            return new KycRecords.DocumentContent(d, documents.get(d.sha256()));
        });
    }

    private Review openReview(Handle h, long userId, int tier, String note, Instant now) {
        boolean pending = h.createQuery("SELECT 1 FROM kyc_reviews WHERE user_id = :id AND status = 'PENDING'")
                .bind("id", userId).mapTo(Integer.class).findOne().isPresent();
        if (pending) {
            throw Refused.conflict("A review is already pending.");
        }
        Review r = h.createQuery("INSERT INTO kyc_reviews (user_id, requested_tier, status, note, created_at) "
                        + "VALUES (:id, :tier, 'PENDING', :note, :now) RETURNING *")
                .bind("id", userId).bind("tier", tier).bind("note", note).bind("now", Timestamp.from(now))
                .map((rs, ctx) -> review(rs)).one();
        audit.append(h, now, Actor.user(userId).name(), "KYC_REVIEW_OPENED", Actor.subject(userId), "{}",
                "{\"reviewId\":" + r.reviewId() + ",\"requestedTier\":" + tier + "}");
        LOG.info("kyc: review {} opened for user {} (tier {})", r.reviewId(), userId, tier);
        return r;
    }

    private void setTier(Handle h, Actor by, UserRow u, int tier, Instant now, String why) {
        if (tier == u.kycTier()) {
            return;
        }
        h.createUpdate("UPDATE users SET kyc_tier = :tier WHERE user_id = :id").bind("tier", tier)
                .bind("id", u.userId()).execute();
        audit.append(h, now, by.name(), "KYC_TIER_CHANGED", Actor.subject(u.userId()),
                "{\"tier\":" + u.kycTier() + "}", "{\"tier\":" + tier + ",\"why\":" + Json.quote(why) + "}");
        LOG.info("kyc: user {} now at tier {} ({})", u.userId(), tier, why);
    }

    private LocalDate birthDate(String text) {
        LocalDate born;
        try {
            born = LocalDate.parse(text == null ? "" : text.strip());
        } catch (DateTimeParseException e) {
            throw Refused.invalid("Date of birth must be YYYY-MM-DD.");
        }
        int age = Period.between(born, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)).getYears();
        if (age < config.minimumAge() || age > 120) {
            throw Refused.invalid("Customers must be at least " + config.minimumAge() + " years old.");
        }
        return born;
    }

    private static Profile profile(Handle h, long userId) {
        return h.createQuery("SELECT * FROM kyc_profiles WHERE user_id = :id").bind("id", userId)
                .map((rs, ctx) -> new Profile(rs.getString("full_name"), rs.getDate("date_of_birth").toLocalDate(),
                        rs.getString("country"), rs.getString("address"), rs.getString("screening"),
                        rs.getTimestamp("submitted_at").toInstant()))
                .findOne().orElse(null);
    }

    private static List<Document> documentsOf(Handle h, long userId) {
        return h.createQuery("SELECT * FROM kyc_documents WHERE user_id = :id ORDER BY document_id")
                .bind("id", userId)
                .map((rs, ctx) -> new Document(rs.getLong("document_id"), DocumentKind.valueOf(rs.getString("kind")),
                        rs.getString("content_type"), rs.getInt("size_bytes"), rs.getString("sha256"),
                        rs.getTimestamp("uploaded_at").toInstant()))
                .list();
    }

    private static List<Review> reviewsOf(Handle h, long userId) {
        return h.createQuery("SELECT * FROM kyc_reviews WHERE user_id = :id ORDER BY review_id").bind("id", userId)
                .map((rs, ctx) -> review(rs)).list();
    }

    private static Review review(ResultSet rs) throws SQLException {
        Timestamp decided = rs.getTimestamp("decided_at");
        return new Review(rs.getLong("review_id"), rs.getLong("user_id"), rs.getInt("requested_tier"),
                rs.getString("status"), rs.getString("note"), rs.getTimestamp("created_at").toInstant(),
                decided == null ? null : decided.toInstant(), rs.getString("decided_by"), rs.getString("reason"));
    }
}
