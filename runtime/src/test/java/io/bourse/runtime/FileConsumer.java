package io.bourse.runtime;

import io.bourse.engine.command.Command;
import io.bourse.runtime.event.EncodedEvents;
import io.bourse.runtime.pipeline.EventConsumer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A consumer that keeps a durable tape: one line per command ({@code sequence events}) in {@code tape.txt}, and
 * its position in {@code position.txt}, both written at the end of each batch (tape first, so a crash between
 * the two can only leave lines past the position, which it drops when it opens).
 */
final class FileConsumer implements EventConsumer {
    private final Path tape;
    private final Path position;
    private final List<String> pending = new ArrayList<>();
    private long applied;
    private long last;

    FileConsumer(Path dir) throws IOException {
        Files.createDirectories(dir);
        this.tape = dir.resolve("tape.txt");
        this.position = dir.resolve("position.txt");
        applied = Files.exists(position) ? Long.parseLong(Files.readString(position).trim()) : 0;
        last = applied;
        if (Files.exists(tape)) {
            List<String> kept = lines().stream().filter(l -> sequenceOf(l) <= applied).toList();
            Files.write(tape, kept, StandardCharsets.UTF_8);
        }
    }

    List<String> lines() throws IOException {
        return Files.exists(tape) ? Files.readAllLines(tape, StandardCharsets.UTF_8) : List.of();
    }

    static long sequenceOf(String line) {
        return Long.parseLong(line.substring(0, line.indexOf(' ')));
    }

    @Override
    public String name() {
        return "tape";
    }

    @Override
    public long lastAppliedSequence() {
        return applied;
    }

    @Override
    public void onCommand(long sequence, long timestampMs, Command command, EncodedEvents events) {
        if (sequence != last + 1) {
            throw new IllegalStateException("tape got " + sequence + " after " + last);
        }
        last = sequence;
        pending.add(sequence + " " + events.count());
    }

    @Override
    public void onBatchEnd() {
        if (pending.isEmpty()) {
            return;
        }
        try {
            Files.write(tape, pending, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            Files.writeString(position, Long.toString(last));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pending.clear();
        applied = last;
    }
}
