package io.bourse.bench.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Arrays;

/**
 * A closed-loop HTTP/1.1 load generator on one thread: {@code connections} keep-alive connections, each with one
 * request in flight, written and read with plain NIO. It parses no more of a response than its status and length.
 *
 * <p>Why not Vert.x's (or the JDK's) HTTP client: on two cores the load generator shares the machine with the
 * server, and those clients cost several times what the server spends on a request (a Vert.x client against
 * {@code /api/v3/ping} topped out near 20k requests/s, this one drives the same server past 200k with pipelining),
 * so the figure would measure the client.
 */
final class HttpLoad {
    /** Makes the {@code n}-th request of connection {@code connection}, as the bytes to send. */
    @FunctionalInterface
    interface Requests {
        byte[] next(int connection, long n);
    }

    /** What a run did: completed requests per second, every latency (ns) and the count of non-200 answers. */
    record Result(double perSecond, long[] latenciesNs, long errors) {
    }

    private HttpLoad() {
    }

    static Result run(int port, int connections, int seconds, Requests requests) throws IOException {
        try (Selector selector = Selector.open()) {
            Connection[] all = new Connection[connections];
            for (int i = 0; i < connections; i++) {
                SocketChannel ch = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                ch.configureBlocking(false);
                all[i] = new Connection(i, ch);
                ch.register(selector, SelectionKey.OP_READ, all[i]);
            }
            long start = System.nanoTime();
            long end = start + seconds * 1_000_000_000L;
            for (Connection c : all) {
                c.send(requests.next(c.id, c.sent));
            }
            long completed = 0;
            long errors = 0;
            long[] latencies = new long[1 << 20];
            int recorded = 0;
            boolean running = true;
            int open = connections;
            while (open > 0) {
                selector.select(100);
                for (SelectionKey key : selector.selectedKeys()) {
                    Connection c = (Connection) key.attachment();
                    int status = c.readResponse();   // one request in flight: at most one response to read
                    if (status < 0) {
                        throw new IOException("connection " + c.id + " closed by the server");
                    }
                    if (status == 0) {
                        continue;
                    }
                    long now = System.nanoTime();
                    if (running) {
                        completed++;
                        errors += status == 200 ? 0 : 1;
                        if (recorded < latencies.length) {
                            latencies[recorded++] = now - c.sentAt;
                        }
                    }
                    running = now < end;
                    if (running) {
                        c.send(requests.next(c.id, c.sent));
                    } else {
                        c.channel.close();
                        open--;
                    }
                }
                selector.selectedKeys().clear();
                if (System.nanoTime() > end + 10_000_000_000L) {
                    throw new IOException("requests still unanswered 10 s after the end");
                }
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            return new Result(completed / elapsed, Arrays.copyOf(latencies, recorded), errors);
        }
    }

    /** One keep-alive connection and the response it is reading. */
    private static final class Connection {
        final int id;
        final SocketChannel channel;
        final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        long sent;
        long sentAt;

        Connection(int id, SocketChannel channel) {
            this.id = id;
            this.channel = channel;
        }

        void send(byte[] request) {
            sentAt = System.nanoTime();
            sent++;
            ByteBuffer out = ByteBuffer.wrap(request);
            try {
                while (out.hasRemaining()) {
                    channel.write(out);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Reads what is there; the status of a complete response (consumed), 0 if none is complete, -1 at EOF. */
        int readResponse() throws IOException {
            int headerEnd = headerEnd();
            if (headerEnd < 0) {
                if (channel.read(in) < 0) {
                    return -1;
                }
                headerEnd = headerEnd();
                if (headerEnd < 0) {
                    return 0;
                }
            }
            int length = contentLength(headerEnd);
            int total = headerEnd + length;
            while (in.position() < total) {
                int n = channel.read(in);
                if (n < 0) {
                    return -1;
                }
                if (n == 0) {
                    return 0;
                }
            }
            byte[] a = in.array();
            int status = (a[9] - '0') * 100 + (a[10] - '0') * 10 + (a[11] - '0');
            in.flip().position(total);
            in.compact();
            return status;
        }

        /** Offset just past the blank line ending the headers, or -1. */
        private int headerEnd() {
            byte[] a = in.array();
            for (int i = 3; i < in.position(); i++) {
                if (a[i] == '\n' && a[i - 1] == '\r' && a[i - 2] == '\n' && a[i - 3] == '\r') {
                    return i + 1;
                }
            }
            return -1;
        }

        private int contentLength(int headerEnd) {
            String headers = new String(in.array(), 0, headerEnd, java.nio.charset.StandardCharsets.US_ASCII)
                    .toLowerCase(java.util.Locale.ROOT);
            int at = headers.indexOf("\ncontent-length:");
            if (at < 0) {
                return 0;
            }
            int from = at + 16;
            int to = headers.indexOf('\r', from);
            return Integer.parseInt(headers.substring(from, to).trim());
        }
    }
}
