package io.bourse.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A benchmark's {@code --name value} options, after its positional arguments. A name the benchmark does not know is
 * refused; an option given twice takes its last value; one not given takes the benchmark's default.
 */
public final class BenchArgs {
    private final Set<String> known;
    private final Map<String, String> values;

    private BenchArgs(Set<String> known, Map<String, String> values) {
        this.known = known;
        this.values = values;
    }

    /** The options in {@code args} from index {@code from} on, which may only be {@code --} one of {@code names}. */
    public static BenchArgs parse(String[] args, int from, String... names) {
        Set<String> known = Set.of(names);
        Map<String, String> values = new HashMap<>();
        for (int i = from; i + 1 < args.length; i += 2) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : "";
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown option " + args[i]);
            }
            values.put(name, args[i + 1]);
        }
        return new BenchArgs(known, values);
    }

    public String string(String name, String fallback) {
        if (!known.contains(name)) {
            throw new IllegalStateException("option --" + name + " was not declared");
        }
        return values.getOrDefault(name, fallback);
    }

    /** The option's value as {@code parse} reads it, or {@code fallback} when it was not given. */
    public <T> T value(String name, Function<String, T> parse, T fallback) {
        String v = string(name, null);
        return v == null ? fallback : parse.apply(v);
    }

    public int integer(String name, int fallback) {
        return value(name, Integer::parseInt, fallback);
    }

    public boolean bool(String name, boolean fallback) {
        return value(name, Boolean::parseBoolean, fallback);
    }
}
