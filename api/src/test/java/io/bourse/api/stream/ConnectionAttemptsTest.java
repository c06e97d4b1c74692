package io.bourse.api.stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionAttemptsTest {
    private static final long W = ConnectionAttempts.WINDOW_MS;

    @Test
    void allowsTheLimitWithinFiveMinutesAndNoMore() {
        ConnectionAttempts attempts = new ConnectionAttempts(4);
        for (int i = 0; i < 4; i++) {
            assertThat(attempts.admit("1.2.3.4", 10 * W + 1_000 + i)).as("attempt %d", i + 1).isTrue();
        }
        assertThat(attempts.admit("1.2.3.4", 10 * W + 2_000)).as("fifth").isFalse();
        assertThat(attempts.admit("5.6.7.8", 10 * W + 2_000)).as("another IP").isTrue();
    }

    @Test
    void theLimitHoldsAcrossTheEdgeOfAWindow() {
        ConnectionAttempts attempts = new ConnectionAttempts(4);
        assertThat(attempts.admit("1.2.3.4", 11 * W - 2)).isTrue();
        assertThat(attempts.admit("1.2.3.4", 11 * W - 1)).isTrue();
        assertThat(attempts.admit("1.2.3.4", 11 * W)).isTrue();
        assertThat(attempts.admit("1.2.3.4", 11 * W + 1)).isTrue();
        assertThat(attempts.admit("1.2.3.4", 11 * W + 2)).as("fifth, a moment after the edge").isFalse();
    }

    @Test
    void attemptsAgeOutOverTheNextFiveMinutes() {
        ConnectionAttempts attempts = new ConnectionAttempts(4);
        for (int i = 0; i < 4; i++) {
            assertThat(attempts.admit("1.2.3.4", 20 * W + i)).isTrue();
        }
        assertThat(attempts.admit("1.2.3.4", 21 * W + W / 10)).as("nine tenths of the four still count").isFalse();
        assertThat(attempts.admit("1.2.3.4", 21 * W + W / 2)).as("half of them count, and two recent").isTrue();
        assertThat(attempts.admit("1.2.3.4", 23 * W)).as("ten minutes later").isTrue();
    }
}
