-- Know-your-customer: personal details (tier 1), identity documents (tier 2, files outside the database, sealed,
-- named by the SHA-256 of their content) and the compliance review queue.

CREATE TABLE kyc_profiles (
    user_id        BIGINT PRIMARY KEY REFERENCES users (user_id),
    full_name      TEXT NOT NULL,
    date_of_birth  DATE NOT NULL,
    country        CHAR(2) NOT NULL,
    address        TEXT NOT NULL,
    screening      TEXT NOT NULL,
    submitted_at   TIMESTAMPTZ NOT NULL
);

CREATE INDEX kyc_profiles_by_country ON kyc_profiles (country);

CREATE TABLE kyc_documents (
    document_id   BIGSERIAL PRIMARY KEY,
    user_id       BIGINT NOT NULL REFERENCES users (user_id),
    kind          TEXT NOT NULL CHECK (kind IN ('PASSPORT', 'ID_CARD_FRONT', 'ID_CARD_BACK', 'DRIVING_LICENSE',
                                               'SELFIE', 'PROOF_OF_ADDRESS')),
    content_type  TEXT NOT NULL,
    size_bytes    INT NOT NULL,
    sha256        TEXT NOT NULL,
    uploaded_at   TIMESTAMPTZ NOT NULL
);

CREATE INDEX kyc_documents_by_user ON kyc_documents (user_id, document_id);

CREATE TABLE kyc_reviews (
    review_id       BIGSERIAL PRIMARY KEY,
    user_id         BIGINT NOT NULL REFERENCES users (user_id),
    requested_tier  INT NOT NULL CHECK (requested_tier IN (1, 2)),
    status          TEXT NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED', 'MORE_INFO')),
    note            TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMPTZ NOT NULL,
    decided_at      TIMESTAMPTZ,
    decided_by      TEXT,
    reason          TEXT
);

CREATE INDEX kyc_reviews_queue ON kyc_reviews (status, review_id);
CREATE UNIQUE INDEX kyc_reviews_one_pending ON kyc_reviews (user_id) WHERE status = 'PENDING';
