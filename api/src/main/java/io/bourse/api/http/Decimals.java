package io.bourse.api.http;

/**
 * Amounts on the wire are decimal text; in the engine they are whole numbers of an asset's smallest unit
 * (10^-scale). Written out with exactly {@code scale} decimals, as Binance pads them ({@code "0.00100000"}).
 */
public final class Decimals {
    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private Decimals() {
    }

    /** {@code format(1_000_000, 8)} is {@code "0.01000000"}. */
    public static String format(long units, int scale) {
        StringBuilder sb = new StringBuilder(24);
        if (units < 0) {
            sb.append('-');
        }
        long abs = Math.abs(units);
        if (scale == 0) {
            return sb.append(abs).toString();
        }
        sb.append(abs / POW10[scale]).append('.');
        String fraction = Long.toString(abs % POW10[scale]);
        sb.repeat('0', scale - fraction.length()).append(fraction);
        return sb.toString();
    }

    /** The outcome of reading decimal text. */
    public sealed interface Parsed {
        record Value(long units) implements Parsed {
        }

        /** Not plain decimal text (signs, exponents, letters, empty). */
        record Malformed() implements Parsed {
        }

        /** More significant decimals than the asset has (trailing zeros beyond it are fine). */
        record TooPrecise() implements Parsed {
        }

        /** Too large for the engine's 64-bit units. */
        record Overflow() implements Parsed {
        }
    }

    /** Reads non-negative decimal text ({@code 1}, {@code 0.1}, {@code .5}, {@code 0.00100000}) into units. */
    public static Parsed parse(String text, int scale) {
        if (text == null || text.isEmpty()) {
            return new Parsed.Malformed();
        }
        long whole = 0;
        long fraction = 0;
        int decimals = 0;
        boolean dot = false;
        boolean digits = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '.' && !dot) {
                dot = true;
                continue;
            }
            if (c < '0' || c > '9') {
                return new Parsed.Malformed();
            }
            digits = true;
            int d = c - '0';
            if (!dot) {
                if (whole > (Long.MAX_VALUE - d) / 10) {
                    return new Parsed.Overflow();
                }
                whole = whole * 10 + d;
            } else if (decimals < scale) {
                fraction = fraction * 10 + d;
                decimals++;
            } else if (d != 0) {
                return new Parsed.TooPrecise();
            }
        }
        if (!digits) {
            return new Parsed.Malformed();
        }
        fraction *= POW10[scale - decimals];
        if (whole > (Long.MAX_VALUE - fraction) / POW10[scale]) {
            return new Parsed.Overflow();
        }
        return new Parsed.Value(whole * POW10[scale] + fraction);
    }
}
