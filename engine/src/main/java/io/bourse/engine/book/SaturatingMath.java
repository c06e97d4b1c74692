package io.bourse.engine.book;

import io.bourse.engine.market.Rates;

/** Products that clamp at {@link Long#MAX_VALUE} instead of wrapping; a clamped amount never passes a balance check. */
final class SaturatingMath {
    private SaturatingMath() {
    }

    /** a × b for non-negative a and b, or Long.MAX_VALUE if that overflows. */
    static long multiply(long a, long b) {
        if (((a | b) >>> 31) == 0) {
            return a * b;
        }
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        return hi == 0 && lo >= 0 ? lo : Long.MAX_VALUE;
    }

    static long add(long a, long b) {
        long r = a + b;
        return r < 0 ? Long.MAX_VALUE : r;
    }

    /** value × rate / {@link Rates#ONE}, rounded down; for price bands. */
    static long multiplyRate(long value, long rate) {
        long whole = multiply(value / Rates.ONE, rate);
        long part = multiply(value % Rates.ONE, rate) / Rates.ONE;
        return add(whole, part);
    }
}
