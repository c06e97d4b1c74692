package io.bourse.bench.workload;

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
        int warmup = 3;
        int iterations = 5;
        String expect = null;
        for (int i = 2; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--iterations" -> iterations = Integer.parseInt(args[i + 1]);
                case "--expect" -> expect = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        return new ReplayOptions(Path.of(args[0]), args[1], warmup, iterations, expect);
    }

    /** "ok", "unchecked" (no --expect) or "MISMATCH(expected …)" for a final book given as --expect gives it. */
    String bookCheck(String book) {
        if (expect == null) {
            return "unchecked";
        }
        return expect.equals(book) ? "ok" : "MISMATCH(expected " + expect + ")";
    }
}
