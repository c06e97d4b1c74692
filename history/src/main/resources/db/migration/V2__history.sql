-- The history store, written by the history consumer (idempotent: rows carry the engine's ids, and its position
-- is saved in the same transaction as the rows).
CREATE TABLE consumer_positions (
    consumer  TEXT PRIMARY KEY,
    sequence  BIGINT NOT NULL
);

-- Every order's latest state.
CREATE TABLE orders (
    order_id         BIGINT PRIMARY KEY,
    symbol_id        INT NOT NULL,
    user_id          BIGINT NOT NULL,
    client_order_id  TEXT,
    side             TEXT NOT NULL,
    type             TEXT NOT NULL,
    time_in_force    TEXT,
    status           TEXT NOT NULL,
    stp_mode         TEXT NOT NULL,
    price            BIGINT NOT NULL,
    stop_price       BIGINT NOT NULL,
    orig_qty         BIGINT NOT NULL,
    executed_qty     BIGINT NOT NULL,
    cum_quote_qty    BIGINT NOT NULL,
    quote_order_qty  BIGINT NOT NULL,
    iceberg_qty      BIGINT NOT NULL,
    prevented_qty    BIGINT NOT NULL,
    order_list_id    BIGINT NOT NULL,
    created_ms       BIGINT NOT NULL,
    updated_ms       BIGINT NOT NULL,
    working_ms       BIGINT NOT NULL
);
CREATE INDEX orders_by_user ON orders (user_id, symbol_id, order_id);

CREATE TABLE trades (
    symbol_id        INT NOT NULL,
    trade_id         BIGINT NOT NULL,
    price            BIGINT NOT NULL,
    qty              BIGINT NOT NULL,
    quote_qty        BIGINT NOT NULL,
    buyer_order_id   BIGINT NOT NULL,
    seller_order_id  BIGINT NOT NULL,
    buyer_user_id    BIGINT NOT NULL,
    seller_user_id   BIGINT NOT NULL,
    buyer_is_maker   BOOLEAN NOT NULL,
    buyer_fee        BIGINT NOT NULL,
    seller_fee       BIGINT NOT NULL,
    time_ms          BIGINT NOT NULL,
    PRIMARY KEY (symbol_id, trade_id)
);
CREATE INDEX trades_by_time ON trades (symbol_id, time_ms);
CREATE INDEX trades_by_buyer ON trades (buyer_user_id, symbol_id, trade_id);
CREATE INDEX trades_by_seller ON trades (seller_user_id, symbol_id, trade_id);
