package io.bourse.engine.book;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DivisorTest {

    @Property(tries = 20_000)
    void dividesAsJavaDoes(@ForAll("divisors") long d, @ForAll("dividends") long n) {
        assertThat(new Divisor(d).divide(n)).isEqualTo(n / d);
    }

    @Test
    void edgesOfEveryDivisorSize() {
        long[] dividends = {0, 1, Long.MAX_VALUE, Long.MAX_VALUE - 1, Long.MIN_VALUE, -1, 1L << 62, (1L << 62) - 1};
        for (int bits = 0; bits < 63; bits++) {
            for (long d : new long[] {1L << bits, (1L << bits) + 1, (1L << bits) - 1, 3L << Math.max(0, bits - 2)}) {
                if (d <= 0) {
                    continue;
                }
                Divisor divisor = new Divisor(d);
                for (long n : dividends) {
                    assertThat(divisor.divide(n)).as("%d / %d", n, d).isEqualTo(n / d);
                }
                for (long k : new long[] {1, 2, 7, 1_000_003, Long.MAX_VALUE / d}) {
                    long multiple = d * k;  // exact multiples and their neighbours are where rounding could slip
                    if (multiple / k == d) {
                        for (long n : new long[] {multiple - 1, multiple, multiple + 1}) {
                            if (n >= 0) {
                                assertThat(divisor.divide(n)).as("%d / %d", n, d).isEqualTo(n / d);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void refusesNonPositiveDivisors() {
        assertThatThrownBy(() -> new Divisor(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Divisor(-10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Provide
    Arbitrary<Long> divisors() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(1, 1_000_000),
                Arbitraries.longs().between(1, Long.MAX_VALUE),
                Arbitraries.of(10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 100_000_000L, 3L, 7L, 641L));
    }

    @Provide
    Arbitrary<Long> dividends() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(0, Long.MAX_VALUE),
                Arbitraries.longs().between(0, 10_000_000_000L),
                Arbitraries.longs());
    }
}
