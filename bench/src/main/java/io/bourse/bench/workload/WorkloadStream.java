package io.bourse.bench.workload;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * The standard workload (shared/bench/workload.md) read from its CSV: {@code seq,type,orderId,uid,side,price,size},
 * prices in ticks and sizes in lots. Rows before {@link #prefill} are untimed prefill.
 */
public record WorkloadStream(int prefill, byte[] type, long[] orderId, int[] uid, boolean[] bid, long[] price,
                             int[] lots) {
    public static final byte GTC = 0;
    public static final byte IOC = 1;
    public static final byte CANCEL = 2;
    public static final byte MOVE = 3;
    /** Rows before this one are prefill, as the workload spec fixes. */
    public static final int PREFILL = 1_000;

    /** Number of rows, prefill included. */
    public int rows() {
        return type.length;
    }

    public static WorkloadStream read(Path csvGz) throws IOException {
        int capacity = 1 << 20;
        byte[] type = new byte[capacity];
        long[] orderId = new long[capacity];
        int[] uid = new int[capacity];
        boolean[] bid = new boolean[capacity];
        long[] price = new long[capacity];
        int[] size = new int[capacity];
        int n = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(csvGz), 1 << 16), StandardCharsets.US_ASCII), 1 << 16)) {
            String header = in.readLine();
            if (header == null || !header.startsWith("seq,type,orderId,uid,side,price,size")) {
                throw new IOException(csvGz + " is not a workload CSV (header: " + header + ")");
            }
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (n == type.length) {
                    capacity *= 2;
                    type = Arrays.copyOf(type, capacity);
                    orderId = Arrays.copyOf(orderId, capacity);
                    uid = Arrays.copyOf(uid, capacity);
                    bid = Arrays.copyOf(bid, capacity);
                    price = Arrays.copyOf(price, capacity);
                    size = Arrays.copyOf(size, capacity);
                }
                String[] f = line.split(",", -1);
                if (f.length != 7) {
                    throw new IOException(csvGz + " line " + (n + 2) + ": expected 7 fields: " + line);
                }
                type[n] = switch (f[1]) {
                    case "GTC" -> GTC;
                    case "IOC" -> IOC;
                    case "CANCEL" -> CANCEL;
                    case "MOVE" -> MOVE;
                    default -> throw new IOException(csvGz + " line " + (n + 2) + ": unknown type " + f[1]);
                };
                orderId[n] = Long.parseLong(f[2]);
                uid[n] = Integer.parseInt(f[3]);
                bid[n] = f[4].equals("BID");
                price[n] = Long.parseLong(f[5]);
                size[n] = Integer.parseInt(f[6]);
                n++;
            }
        }
        return new WorkloadStream(Math.min(PREFILL, n), Arrays.copyOf(type, n), Arrays.copyOf(orderId, n),
                Arrays.copyOf(uid, n), Arrays.copyOf(bid, n), Arrays.copyOf(price, n), Arrays.copyOf(size, n));
    }
}
