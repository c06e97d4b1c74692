package io.bourse.runtime.codec;

import io.bourse.engine.RandomCommands;
import io.bourse.engine.Side;
import io.bourse.engine.TimeInForce;
import io.bourse.engine.command.Command;
import io.bourse.engine.command.PlaceOrder;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CommandCodecTest {
    private static final Set<Class<?>> SEEN = new HashSet<>();

    @Property(tries = 50)
    void everyCommandSurvivesTheRoundTrip(@ForAll long seed) {
        Random rnd = new Random(seed);
        RandomCommands commands = new RandomCommands(rnd, 5, new RandomCommands.OrderSource() {
            @Override
            public long someOrder(int symbolId, long userId, Random r) {
                return r.nextInt(100);
            }

            @Override
            public String clientIdOf(long orderId) {
                return orderId % 3 == 0 ? "client-" + orderId + "-é" : null;
            }
        });
        for (Command c : commands.setUp()) {
            assertRoundTrip(c);
        }
        for (int i = 0; i < 500; i++) {
            assertRoundTrip(commands.next());
        }
    }

    @Test
    void randomStreamsCoverEveryCommandType() {
        everyCommandSurvivesTheRoundTrip(42);
        assertThat(SEEN).containsExactlyInAnyOrder(Command.class.getPermittedSubclasses());
    }

    /** The layout is part of the journal format: a change here must come with a new record version. */
    @Test
    void placeOrderLayoutIsPinned() {
        ByteBuffer buf = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);
        CommandCodec.encode(PlaceOrder.limit(1, 7, Side.SELL, 300, 5, TimeInForce.IOC).withClientOrderId("ab"), buf);
        byte[] bytes = Arrays.copyOf(buf.array(), buf.position());
        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo("0a" + "01000000" + "0700000000000000" + "01" + "00"
                + "01" + "2c01000000000000" + "0500000000000000" + "0000000000000000" + "0000000000000000"
                + "0000000000000000" + "ff" + "02000000" + "6162");
    }

    private static void assertRoundTrip(Command c) {
        SEEN.add(c.getClass());
        ByteBuffer buf = ByteBuffer.allocate(1024).order(ByteOrder.LITTLE_ENDIAN);
        CommandCodec.encode(c, buf);
        buf.flip();
        assertThat(CommandCodec.decode(buf)).isEqualTo(c);
        assertThat(buf.hasRemaining()).as("decode reads exactly what encode wrote").isFalse();
    }

}
