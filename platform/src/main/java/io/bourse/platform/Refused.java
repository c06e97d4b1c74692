package io.bourse.platform;

/**
 * A request the platform refuses because of what the caller sent or may do: an HTTP status, a stable numeric code
 * (the {@code -7xxx} range, listed in docs/accounts.md) and a message that says what was wrong. Nothing was changed.
 * Carries no stack trace: it is an answer, not a fault.
 */
public final class Refused extends RuntimeException {
    private final int status;
    private final int code;

    public Refused(int status, int code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public int code() {
        return code;
    }

    public static Refused invalid(String what) {
        return new Refused(400, -7000, what);
    }

    public static Refused badPassword() {
        return new Refused(400, -7001, "Password must be " + Limits.PASSWORD_MIN + " to " + Limits.PASSWORD_MAX
                + " characters and must not be the email address.");
    }

    public static Refused badEmail() {
        return new Refused(400, -7002, "Email address is not valid.");
    }

    public static Refused emailNotVerified() {
        return new Refused(403, -7003, "Email address not verified. Open the link we mailed you first.");
    }

    public static Refused wrongCredentials() {
        return new Refused(401, -7004, "Incorrect email or password.");
    }

    public static Refused accountLocked() {
        return new Refused(403, -7005, "This account is locked. Contact support.");
    }

    public static Refused tooManyAttempts(long retryAfterSeconds) {
        return new Refused(429, -7006, "Too many failed logins; try again in " + Math.max(1, retryAfterSeconds)
                + " seconds.");
    }

    public static Refused notLoggedIn() {
        return new Refused(401, -7007, "Not logged in, or the session has expired.");
    }

    public static Refused badCsrf() {
        return new Refused(403, -7008, "Missing or wrong X-CSRF-Token header.");
    }

    public static Refused twoFactorRequired() {
        return new Refused(401, -7009, "Two-factor code required.");
    }

    public static Refused wrongTwoFactor() {
        return new Refused(401, -7010, "Wrong or already used two-factor code.");
    }

    public static Refused badLink() {
        return new Refused(400, -7011, "This link is invalid, used or expired.");
    }

    public static Refused conflict(String message) {
        return new Refused(409, -7012, message);
    }

    public static Refused notFound(String what) {
        return new Refused(404, -7013, what + " not found.");
    }

    public static Refused roleRequired(String roles) {
        return new Refused(403, -7014, "This needs an operator role: " + roles + ".");
    }

    public static Refused wrongPassword() {
        return new Refused(401, -7015, "Current password is wrong.");
    }

    public static Refused notServed(String why) {
        return new Refused(403, -7020, "We cannot open an account for you: " + why + ".");
    }

    public static Refused tierTooLow(int needed, int actual) {
        return new Refused(403, -7021, "This needs KYC tier " + needed + "; your account is at tier " + actual + ".");
    }

    public static Refused badDocument(String why) {
        return new Refused(400, -7022, why);
    }

    /** Limits the checks above name. */
    public static final class Limits {
        public static final int PASSWORD_MIN = 8;
        public static final int PASSWORD_MAX = 128;

        private Limits() {
        }
    }
}
