package io.bourse.platform.account;

import io.bourse.platform.Refused;

/** The password rule (NIST SP 800-63B): length 8 to 128, anything goes, but not the email address itself. */
final class Passwords {
    private Passwords() {
    }

    static void check(String password, String email) {
        if (password == null || password.length() < Refused.Limits.PASSWORD_MIN
                || password.length() > Refused.Limits.PASSWORD_MAX || password.equalsIgnoreCase(email)) {
            throw Refused.badPassword();
        }
    }
}
