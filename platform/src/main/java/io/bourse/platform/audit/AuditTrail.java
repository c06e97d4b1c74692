package io.bourse.platform.audit;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * The append-only, hash-chained audit trail. Each entry's hash is SHA-256 over the previous entry's hash and the
 * entry's own fields, so an entry changed or removed anywhere breaks the chain from there on, which
 * {@link #verify} finds. Entries are appended inside the transaction of the change they record: both commit or
 * neither does. A transaction-scoped advisory lock serializes appends so the chain never forks.
 */
public final class AuditTrail {
    private static final long APPEND_LOCK = 0x4155_4449_54L; // "AUDIT"
    private static final byte[] GENESIS = new byte[32];

    private final Jdbi jdbi;

    public AuditTrail(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Appends within {@code h}'s transaction (the caller's change and this entry commit together). */
    public void append(Handle h, Instant at, String actor, String action, String subject, String before,
                       String after) {
        h.execute("SELECT pg_advisory_xact_lock(?)", APPEND_LOCK);
        var last = h.createQuery("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
                .map((rs, ctx) -> new Object[] {rs.getLong(1), rs.getBytes(2)}).findOne();
        long seq = last.map(r -> (Long) r[0] + 1).orElse(1L);
        byte[] prev = last.map(r -> (byte[]) r[1]).orElse(GENESIS);
        Instant stamped = Instant.ofEpochMilli(at.toEpochMilli());
        AuditEntry entry = new AuditEntry(seq, stamped, actor, action, subject, before, after);
        h.createUpdate("INSERT INTO audit_log (seq, at, actor, action, subject, before, after, prev_hash, hash) "
                        + "VALUES (:seq, :at, :actor, :action, :subject, :before, :after, :prev, :hash)")
                .bind("seq", seq).bind("at", java.sql.Timestamp.from(stamped)).bind("actor", actor)
                .bind("action", action).bind("subject", subject).bind("before", before).bind("after", after)
                .bind("prev", prev).bind("hash", hash(prev, entry)).execute();
    }

    /** Appends in a transaction of its own. */
    public void append(Instant at, String actor, String action, String subject, String before, String after) {
        jdbi.useTransaction(h -> append(h, at, actor, action, subject, before, after));
    }

    /** The entries about {@code subject} (e.g. {@code user:1001}), oldest first. */
    public List<AuditEntry> about(String subject, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT seq, at, actor, action, subject, before, after "
                        + "FROM audit_log WHERE subject = :subject ORDER BY seq LIMIT :limit")
                .bind("subject", subject).bind("limit", limit)
                .map((rs, ctx) -> new AuditEntry(rs.getLong("seq"), rs.getTimestamp("at").toInstant(),
                        rs.getString("actor"), rs.getString("action"), rs.getString("subject"),
                        rs.getString("before"), rs.getString("after")))
                .list());
    }

    /** The outcome of {@link #verify}: how many entries, the head hash, and the first broken entry (0: none). */
    public record Verification(long entries, String headHash, long firstBrokenSeq, String problem) {
        public boolean intact() {
            return firstBrokenSeq == 0;
        }
    }

    /** Recomputes the whole chain, streaming it in order. */
    public Verification verify() {
        return jdbi.withHandle(h -> {
            byte[][] prev = {GENESIS};
            long[] expectSeq = {1};
            long[] count = {0};
            Verification[] broken = {null};
            h.createQuery("SELECT seq, at, actor, action, subject, before, after, prev_hash, hash FROM audit_log "
                            + "ORDER BY seq")
                    .setFetchSize(1000)
                    .map((rs, ctx) -> {
                        if (broken[0] != null) {
                            return null;
                        }
                        AuditEntry e = new AuditEntry(rs.getLong("seq"), rs.getTimestamp("at").toInstant(),
                                rs.getString("actor"), rs.getString("action"), rs.getString("subject"),
                                rs.getString("before"), rs.getString("after"));
                        String problem = null;
                        if (e.seq() != expectSeq[0]) {
                            problem = "entry " + expectSeq[0] + " is missing";
                        } else if (!MessageDigest.isEqual(prev[0], rs.getBytes("prev_hash"))) {
                            problem = "entry " + e.seq() + " does not follow the entry before it";
                        } else if (!MessageDigest.isEqual(hash(prev[0], e), rs.getBytes("hash"))) {
                            problem = "entry " + e.seq() + " was changed after it was written";
                        }
                        if (problem != null) {
                            broken[0] = new Verification(count[0], hex(prev[0]), expectSeq[0], problem);
                            return null;
                        }
                        prev[0] = rs.getBytes("hash");
                        expectSeq[0]++;
                        count[0]++;
                        return null;
                    })
                    .forEach(x -> { });
            return broken[0] != null ? broken[0] : new Verification(count[0], hex(prev[0]), 0, null);
        });
    }

    static byte[] hash(byte[] prev, AuditEntry e) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(prev);
            sha.update(ByteBuffer.allocate(16).putLong(e.seq()).putLong(e.at().toEpochMilli()).array());
            for (String field : new String[] {e.actor(), e.action(), e.subject(), e.before(), e.after()}) {
                byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
                sha.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
                sha.update(bytes);
            }
            return sha.digest();
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
