-- Amendments of orders (order/amend/keepPriority), for GET /api/v3/order/amendments.
CREATE TABLE order_amendments (
    order_id              BIGINT NOT NULL,
    execution_id          BIGINT NOT NULL,
    symbol_id             INT NOT NULL,
    user_id               BIGINT NOT NULL,
    orig_client_order_id  TEXT,
    new_client_order_id   TEXT,
    orig_qty              BIGINT NOT NULL,
    new_qty               BIGINT NOT NULL,
    time_ms               BIGINT NOT NULL,
    PRIMARY KEY (order_id, execution_id)
);
