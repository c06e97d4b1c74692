package io.bourse.bench.api;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Many WebSocket clients on one thread, with plain NIO: each connects, upgrades, and hands every text frame's bytes
 * to a {@link FrameSink}; pings are answered with pongs. No compression is offered, so frames arrive as sent.
 *
 * <p>Why not Vert.x's WebSocket client: with 2,000 connections on the same two cores as the server it spent about as
 * much CPU per message as the server's fan-out, and the lag it measured was partly its own queue.
 */
final class WsLoad implements AutoCloseable {
    /** Receives a text frame's payload, {@code length} bytes of {@code buf} from its position. */
    @FunctionalInterface
    interface FrameSink {
        void onText(ByteBuffer buf, int length);
    }

    private final Selector selector = Selector.open();
    private final List<Client> clients = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long closedByServer;

    WsLoad(int port, int count, String path, FrameSink sink) throws IOException {
        for (int i = 0; i < count; i++) {
            clients.add(new Client(connect(port, path)));
        }
        for (Client c : clients) {
            c.channel.configureBlocking(false);
            c.channel.register(selector, SelectionKey.OP_READ, c);
        }
        thread = Thread.ofPlatform().name("ws-load").start(() -> loop(sink));
    }

    /** The thread that reads every client (for CPU accounting). */
    Thread thread() {
        return thread;
    }

    /** Connections the server closed (or that failed) since the start. */
    long closedByServer() {
        return closedByServer;
    }

    /** Opens a connection and completes the upgrade (blocking); leftover bytes stay in the socket. */
    private static SocketChannel connect(int port, String path) throws IOException {
        SocketChannel ch = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce)
                + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
        ByteBuffer out = ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
        while (out.hasRemaining()) {
            ch.write(out);
        }
        // read the response byte by byte up to the blank line, so no frame byte is consumed with it
        ByteBuffer one = ByteBuffer.allocate(1);
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            one.clear();
            if (ch.read(one) < 0) {
                throw new IOException("closed during the upgrade: " + head);
            }
            head.append((char) one.get(0));
        }
        if (head.indexOf("HTTP/1.1 101") != 0) {
            throw new IOException("upgrade refused: " + head);
        }
        return ch;
    }

    private void loop(FrameSink sink) {
        try {
            while (running) {
                selector.select(100);
                for (SelectionKey key : selector.selectedKeys()) {
                    Client c = (Client) key.attachment();
                    if (!c.read(sink)) {
                        key.cancel();
                        c.channel.close();
                        closedByServer++;
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        running = false;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Client c : clients) {
            c.channel.close();
        }
        selector.close();
    }

    /** One connection and its partly read frames. */
    private static final class Client {
        final SocketChannel channel;
        final ByteBuffer in = ByteBuffer.allocate(256 * 1024);

        Client(SocketChannel channel) {
            this.channel = channel;
        }

        /** Reads what is there and hands over every complete frame; false once the connection is over. */
        boolean read(FrameSink sink) throws IOException {
            int n = channel.read(in);
            if (n < 0) {
                return false;
            }
            in.flip();
            while (true) {
                int start = in.position();
                if (in.remaining() < 2) {
                    break;
                }
                int b0 = in.get(start) & 0xff;
                int b1 = in.get(start + 1) & 0x7f;
                int header = 2;
                long length = b1;
                if (b1 == 126) {
                    header = 4;
                    length = in.remaining() < 4 ? -1 : in.getShort(start + 2) & 0xffff;
                } else if (b1 == 127) {
                    header = 10;
                    length = in.remaining() < 10 ? -1 : in.getLong(start + 2);
                }
                if (header + length > in.capacity()) {
                    throw new IOException("a frame of " + length + " bytes: larger than this client reads");
                }
                if (length < 0 || in.remaining() < header + length) {
                    break;
                }
                int opcode = b0 & 0x0f;
                in.position(start + header);
                if (opcode == 1) {
                    sink.onText(in, (int) length);
                } else if (opcode == 9) {
                    pong(in, (int) length);
                } else if (opcode == 8) {
                    return false;
                }
                in.position(start + header + (int) length);
            }
            in.compact();
            return true;
        }

        /** A pong echoing the ping's payload (under 126 bytes), masked with a zero key as a client's must be. */
        private void pong(ByteBuffer ping, int length) throws IOException {
            ByteBuffer frame = ByteBuffer.allocate(6 + length).put((byte) 0x8a).put((byte) (0x80 | length))
                    .putInt(0).put(ping.slice(ping.position(), length)).flip();
            while (frame.hasRemaining()) {
                channel.write(frame);
            }
        }
    }
}
