package io.bourse.runtime.codec;

import io.bourse.engine.CancelRestriction;
import io.bourse.engine.OrderType;
import io.bourse.engine.Side;
import io.bourse.engine.StpMode;
import io.bourse.engine.SymbolStatus;
import io.bourse.engine.TimeInForce;
import io.bourse.engine.command.AddAsset;
import io.bourse.engine.command.AddSymbol;
import io.bourse.engine.command.AmendOrder;
import io.bourse.engine.command.CancelAllOrders;
import io.bourse.engine.command.CancelOrder;
import io.bourse.engine.command.CancelReplace;
import io.bourse.engine.command.Command;
import io.bourse.engine.command.Deposit;
import io.bourse.engine.command.MoveOrder;
import io.bourse.engine.command.PlaceOco;
import io.bourse.engine.command.PlaceOrder;
import io.bourse.engine.command.SetFeeTier;
import io.bourse.engine.command.SetSymbolStatus;
import io.bourse.engine.command.SetUserFeeTier;
import io.bourse.engine.command.TestOrder;
import io.bourse.engine.command.WithdrawHold;
import io.bourse.engine.command.WithdrawRelease;
import io.bourse.engine.command.WithdrawSettle;
import io.bourse.engine.snapshot.Snapshots;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Commands as journal payloads: a one-byte tag, then the fields in declaration order, little-endian. Enums are
 * written by ordinal (so their constants may only ever be appended to); absent enums and strings as -1.
 * A record's layout never changes once journals hold it: a command that gains a field is written under a new tag,
 * and the old tag keeps its reader (a wider change would need a new journal record version). Hand-written rather
 * than generated (SBE, protobuf) because it is eighteen small records and the hot ones encode in a few
 * nanoseconds without a schema compiler in the build.
 */
public final class CommandCodec {
    // Enum.values() copies its array on every call; these are read per decoded command or event.
    private static final CancelRestriction[] CANCEL_RESTRICTION_VALUES = CancelRestriction.values();
    private static final OrderType[] ORDER_TYPE_VALUES = OrderType.values();
    private static final Side[] SIDE_VALUES = Side.values();
    private static final StpMode[] STP_MODE_VALUES = StpMode.values();
    private static final SymbolStatus[] SYMBOL_STATUS_VALUES = SymbolStatus.values();
    private static final TimeInForce[] TIME_IN_FORCE_VALUES = TimeInForce.values();
    /** The journal record type of a command (the only type so far). */
    public static final int RECORD_TYPE = 1;
    private static final byte ADD_ASSET = 1;
    private static final byte ADD_SYMBOL = 2;
    private static final byte SET_SYMBOL_STATUS = 3;
    private static final byte SET_FEE_TIER = 4;
    private static final byte SET_USER_FEE_TIER = 5;
    private static final byte DEPOSIT = 6;
    private static final byte WITHDRAW_HOLD = 7;
    private static final byte WITHDRAW_SETTLE = 8;
    private static final byte WITHDRAW_RELEASE = 9;
    private static final byte PLACE_ORDER = 10;
    private static final byte CANCEL_ORDER = 11;
    private static final byte CANCEL_REPLACE = 12;
    private static final byte AMEND_ORDER = 13;
    private static final byte MOVE_ORDER = 14;
    private static final byte CANCEL_ALL = 15;
    private static final byte PLACE_OCO = 16;
    private static final byte TEST_ORDER = 17;
    /** Amend with the new client order id; {@link #AMEND_ORDER} records (before it existed) still decode. */
    private static final byte AMEND_ORDER_RENAMING = 18;
    /** OCO with its list client id; {@link #PLACE_OCO} records (before it existed) still decode. */
    private static final byte PLACE_OCO_LISTED = 19;
    /** Cancel (and cancel-replace) with the cancel's own client id; tags 11 and 12 (before it) still decode. */
    private static final byte CANCEL_ORDER_NAMED = 20;
    private static final byte CANCEL_REPLACE_NAMED = 21;
    /** Cancel (and cancel-replace) with its cancel restriction; tags 20 and 21 (before it) still decode. */
    private static final byte CANCEL_ORDER_RESTRICTED = 22;
    private static final byte CANCEL_REPLACE_RESTRICTED = 23;

    private CommandCodec() {
    }

    /**
     * Writes {@code command} at the buffer's position.
     *
     * @throws BufferOverflowException if it does not fit (the caller grows the buffer and retries)
     */
    public static void encode(Command command, ByteBuffer out) {
        switch (command) {
            case PlaceOrder c -> {
                out.put(PLACE_ORDER);
                placeOrder(c, out);
            }
            case TestOrder c -> {
                out.put(TEST_ORDER);
                placeOrder(c.order(), out);
            }
            case CancelOrder c -> {
                out.put(CANCEL_ORDER_RESTRICTED);
                cancelOrder(c, out);
            }
            case MoveOrder c -> out.put(MOVE_ORDER).putInt(c.symbolId()).putLong(c.userId()).putLong(c.orderId())
                    .putLong(c.newPrice());
            case AmendOrder c -> {
                out.put(AMEND_ORDER_RENAMING).putInt(c.symbolId()).putLong(c.userId()).putLong(c.orderId());
                putString(out, c.origClientOrderId());
                out.putLong(c.newQuantity());
                putString(out, c.newClientOrderId());
            }
            case CancelReplace c -> {
                out.put(CANCEL_REPLACE_RESTRICTED);
                cancelOrder(c.cancel(), out);
                placeOrder(c.newOrder(), out);
                out.put((byte) (c.allowFailure() ? 1 : 0));
            }
            case CancelAllOrders c -> out.put(CANCEL_ALL).putInt(c.symbolId()).putLong(c.userId());
            case PlaceOco c -> {
                out.put(PLACE_OCO_LISTED).putInt(c.symbolId()).putLong(c.userId());
                putEnum(out, c.side());
                out.putLong(c.quantity());
                putEnum(out, c.aboveType());
                out.putLong(c.abovePrice()).putLong(c.aboveStopPrice());
                putEnum(out, c.aboveTimeInForce());
                putString(out, c.aboveClientOrderId());
                putEnum(out, c.belowType());
                out.putLong(c.belowPrice()).putLong(c.belowStopPrice());
                putEnum(out, c.belowTimeInForce());
                putString(out, c.belowClientOrderId());
                putEnum(out, c.stpMode());
                putString(out, c.listClientOrderId());
            }
            case Deposit c -> out.put(DEPOSIT).putLong(c.userId()).putInt(c.assetId()).putLong(c.amount())
                    .putLong(c.referenceId());
            case WithdrawHold c -> out.put(WITHDRAW_HOLD).putLong(c.withdrawalId()).putLong(c.userId())
                    .putInt(c.assetId()).putLong(c.amount());
            case WithdrawSettle c -> out.put(WITHDRAW_SETTLE).putLong(c.withdrawalId());
            case WithdrawRelease c -> out.put(WITHDRAW_RELEASE).putLong(c.withdrawalId());
            case AddAsset c -> {
                out.put(ADD_ASSET);
                putString(out, c.name());
                out.putInt(c.scale());
            }
            case AddSymbol c -> {
                out.put(ADD_SYMBOL);
                byte[] spec = symbolBytes(c);
                out.putInt(spec.length).put(spec);
            }
            case SetSymbolStatus c -> {
                out.put(SET_SYMBOL_STATUS).putInt(c.symbolId());
                putEnum(out, c.status());
            }
            case SetFeeTier c -> out.put(SET_FEE_TIER).putInt(c.tier()).putLong(c.makerRate()).putLong(c.takerRate());
            case SetUserFeeTier c -> out.put(SET_USER_FEE_TIER).putLong(c.userId()).putInt(c.tier());
        }
    }

    /** Reads one command from the buffer's position. */
    public static Command decode(ByteBuffer in) {
        byte tag = in.get();
        return switch (tag) {
            case PLACE_ORDER -> placeOrder(in);
            case TEST_ORDER -> new TestOrder(placeOrder(in));
            case CANCEL_ORDER -> cancelOrder(in, 1);
            case CANCEL_ORDER_NAMED -> cancelOrder(in, 2);
            case CANCEL_ORDER_RESTRICTED -> cancelOrder(in, 3);
            case MOVE_ORDER -> new MoveOrder(in.getInt(), in.getLong(), in.getLong(), in.getLong());
            case AMEND_ORDER -> new AmendOrder(in.getInt(), in.getLong(), in.getLong(), getString(in), in.getLong(),
                    null);
            case AMEND_ORDER_RENAMING -> new AmendOrder(in.getInt(), in.getLong(), in.getLong(), getString(in),
                    in.getLong(), getString(in));
            case CANCEL_REPLACE -> new CancelReplace(cancelOrder(in, 1), placeOrder(in), in.get() == 1);
            case CANCEL_REPLACE_NAMED -> new CancelReplace(cancelOrder(in, 2), placeOrder(in), in.get() == 1);
            case CANCEL_REPLACE_RESTRICTED -> new CancelReplace(cancelOrder(in, 3), placeOrder(in), in.get() == 1);
            case CANCEL_ALL -> new CancelAllOrders(in.getInt(), in.getLong());
            case PLACE_OCO -> placeOco(in, false);
            case PLACE_OCO_LISTED -> placeOco(in, true);
            case DEPOSIT -> new Deposit(in.getLong(), in.getInt(), in.getLong(), in.getLong());
            case WITHDRAW_HOLD -> new WithdrawHold(in.getLong(), in.getLong(), in.getInt(), in.getLong());
            case WITHDRAW_SETTLE -> new WithdrawSettle(in.getLong());
            case WITHDRAW_RELEASE -> new WithdrawRelease(in.getLong());
            case ADD_ASSET -> new AddAsset(getString(in), in.getInt());
            case ADD_SYMBOL -> addSymbol(in);
            case SET_SYMBOL_STATUS -> new SetSymbolStatus(in.getInt(), getEnum(in, SYMBOL_STATUS_VALUES));
            case SET_FEE_TIER -> new SetFeeTier(in.getInt(), in.getLong(), in.getLong());
            case SET_USER_FEE_TIER -> new SetUserFeeTier(in.getLong(), in.getInt());
            default -> throw new IllegalArgumentException("unknown command tag " + tag);
        };
    }

    private static void placeOrder(PlaceOrder c, ByteBuffer out) {
        out.putInt(c.symbolId()).putLong(c.userId());
        putEnum(out, c.side());
        putEnum(out, c.type());
        putEnum(out, c.timeInForce());
        out.putLong(c.price()).putLong(c.quantity()).putLong(c.quoteOrderQty()).putLong(c.stopPrice())
                .putLong(c.icebergQty());
        putEnum(out, c.stpMode());
        putString(out, c.clientOrderId());
    }

    private static PlaceOrder placeOrder(ByteBuffer in) {
        return new PlaceOrder(in.getInt(), in.getLong(), getEnum(in, SIDE_VALUES), getEnum(in, ORDER_TYPE_VALUES),
                getEnum(in, TIME_IN_FORCE_VALUES), in.getLong(), in.getLong(), in.getLong(), in.getLong(),
                in.getLong(), getEnum(in, STP_MODE_VALUES), getString(in));
    }

    private static void cancelOrder(CancelOrder c, ByteBuffer out) {
        out.putInt(c.symbolId()).putLong(c.userId()).putLong(c.orderId());
        putString(out, c.origClientOrderId());
        putString(out, c.newClientOrderId());
        putEnum(out, c.restriction());
    }

    /**
     * A cancel in one of its layouts: 1 (tags 11, 12), 2 with the cancel's own client id (20, 21), 3 with its
     * restriction too (22, 23).
     */
    private static CancelOrder cancelOrder(ByteBuffer in, int layout) {
        return new CancelOrder(in.getInt(), in.getLong(), in.getLong(), getString(in),
                layout >= 2 ? getString(in) : null,
                layout >= 3 ? getEnum(in, CANCEL_RESTRICTION_VALUES) : CancelRestriction.NONE);
    }

    private static byte[] symbolBytes(AddSymbol c) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream data = new DataOutputStream(bytes);
            data.writeInt(c.spec().id());
            Snapshots.writeSymbol(data, c.spec());
            data.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static AddSymbol addSymbol(ByteBuffer in) {
        int length = in.getInt();
        ByteBuffer spec = in.slice(in.position(), length);
        in.position(in.position() + length);
        try {
            DataInputStream data = new DataInputStream(new InputStream() {
                @Override
                public int read() {
                    return spec.hasRemaining() ? spec.get() & 0xff : -1;
                }
            });
            int id = data.readInt();
            return new AddSymbol(Snapshots.readSymbol(data, id));
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed symbol in AddSymbol", e);
        }
    }

    private static void putEnum(ByteBuffer out, Enum<?> value) {
        out.put((byte) (value == null ? -1 : value.ordinal()));
    }

    private static <E extends Enum<E>> E getEnum(ByteBuffer in, E[] values) {
        byte ordinal = in.get();
        return ordinal < 0 ? null : values[ordinal];
    }

    private static void putString(ByteBuffer out, String s) {
        if (s == null) {
            out.putInt(-1);
            return;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.putInt(bytes.length).put(bytes);
    }

    private static String getString(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static PlaceOco placeOco(ByteBuffer in, boolean listed) {
        return new PlaceOco(in.getInt(), in.getLong(), getEnum(in, SIDE_VALUES), in.getLong(),
                getEnum(in, ORDER_TYPE_VALUES), in.getLong(), in.getLong(), getEnum(in, TIME_IN_FORCE_VALUES),
                getString(in),
                getEnum(in, ORDER_TYPE_VALUES), in.getLong(), in.getLong(), getEnum(in, TIME_IN_FORCE_VALUES),
                getString(in),
                getEnum(in, STP_MODE_VALUES), listed ? getString(in) : null);
    }
}
