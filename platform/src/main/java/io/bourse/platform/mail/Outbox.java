package io.bourse.platform.mail;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * Outgoing mail, written in the same transaction as the change that causes it (a sign-up and its verification
 * mail commit together), sent later by the {@link OutboxDispatcher}.
 */
public final class Outbox {
    private final Jdbi jdbi;

    public Outbox(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void enqueue(Handle h, Instant now, String recipient, String subject, String body) {
        h.createUpdate("INSERT INTO mail_outbox (recipient, subject, body, created_at) "
                        + "VALUES (:to, :subject, :body, :now)")
                .bind("to", recipient).bind("subject", subject).bind("body", body)
                .bind("now", Timestamp.from(now)).execute();
    }

    /** The newest mail, to one recipient or (null) to anyone: the local mailbox view. */
    public List<Mail> latest(String recipient, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM mail_outbox "
                        + (recipient == null ? "" : "WHERE recipient = :to ") + "ORDER BY mail_id DESC LIMIT :limit")
                .bind("to", recipient).bind("limit", limit).map((rs, ctx) -> mail(rs)).list());
    }

    List<Mail> unsent(int limit, int maxAttempts) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM mail_outbox WHERE sent_at IS NULL "
                        + "AND attempts < :max ORDER BY mail_id LIMIT :limit")
                .bind("max", maxAttempts).bind("limit", limit).map((rs, ctx) -> mail(rs)).list());
    }

    void markSent(long id, Instant at) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE mail_outbox SET sent_at = :at, attempts = attempts + 1 "
                + "WHERE mail_id = :id").bind("at", Timestamp.from(at)).bind("id", id).execute());
    }

    void markFailed(long id, String error) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE mail_outbox SET attempts = attempts + 1, last_error = :error "
                + "WHERE mail_id = :id").bind("error", error).bind("id", id).execute());
    }

    private static Mail mail(ResultSet rs) throws SQLException {
        Timestamp sent = rs.getTimestamp("sent_at");
        return new Mail(rs.getLong("mail_id"), rs.getString("recipient"), rs.getString("subject"),
                rs.getString("body"), rs.getTimestamp("created_at").toInstant(),
                sent == null ? null : sent.toInstant());
    }
}
