package io.bourse.engine.book;

import java.math.BigInteger;

/**
 * Division by a divisor fixed when a market is listed (its tick size, its step size), by a multiplication and a
 * shift instead of a hardware division: a 64-bit division costs tens of cycles, and every order entry made two.
 *
 * <p>The method is Granlund and Montgomery's ("Division by invariant integers using multiplication", 1994,
 * theorem 4.2) for dividends below 2<sup>63</sup>: with {@code l = ceil(log2 d)} and
 * {@code m = floor(2^(63+l) / d) + 1} (which fits in 64 unsigned bits), {@code floor(n / d)} is the high 64 bits of
 * {@code m × n} shifted right by {@code l - 1}. Negative dividends (which validation rejects later) take the
 * ordinary division, so the result always equals {@code n / d}.
 */
final class Divisor {
    private final long divisor;
    private final long magic;
    private final int shift;
    /** False for a power of two, which a shift divides alone. */
    private final boolean multiply;

    Divisor(long divisor) {
        if (divisor <= 0) {
            throw new IllegalArgumentException("divisor must be positive: " + divisor);
        }
        this.divisor = divisor;
        if (Long.bitCount(divisor) == 1) {
            multiply = false;
            magic = 0;
            shift = Long.numberOfTrailingZeros(divisor);
        } else {
            int l = 64 - Long.numberOfLeadingZeros(divisor - 1);
            multiply = true;
            magic = BigInteger.ONE.shiftLeft(63 + l).divide(BigInteger.valueOf(divisor)).add(BigInteger.ONE)
                    .longValue();
            shift = l - 1;
        }
    }

    /** {@code n / divisor}, as Java's division rounds (toward zero). */
    long divide(long n) {
        if (n < 0) {
            return n / divisor;
        }
        return multiply ? Math.unsignedMultiplyHigh(magic, n) >>> shift : n >>> shift;
    }
}
