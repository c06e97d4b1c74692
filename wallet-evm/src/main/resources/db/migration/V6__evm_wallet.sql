-- The EVM adapter's own records: the keys of deposit addresses (sealed with the master key, for sweeping later)
-- and each withdrawal's signed transaction, so sending it again after a crash sends the same transaction.
CREATE TABLE evm_deposit_keys (
    network          TEXT NOT NULL,
    address          TEXT NOT NULL,
    private_key_enc  BYTEA NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (network, address)
);

CREATE TABLE evm_sends (
    network        TEXT NOT NULL,
    withdrawal_id  BIGINT NOT NULL,
    tx_hash        TEXT NOT NULL,
    raw_tx         TEXT NOT NULL,
    nonce          BIGINT NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (network, withdrawal_id)
);
