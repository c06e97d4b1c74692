package io.bourse.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchArgsTest {
    @Test
    void readsOptionsAfterThePositionalArgumentsWithDefaultsForTheRest() {
        BenchArgs options = BenchArgs.parse(new String[] {"dir", "--seconds", "3", "--history", "false",
                "--seconds", "7"}, 1, "seconds", "history", "warmup", "expect");

        assertThat(options.integer("seconds", 10)).isEqualTo(7);
        assertThat(options.bool("history", true)).isFalse();
        assertThat(options.integer("warmup", 45)).isEqualTo(45);
        assertThat(options.string("expect", null)).isNull();
        assertThat(options.value("seconds", v -> v + "s", "none")).isEqualTo("7s");
    }

    @Test
    void refusesAnOptionTheBenchmarkDoesNotKnow() {
        assertThatThrownBy(() -> BenchArgs.parse(new String[] {"dir", "--secs", "3"}, 1, "seconds"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown option --secs");
        assertThatThrownBy(() -> BenchArgs.parse(new String[] {"dir", "seconds", "3"}, 1, "seconds"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown option seconds");
    }

    @Test
    void askingForAnUndeclaredOptionIsABugInTheBenchmark() {
        BenchArgs options = BenchArgs.parse(new String[] {"dir"}, 1, "seconds");
        assertThatThrownBy(() -> options.integer("warmup", 1)).isInstanceOf(IllegalStateException.class);
    }
}
