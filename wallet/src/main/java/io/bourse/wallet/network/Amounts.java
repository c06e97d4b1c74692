package io.bourse.wallet.network;

import io.bourse.platform.Refused;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Decimal texts to exchange units of an asset and back. */
public final class Amounts {
    private Amounts() {
    }

    /** {@code "1.5"} at scale 8 is 150000000; refuses non-numbers, signs, exponents and too many decimals. */
    public static long parse(String text, int scale, String what) {
        if (text == null || text.isEmpty() || text.length() > 40 || !text.matches("^[0-9]+(\\.[0-9]+)?$")) {
            throw Refused.invalid("'" + what + "' must be a positive decimal number.");
        }
        BigDecimal value = new BigDecimal(text);
        if (value.stripTrailingZeros().scale() > scale) {
            throw Refused.invalid("'" + what + "' has more than " + scale + " decimals.");
        }
        try {
            return value.movePointRight(scale).longValueExact();
        } catch (ArithmeticException e) {
            throw Refused.invalid("'" + what + "' is too large.");
        }
    }

    public static BigDecimal decimal(long units, int scale) {
        return BigDecimal.valueOf(units, scale);
    }

    /** Plain text without trailing zeros: {@code 150000000} at scale 8 is {@code "1.5"}. */
    public static String format(long units, int scale) {
        BigDecimal d = BigDecimal.valueOf(units, scale).stripTrailingZeros();
        return (d.scale() < 0 ? d.setScale(0, RoundingMode.UNNECESSARY) : d).toPlainString();
    }
}
