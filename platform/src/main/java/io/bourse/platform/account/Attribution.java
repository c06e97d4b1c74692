package io.bourse.platform.account;

import io.bourse.platform.Refused;

import java.util.regex.Pattern;

/** Acquisition parameters (utm_*) as recorded at sign-up: short printable texts or nothing. */
final class Attribution {
    private static final Pattern PRINTABLE = Pattern.compile("^[\\p{Alnum} ._:/+-]{1,100}$");

    private Attribution() {
    }

    static String clean(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!PRINTABLE.matcher(value.trim()).matches()) {
            throw Refused.invalid("Parameter '" + name + "' must be 1 to 100 letters, digits or ._:/+- characters.");
        }
        return value.trim();
    }
}
