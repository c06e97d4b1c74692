package io.bourse.engine;

import io.bourse.engine.command.Command;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Turning balance reports off (what a replay does) changes nothing but the reports. */
class BalanceReportsTest {
    @Test
    void quietEngineEndsInTheSameStateAndSaysTheSameExceptBalances() {
        EventLog loudLog = new EventLog();
        EventLog quietLog = new EventLog();
        Engine loud = new Engine(loudLog, 0);
        Engine quiet = new Engine(quietLog, 0);
        quiet.reportBalances(false);
        RandomCommands commands = new RandomCommands(new Random(5), 6, new RandomCommands.OrderSource() {
            @Override
            public long someOrder(int symbolId, long userId, Random rnd) {
                return 1 + rnd.nextInt((int) Math.max(1, loud.books().nextOrderId()));
            }

            @Override
            public String clientIdOf(long orderId) {
                return null;
            }
        });
        List<Command> setUp = commands.setUp();
        long seq = 0;
        for (int i = 0; i < setUp.size() + 3_000; i++) {
            Command c = i < setUp.size() ? setUp.get(i) : commands.next();
            seq++;
            assertThat(quiet.apply(seq, seq, c)).isEqualTo(loud.apply(seq, seq, c));
        }
        assertThat(quiet.stateHash()).isEqualTo(loud.stateHash());
        assertThat(loudLog.events()).anyMatch(e -> e instanceof EventLog.BalanceEvent);
        assertThat(quietLog.events()).noneMatch(e -> e instanceof EventLog.BalanceEvent);
        assertThat(quietLog.events()).isEqualTo(loudLog.events().stream()
                .filter(e -> !(e instanceof EventLog.BalanceEvent)).toList());
    }
}
