package io.bourse.platform.mail;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends the outbox on a thread of its own, once a second: each mail is tried up to {@link #MAX_ATTEMPTS} times,
 * and its last error stays on its row. Logs recipients and subjects, never bodies (they carry one-time links).
 */
public final class OutboxDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxDispatcher.class);
    static final int MAX_ATTEMPTS = 10;

    private final Outbox outbox;
    private final MailSender sender;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("mail-outbox").daemon().factory());

    public OutboxDispatcher(Outbox outbox, MailSender sender) {
        this.outbox = outbox;
        this.sender = sender;
    }

    public OutboxDispatcher start() {
        timer.scheduleWithFixedDelay(this::sendPending, 0, 1, TimeUnit.SECONDS);
        return this;
    }

    /** Sends what is waiting now; returns how many went. */
    public int sendPending() {
        int sent = 0;
        try {
            List<Mail> pending = outbox.unsent(100, MAX_ATTEMPTS);
            for (Mail m : pending) {
                try {
                    sender.send(m);
                    outbox.markSent(m.id(), Instant.now());
                    LOG.debug("mail: sent '{}' to {}", m.subject(), m.recipient());
                    sent++;
                } catch (Exception e) {
                    LOG.warn("mail: sending '{}' to {} failed: {}", m.subject(), m.recipient(), e.toString());
                    outbox.markFailed(m.id(), e.toString());
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("mail: the outbox could not be read: {}", e.toString());
        }
        return sent;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
