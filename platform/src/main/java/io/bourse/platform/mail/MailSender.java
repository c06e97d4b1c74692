package io.bourse.platform.mail;

/** Hands mail over to the world (SMTP) or keeps it (the local mailbox). Throws when the mail could not go. */
@FunctionalInterface
public interface MailSender {
    void send(Mail mail) throws Exception;

    /** The embedded default: nothing leaves the machine; the outbox, read through the operator mailbox, is the mail. */
    MailSender LOCAL_MAILBOX = mail -> { };
}
