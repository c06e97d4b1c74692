package io.bourse.platform.account;

import org.jdbi.v3.core.Handle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** A user as the platform reads them (never with the password hash outside this package). */
public record UserRow(long userId, String email, String passwordHash, Instant emailVerifiedAt, boolean locked,
                      Instant lockedUntil, boolean twoFactorEnabled, int kycTier, String referralCode,
                      Instant createdAt) {

    public boolean emailVerified() {
        return emailVerifiedAt != null;
    }

    static Optional<UserRow> byEmail(Handle h, String email) {
        return h.createQuery("SELECT * FROM users WHERE email = :email").bind("email", email)
                .map((rs, ctx) -> of(rs)).findOne();
    }

    public static Optional<UserRow> byId(Handle h, long userId) {
        return h.createQuery("SELECT * FROM users WHERE user_id = :id").bind("id", userId)
                .map((rs, ctx) -> of(rs)).findOne();
    }

    /** Locks the user's row for the rest of the transaction (serializes changes to one account). */
    public static Optional<UserRow> byIdForUpdate(Handle h, long userId) {
        return h.createQuery("SELECT * FROM users WHERE user_id = :id FOR UPDATE").bind("id", userId)
                .map((rs, ctx) -> of(rs)).findOne();
    }

    private static UserRow of(ResultSet rs) throws SQLException {
        return new UserRow(rs.getLong("user_id"), rs.getString("email"), rs.getString("password_hash"),
                instant(rs.getTimestamp("email_verified_at")), rs.getBoolean("locked"),
                instant(rs.getTimestamp("locked_until")), rs.getTimestamp("totp_enabled_at") != null,
                rs.getInt("kyc_tier"), rs.getString("referral_code"), rs.getTimestamp("created_at").toInstant());
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    @Override
    public String toString() {
        return "UserRow[userId=" + userId + ", email=" + email + "]";
    }
}
