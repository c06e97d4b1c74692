-- Money movement. Amounts are integers in the asset's smallest exchange unit (as in the engine).

CREATE TABLE deposit_addresses (
    user_id     BIGINT NOT NULL REFERENCES users (user_id),
    network     TEXT NOT NULL,
    address     TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, network),
    UNIQUE (network, address)
);

-- One row per incoming transfer (crypto: transaction id + output index; fiat: the provider's payment id).
-- deposit_id is the engine reference, so the engine credits each row at most once.
CREATE TABLE deposits (
    deposit_id      BIGSERIAL PRIMARY KEY,
    user_id         BIGINT NOT NULL REFERENCES users (user_id),
    asset           TEXT NOT NULL,
    network         TEXT NOT NULL,
    tx_id           TEXT NOT NULL,
    output_index    INT NOT NULL,
    address         TEXT NOT NULL,
    amount          BIGINT NOT NULL CHECK (amount > 0),
    block_number    BIGINT,
    block_hash      TEXT,
    confirmations   INT NOT NULL DEFAULT 0,
    status          TEXT NOT NULL CHECK (status IN ('PENDING', 'ORPHANED', 'CREDITING', 'CREDITED', 'FAILED')),
    detail          TEXT NOT NULL DEFAULT '',
    detected_at     TIMESTAMPTZ NOT NULL,
    credited_at     TIMESTAMPTZ,
    UNIQUE (network, tx_id, output_index)
);

CREATE INDEX deposits_by_user ON deposits (user_id, deposit_id);
CREATE INDEX deposits_open ON deposits (network, status) WHERE status IN ('PENDING', 'CREDITING', 'ORPHANED');

-- How far each network has been scanned.
CREATE TABLE chain_cursors (
    network  TEXT PRIMARY KEY,
    height   BIGINT NOT NULL
);

-- withdrawal_id is the engine's hold id. amount is what the address receives; fee is charged on top.
CREATE TABLE withdrawals (
    withdrawal_id      BIGSERIAL PRIMARY KEY,
    user_id            BIGINT NOT NULL REFERENCES users (user_id),
    asset              TEXT NOT NULL,
    network            TEXT NOT NULL,
    address            TEXT NOT NULL,
    amount             BIGINT NOT NULL CHECK (amount > 0),
    fee                BIGINT NOT NULL CHECK (fee >= 0),
    value_usdt         NUMERIC(38, 8) NOT NULL,
    client_order_id    TEXT,
    status             TEXT NOT NULL CHECK (status IN ('HOLDING', 'AWAITING_APPROVAL', 'APPROVED', 'SENDING',
                                                       'BROADCAST', 'CONFIRMED', 'REJECTED', 'FAILED', 'CANCELED')),
    tx_id              TEXT,
    confirmations      INT NOT NULL DEFAULT 0,
    detail             TEXT NOT NULL DEFAULT '',
    requested_at       TIMESTAMPTZ NOT NULL,
    decided_by         TEXT,
    completed_at       TIMESTAMPTZ,
    UNIQUE (user_id, client_order_id)
);

CREATE INDEX withdrawals_by_user ON withdrawals (user_id, withdrawal_id);
CREATE INDEX withdrawals_open ON withdrawals (status) WHERE status IN ('HOLDING', 'AWAITING_APPROVAL', 'APPROVED',
                                                                        'SENDING', 'BROADCAST');

-- Address whitelist: when a user turns it on, withdrawals go only to these addresses.
CREATE TABLE withdrawal_addresses (
    user_id     BIGINT NOT NULL REFERENCES users (user_id),
    network     TEXT NOT NULL,
    address     TEXT NOT NULL,
    label       TEXT NOT NULL DEFAULT '',
    created_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, network, address)
);

ALTER TABLE users ADD COLUMN withdrawal_whitelist_only BOOLEAN NOT NULL DEFAULT false;

-- The simulated chain of the embedded default: blocks, and transfers (in a block, or waiting in the mempool).
CREATE TABLE sim_blocks (
    network   TEXT NOT NULL,
    number    BIGINT NOT NULL,
    hash      TEXT NOT NULL,
    mined_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (network, number)
);

CREATE TABLE sim_transfers (
    network       TEXT NOT NULL,
    tx_id         TEXT NOT NULL,
    output_index  INT NOT NULL,
    from_address  TEXT NOT NULL,
    to_address    TEXT NOT NULL,
    asset         TEXT NOT NULL,
    amount        BIGINT NOT NULL CHECK (amount > 0),
    block_number  BIGINT,
    PRIMARY KEY (network, tx_id, output_index)
);

CREATE INDEX sim_transfers_by_block ON sim_transfers (network, block_number);

-- Fiat payments through a gateway (the sandbox by default); webhook ids seen, so a replayed webhook does nothing.
CREATE TABLE fiat_webhooks (
    provider     TEXT NOT NULL,
    event_id     TEXT NOT NULL,
    received_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (provider, event_id)
);
