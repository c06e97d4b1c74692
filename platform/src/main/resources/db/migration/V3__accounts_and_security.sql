-- Sign-up, sessions, two-factor authentication, login throttling, the mail outbox, operator roles and the audit
-- trail. Secrets are never stored in clear: passwords as Argon2id hashes, session and one-time tokens as SHA-256
-- hashes, TOTP secrets sealed with the master key.

ALTER TABLE users
    ADD COLUMN password_hash      TEXT,
    ADD COLUMN email_verified_at  TIMESTAMPTZ,
    ADD COLUMN locked             BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN locked_until       TIMESTAMPTZ,
    ADD COLUMN kyc_tier           INT NOT NULL DEFAULT 0,
    ADD COLUMN referral_code      TEXT UNIQUE,
    ADD COLUMN referred_by        BIGINT REFERENCES users (user_id),
    ADD COLUMN utm_source         TEXT,
    ADD COLUMN utm_medium         TEXT,
    ADD COLUMN utm_campaign       TEXT,
    ADD COLUMN totp_secret_enc    BYTEA,
    ADD COLUMN totp_pending_enc   BYTEA,
    ADD COLUMN totp_enabled_at    TIMESTAMPTZ,
    ADD COLUMN totp_last_step     BIGINT NOT NULL DEFAULT 0;

CREATE INDEX users_by_referrer ON users (referred_by) WHERE referred_by IS NOT NULL;

-- Web sessions. The cookie carries the token; only its hash is kept, so the table alone opens no session.
CREATE TABLE sessions (
    session_id    BIGSERIAL PRIMARY KEY,
    token_hash    BYTEA NOT NULL UNIQUE,
    csrf_token    TEXT NOT NULL,
    user_id       BIGINT NOT NULL REFERENCES users (user_id),
    created_at    TIMESTAMPTZ NOT NULL,
    last_seen_at  TIMESTAMPTZ NOT NULL,
    expires_at    TIMESTAMPTZ NOT NULL,
    ip            TEXT NOT NULL,
    user_agent    TEXT NOT NULL DEFAULT '',
    revoked_at    TIMESTAMPTZ
);

CREATE INDEX sessions_by_user ON sessions (user_id);

-- Links sent by mail: email verification and password reset. Used once, expire.
CREATE TABLE one_time_tokens (
    token_hash  BYTEA PRIMARY KEY,
    user_id     BIGINT NOT NULL REFERENCES users (user_id),
    purpose     TEXT NOT NULL CHECK (purpose IN ('VERIFY_EMAIL', 'RESET_PASSWORD')),
    expires_at  TIMESTAMPTZ NOT NULL,
    used_at     TIMESTAMPTZ
);

CREATE INDEX one_time_tokens_by_user ON one_time_tokens (user_id, purpose);

-- Every login attempt, for throttling per account and per IP and for the user's login history.
CREATE TABLE login_attempts (
    attempt_id  BIGSERIAL PRIMARY KEY,
    email       TEXT NOT NULL,
    user_id     BIGINT,
    ip          TEXT NOT NULL,
    at          TIMESTAMPTZ NOT NULL,
    success     BOOLEAN NOT NULL
);

CREATE INDEX login_attempts_by_email ON login_attempts (email, at);
CREATE INDEX login_attempts_by_ip ON login_attempts (ip, at);

CREATE TABLE recovery_codes (
    user_id    BIGINT NOT NULL REFERENCES users (user_id),
    code_hash  BYTEA NOT NULL,
    used_at    TIMESTAMPTZ,
    PRIMARY KEY (user_id, code_hash)
);

-- Mail waits here until the sender has handed it over; in the embedded default the table is the mailbox.
CREATE TABLE mail_outbox (
    mail_id     BIGSERIAL PRIMARY KEY,
    recipient   TEXT NOT NULL,
    subject     TEXT NOT NULL,
    body        TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    sent_at     TIMESTAMPTZ,
    attempts    INT NOT NULL DEFAULT 0,
    last_error  TEXT
);

CREATE INDEX mail_outbox_unsent ON mail_outbox (mail_id) WHERE sent_at IS NULL;
CREATE INDEX mail_outbox_by_recipient ON mail_outbox (recipient, mail_id);

-- Staff: users who may act on the operator endpoints, by role.
CREATE TABLE operator_roles (
    user_id     BIGINT NOT NULL REFERENCES users (user_id),
    role        TEXT NOT NULL CHECK (role IN ('SUPPORT', 'COMPLIANCE', 'FINANCE', 'ADMIN')),
    granted_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, role)
);

-- The audit trail: each entry's hash covers its content and the previous entry's hash, so changing or removing an
-- entry breaks every hash after it. The triggers refuse updates and deletes outright.
CREATE TABLE audit_log (
    seq        BIGINT PRIMARY KEY,
    at         TIMESTAMPTZ NOT NULL,
    actor      TEXT NOT NULL,
    action     TEXT NOT NULL,
    subject    TEXT NOT NULL,
    before     TEXT NOT NULL,
    after      TEXT NOT NULL,
    prev_hash  BYTEA NOT NULL,
    hash       BYTEA NOT NULL
);

CREATE INDEX audit_log_by_subject ON audit_log (subject, seq);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
