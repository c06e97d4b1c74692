package io.bourse.api.stream;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The fan-out's pre-encoded frames read back as the text they carry, at each of the three length encodings. */
class FanOutFrameTest {
    @Test
    void framesOfEveryLengthDecodeWithNettysClientSideDecoder() {
        for (int length : new int[] {0, 1, 125, 126, 127, 65_535, 65_536, 200_000}) {
            String text = "é".repeat(length / 2) + "x".repeat(length % 2);   // multi-byte UTF-8 too
            ByteBuf frame = FanOut.Frame.encode(text);
            EmbeddedChannel client = new EmbeddedChannel(new WebSocket08FrameDecoder(false, false, 1 << 20));
            client.writeInbound(frame);
            TextWebSocketFrame read = client.readInbound();
            assertThat(read).as("a frame of %d UTF-8 bytes", length).isNotNull();
            assertThat(read.isFinalFragment()).isTrue();
            assertThat(read.text()).isEqualTo(text);
            read.release();
            assertThat(client.finishAndReleaseAll()).isFalse();
        }
    }

    @Test
    void aFrameSharedByTwoEventLoopsIsFreedWhenBothAreDone() {
        FanOut.Frame frame = FanOut.Frame.of("btcusdt@trade", "{}", 2);
        ByteBuf write = frame.raw().retainedDuplicate();   // a connection's write in flight
        frame.release();
        frame.release();
        assertThat(frame.raw().refCnt()).as("the write still holds it").isEqualTo(1);
        write.release();
        assertThat(frame.raw().refCnt()).isZero();
        assertThat(frame.wrapped().refCnt()).isZero();
    }
}
