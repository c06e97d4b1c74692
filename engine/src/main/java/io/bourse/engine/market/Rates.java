package io.bourse.engine.market;

/**
 * Rates (fees, price multipliers) are fixed-point numbers with eight decimals: {@code 100_000_000} is 1.0,
 * {@code 100_000} is 0.001 (0.1 %).
 */
public final class Rates {
    public static final long ONE = 100_000_000L;

    private Rates() {
    }

    /** floor(amount × rate / ONE), exact for any amount ≥ 0 and 0 ≤ rate ≤ ONE × 92; never overflows. */
    public static long applyFloor(long amount, long rate) {
        return (amount / ONE) * rate + (amount % ONE) * rate / ONE;
    }

    /** ceil(amount × rate / ONE) under the same bounds as {@link #applyFloor}. */
    public static long applyCeil(long amount, long rate) {
        long high = (amount / ONE) * rate;
        long lowProduct = (amount % ONE) * rate;
        return high + lowProduct / ONE + (lowProduct % ONE == 0 ? 0 : 1);
    }
}
