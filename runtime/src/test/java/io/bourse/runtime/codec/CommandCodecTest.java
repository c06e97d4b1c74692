package io.bourse.runtime.codec;

import io.bourse.engine.CancelRestriction;
import io.bourse.engine.OrderType;
import io.bourse.engine.RandomCommands;
import io.bourse.engine.Side;
import io.bourse.engine.StpMode;
import io.bourse.engine.TimeInForce;
import io.bourse.engine.command.AmendOrder;
import io.bourse.engine.command.CancelOrder;
import io.bourse.engine.command.Command;
import io.bourse.engine.command.PlaceOco;
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

    /**
     * Journals written before cancels carried their own client id, amends a new client id and OCOs a list client id
     * hold the old records (tags 11, 13 and 16, without the trailing string): they still decode, with those ids
     * absent.
     */
    @Test
    void recordsOfTheEarlierAmendAndOcoLayoutsStillDecode() {
        AmendOrder amend = new AmendOrder(1, 7, 42, "x", 5, null);
        assertThat(CommandCodec.decode(olderLayout(amend, (byte) 13, 4))).isEqualTo(amend);
        CancelOrder cancel = new CancelOrder(1, 7, 42, "x");
        assertThat(CommandCodec.decode(olderLayout(cancel, (byte) 11, 5))).isEqualTo(cancel);
        PlaceOco oco = new PlaceOco(1, 7, Side.SELL, 5, OrderType.LIMIT_MAKER, 900, 0, null, "a",
                OrderType.STOP_LOSS, 0, 800, null, "b", StpMode.NONE, null);
        assertThat(CommandCodec.decode(olderLayout(oco, (byte) 16, 4))).isEqualTo(oco);
    }

    /** Cancels journaled before cancel restrictions (tags 20 and 21) decode as unrestricted. */
    @Test
    void cancelsOfTheLayoutBeforeRestrictionsStillDecode() {
        CancelOrder cancel = new CancelOrder(1, 7, 42, "x", "cxl-1");
        ByteBuffer buf = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);
        CommandCodec.encode(cancel, buf);
        assertThat(buf.get(buf.position() - 1)).as("the restriction ends the new layout").isEqualTo((byte) 0);
        buf.limit(buf.position() - 1).position(0);
        buf.put(0, (byte) 20);
        assertThat(CommandCodec.decode(buf)).isEqualTo(cancel);
        assertThat(cancel.restriction()).isEqualTo(CancelRestriction.NONE);
    }

    /**
     * The command as the earlier layout wrote it: the old tag, without the last {@code newBytes} bytes (an absent
     * string, and for a cancel its restriction, which the old layout did not have).
     */
    private static ByteBuffer olderLayout(Command c, byte oldTag, int newBytes) {
        ByteBuffer buf = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);
        CommandCodec.encode(c, buf);
        assertThat(buf.getInt(buf.position() - newBytes)).as("an absent string starts what the old layout lacks")
                .isEqualTo(-1);
        buf.limit(buf.position() - newBytes).position(0);
        buf.put(0, oldTag);
        return buf;
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
