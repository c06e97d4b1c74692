package io.bourse.bench.workload;

import io.bourse.bench.BenchArgs;

import java.nio.file.Path;

/**
 * The command line of the workload replays: {@code FILE.csv.gz PROFILE [--warmup N] [--iterations N]
 * [--expect BID,ASK,BID_LEVELS,ASK_LEVELS]}.
 */
record ReplayOptions(Path file, String profile, int warmup, int iterations, String expect) {

    static ReplayOptions parse(String program, String[] args) {
        if (args.length < 2) {
            System.err.println("usage: " + program + " FILE.csv.gz PROFILE [--warmup N] [--iterations N] "
                    + "[--expect BID,ASK,BID_LEVELS,ASK_LEVELS]");
            System.exit(2);
        }
        BenchArgs options = BenchArgs.parse(args, 2, "warmup", "iterations", "expect");
        return new ReplayOptions(Path.of(args[0]), args[1], options.integer("warmup", 3),
                options.integer("iterations", 5), options.string("expect", null));
    }

    /** "ok", "unchecked" (no --expect) or "MISMATCH(expected …)" for a final book given as --expect gives it. */
    String bookCheck(String book) {
        if (expect == null) {
            return "unchecked";
        }
        return expect.equals(book) ? "ok" : "MISMATCH(expected " + expect + ")";
    }
}
