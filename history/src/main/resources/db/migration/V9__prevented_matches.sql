-- Matches that self-trade prevention stopped (Binance's myPreventedMatches), written by the history consumer.
CREATE TABLE prevented_matches (
    symbol_id            INT NOT NULL,
    prevented_match_id   BIGINT NOT NULL,
    taker_order_id       BIGINT NOT NULL,
    maker_order_id       BIGINT NOT NULL,
    user_id              BIGINT NOT NULL,
    price                BIGINT NOT NULL,
    maker_prevented_qty  BIGINT NOT NULL,
    stp_mode             TEXT NOT NULL,
    time_ms              BIGINT NOT NULL,
    PRIMARY KEY (symbol_id, prevented_match_id)
);
CREATE INDEX prevented_matches_by_user ON prevented_matches (user_id, symbol_id, prevented_match_id);
