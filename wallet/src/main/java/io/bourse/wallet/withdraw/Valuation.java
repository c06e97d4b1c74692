package io.bourse.wallet.withdraw;

import java.math.BigDecimal;
import java.util.Optional;

/** What an amount of an asset is worth in USDT now (for KYC limits and approval thresholds); empty if unknown. */
@FunctionalInterface
public interface Valuation {
    Optional<BigDecimal> inUsdt(String asset, BigDecimal amount);
}
