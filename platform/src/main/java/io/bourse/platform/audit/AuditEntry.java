package io.bourse.platform.audit;

import java.time.Instant;

/**
 * One audited action: who ({@code user:1001}, {@code operator:1002}, {@code root}, {@code system}) did what to
 * whom, with the state before and after (short JSON texts, never secrets).
 */
public record AuditEntry(long seq, Instant at, String actor, String action, String subject, String before,
                         String after) {
}
