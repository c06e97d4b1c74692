package io.bourse.platform.mail;

import java.time.Instant;

/** A message in the outbox; {@code sentAt} is null until a sender took it. */
public record Mail(long id, String recipient, String subject, String body, Instant createdAt, Instant sentAt) {
}
