-- Users of the exchange (sign-up and KYC arrive later) and their API keys.
CREATE TABLE users (
    user_id     BIGINT PRIMARY KEY,
    email       TEXT NOT NULL UNIQUE,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE SEQUENCE user_ids START WITH 1000;

-- One row per key. HMAC keys keep their secret encrypted (AES-GCM with the master key; never in clear);
-- Ed25519 keys keep the user's public key only.
CREATE TABLE api_keys (
    api_key       TEXT PRIMARY KEY,
    user_id       BIGINT NOT NULL REFERENCES users (user_id),
    label         TEXT NOT NULL DEFAULT '',
    kind          TEXT NOT NULL CHECK (kind IN ('HMAC', 'ED25519')),
    secret_enc    BYTEA,
    public_key    BYTEA,
    permissions   TEXT NOT NULL,
    ip_whitelist  TEXT NOT NULL DEFAULT '',
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK ((kind = 'HMAC' AND secret_enc IS NOT NULL) OR (kind = 'ED25519' AND public_key IS NOT NULL))
);

CREATE INDEX api_keys_by_user ON api_keys (user_id);
