package io.bourse.platform.kyc;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;

/**
 * What each KYC tier may do, and where identity documents are kept.
 *
 * @param withdrawalLimits24h the most a user of tier i may withdraw in any 24 hours, valued in USDT (index = tier)
 * @param documentDir          where sealed document files live (outside the database)
 * @param maxDocumentBytes     the largest upload accepted
 * @param minimumAge           the youngest a customer may be
 */
public record KycConfig(List<BigDecimal> withdrawalLimits24h, Path documentDir, int maxDocumentBytes,
                        int minimumAge) {

    public static KycConfig defaults(Path documentDir) {
        return new KycConfig(List.of(BigDecimal.ZERO, new BigDecimal("10000"), new BigDecimal("1000000")),
                documentDir, 5 * 1024 * 1024, 18);
    }

    public BigDecimal withdrawalLimit(int tier) {
        return withdrawalLimits24h.get(Math.min(tier, withdrawalLimits24h.size() - 1));
    }
}
