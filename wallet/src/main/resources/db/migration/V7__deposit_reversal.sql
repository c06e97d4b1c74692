-- A deposit credited and then lost to a reorg deeper than its confirmations is marked REVERSED for finance to
-- resolve (the funds stay credited until someone decides; see docs/wallet.md).
ALTER TABLE deposits DROP CONSTRAINT deposits_status_check;
ALTER TABLE deposits ADD CONSTRAINT deposits_status_check
    CHECK (status IN ('PENDING', 'ORPHANED', 'CREDITING', 'CREDITED', 'FAILED', 'REVERSED'));
