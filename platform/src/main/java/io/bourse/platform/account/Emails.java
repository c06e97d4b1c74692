package io.bourse.platform.account;

import io.bourse.platform.Refused;

import java.util.Locale;
import java.util.regex.Pattern;

/** Email addresses as the platform keeps them: trimmed, lower case, plausibly shaped, at most 254 characters. */
public final class Emails {
    private static final Pattern SHAPE = Pattern.compile("^[^@\\s\"<>,;]{1,64}@[A-Za-z0-9.-]{1,189}\\.[A-Za-z]{2,}$");

    private Emails() {
    }

    public static String normalize(String email) {
        if (email == null) {
            throw Refused.badEmail();
        }
        String e = email.trim().toLowerCase(Locale.ROOT);
        if (e.length() > 254 || !SHAPE.matcher(e).matches()) {
            throw Refused.badEmail();
        }
        return e;
    }
}
