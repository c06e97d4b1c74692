package io.bourse.platform.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.bourse.platform.TestDatabase;
import io.bourse.store.Database;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The outbox goes out through a real SMTP server (GreenMail), with login; a dead server leaves mail queued. */
class SmtpSenderTest {
    @Test
    void theOutboxIsDeliveredOverSmtp() throws Exception {
        Database db = TestDatabase.get();
        Outbox outbox = new Outbox(db.jdbi());
        db.jdbi().useHandle(h -> h.execute("UPDATE mail_outbox SET sent_at = now() WHERE sent_at IS NULL"));
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.setUser("bourse", "mail-password");
        smtp.start();
        try {
            db.jdbi().useHandle(h -> outbox.enqueue(h, Instant.now(), "dora@example.com", "Verify your email address",
                    "Open this link: http://x/verify-email?token=abc"));
            String url = "smtp://bourse:mail-password@127.0.0.1:" + smtp.getSmtp().getPort();
            OutboxDispatcher dispatcher = new OutboxDispatcher(outbox, new SmtpSender(url, "Bourse <no-reply@bourse.test>"));
            assertThat(dispatcher.sendPending()).isEqualTo(1);
            MimeMessage[] received = smtp.getReceivedMessages();
            assertThat(received).hasSize(1);
            assertThat(received[0].getSubject()).isEqualTo("Verify your email address");
            assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("dora@example.com");
            assertThat(received[0].getFrom()[0].toString()).contains("no-reply@bourse.test");
            assertThat(dispatcher.sendPending()).isZero();
            assertThat(outbox.latest("dora@example.com", 1).getFirst().sentAt()).isNotNull();
        } finally {
            smtp.stop();
        }
        db.jdbi().useHandle(h -> outbox.enqueue(h, Instant.now(), "eve@example.com", "Hello", "Body"));
        OutboxDispatcher dead = new OutboxDispatcher(outbox, new SmtpSender("smtp://127.0.0.1:1", "x@bourse.test"));
        assertThat(dead.sendPending()).isZero();
        Mail waiting = outbox.latest("eve@example.com", 1).getFirst();
        assertThat(waiting.sentAt()).isNull();
    }
}
