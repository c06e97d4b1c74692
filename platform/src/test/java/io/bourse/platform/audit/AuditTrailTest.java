package io.bourse.platform.audit;

import io.bourse.platform.TestDatabase;
import io.bourse.store.Database;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The audit trail refuses changes, and finds them when someone with the database's keys makes them anyway. */
class AuditTrailTest {
    static final Database db = TestDatabase.get();
    AuditTrail trail;

    /** Empties the trail the way only a superuser could: with the guard triggers switched off. */
    @BeforeEach
    void fresh() {
        db.jdbi().useHandle(h -> {
            h.execute("ALTER TABLE audit_log DISABLE TRIGGER USER");
            h.execute("DELETE FROM audit_log");
            h.execute("ALTER TABLE audit_log ENABLE TRIGGER USER");
        });
        trail = new AuditTrail(db.jdbi());
        Instant t = Instant.parse("2026-11-22T10:00:00Z");
        for (int i = 1; i <= 5; i++) {
            trail.append(t.plusSeconds(i), "operator:7", "ACCOUNT_LOCKED", "user:" + (1000 + i), "{\"locked\":false}",
                    "{\"locked\":true,\"reason\":\"case " + i + "\"}");
        }
    }

    @Test
    void anUntouchedTrailVerifies() {
        AuditTrail.Verification v = trail.verify();
        assertThat(v.intact()).isTrue();
        assertThat(v.entries()).isEqualTo(5);
        assertThat(v.headHash()).hasSize(64);
        assertThat(trail.about("user:1003", 10)).singleElement()
                .satisfies(e -> assertThat(e.after()).contains("case 3"));
    }

    @Test
    void updatesAndDeletesAreRefused() {
        assertThatThrownBy(() -> db.jdbi().useHandle(h -> h.execute("UPDATE audit_log SET actor = 'x' WHERE seq = 2")))
                .isInstanceOf(UnableToExecuteStatementException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> db.jdbi().useHandle(h -> h.execute("DELETE FROM audit_log WHERE seq = 2")))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> db.jdbi().useHandle(h -> h.execute("TRUNCATE audit_log")))
                .hasMessageContaining("append-only");
        assertThat(trail.verify().intact()).isTrue();
    }

    @Test
    void aChangedEntryIsFound() {
        tamper("UPDATE audit_log SET after = '{\"locked\":true,\"reason\":\"nothing to see\"}' WHERE seq = 3");
        AuditTrail.Verification v = trail.verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.firstBrokenSeq()).isEqualTo(3);
        assertThat(v.problem()).isEqualTo("entry 3 was changed after it was written");
        assertThat(v.entries()).isEqualTo(2);
    }

    @Test
    void aRemovedEntryIsFound() {
        tamper("DELETE FROM audit_log WHERE seq = 2");
        AuditTrail.Verification v = trail.verify();
        assertThat(v.firstBrokenSeq()).isEqualTo(2);
        assertThat(v.problem()).isEqualTo("entry 2 is missing");
    }

    @Test
    void aRewrittenTailIsFound() {
        // Deleting an entry and renumbering the rest leaves the next entry pointing at a hash that is gone.
        tamper("DELETE FROM audit_log WHERE seq = 2");
        tamper("UPDATE audit_log SET seq = seq - 1 WHERE seq > 2");
        AuditTrail.Verification v = trail.verify();
        assertThat(v.firstBrokenSeq()).isEqualTo(2);
        assertThat(v.problem()).isEqualTo("entry 2 does not follow the entry before it");
    }

    private static void tamper(String sql) {
        db.jdbi().useHandle(h -> {
            h.execute("ALTER TABLE audit_log DISABLE TRIGGER USER");
            h.execute(sql);
            h.execute("ALTER TABLE audit_log ENABLE TRIGGER USER");
        });
    }
}
