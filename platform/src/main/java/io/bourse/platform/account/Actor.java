package io.bourse.platform.account;

/** Who acts, as the audit trail names them. */
public record Actor(String name) {
    public static final Actor ROOT = new Actor("root");
    public static final Actor SYSTEM = new Actor("system");

    public static Actor user(long userId) {
        return new Actor("user:" + userId);
    }

    public static Actor operator(long userId) {
        return new Actor("operator:" + userId);
    }

    public static String subject(long userId) {
        return "user:" + userId;
    }
}
