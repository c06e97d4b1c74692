package io.bourse.runtime.event;

import io.bourse.engine.ExecType;
import io.bourse.engine.OrderStatus;
import io.bourse.engine.Side;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Reads encoded events in place, without decoding them into objects: for consumers that look at a few fields of
 * many events (market data wants trades and order changes, not full records). Reusable: {@link #reset} it for each
 * command. Accessors read the current event and are valid for its kind only.
 *
 * <pre>
 * cursor.reset(events);
 * while (cursor.next()) {
 *     if (cursor.kind() == EventCursor.Kind.TRADE) { volume += cursor.tradeQuoteQty(); }
 * }
 * </pre>
 */
public final class EventCursor {
    // Enum.values() copies its array on every call; these are read per decoded command or event.
    private static final ExecType[] EXEC_TYPE_VALUES = ExecType.values();
    private static final OrderStatus[] ORDER_STATUS_VALUES = OrderStatus.values();
    private static final Side[] SIDE_VALUES = Side.values();
    /** The kinds of event, in the order of their tags. */
    public enum Kind {
        REJECTED, ORDER, TRADE, BALANCE, FUNDS, ASSET, SYMBOL, FEE_TIER, USER_FEE_TIER, PREVENTED_MATCH
    }

    private static final Kind[] KINDS = Kind.values();
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle CHARS = MethodHandles.byteArrayViewVarHandle(char[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] bytes = new byte[0];
    private int position;
    private int next;
    private int end;

    /** Positions the cursor before the first event of {@code events}. */
    public EventCursor reset(EncodedEvents events) {
        events.rewind(this);
        return this;
    }

    void reset(byte[] array, int offset, int length) {
        this.bytes = array;
        this.next = offset;
        this.end = offset + length;
    }

    /** Moves to the next event; false when there is none. */
    public boolean next() {
        if (next >= end) {
            return false;
        }
        position = next;
        next = position + length(position);
        return true;
    }

    public Kind kind() {
        return KINDS[bytes[position] - 1];
    }

    // ---------------------------------------------------------------- TRADE

    public long tradeId() {
        return longAt(position + 1);
    }

    public int tradeSymbolId() {
        return (int) INTS.get(bytes, position + 9);
    }

    public long tradePrice() {
        return longAt(position + 13);
    }

    public long tradeQty() {
        return longAt(position + 21);
    }

    public long tradeQuoteQty() {
        return longAt(position + 29);
    }

    public boolean tradeBuyerIsMaker() {
        return bytes[position + 69] == 1;
    }

    public long tradeTimeMs() {
        return longAt(position + 86);
    }

    // ---------------------------------------------------------------- ORDER

    public ExecType orderExecType() {
        return EXEC_TYPE_VALUES[bytes[position + 1]];
    }

    public long orderId() {
        return longAt(position + 2 + EventWriter.ORDER_ID);
    }

    public int orderSymbolId() {
        return (int) INTS.get(bytes, position + 2 + EventWriter.ORDER_SYMBOL);
    }

    public Side orderSide() {
        return SIDE_VALUES[bytes[position + 2 + EventWriter.ORDER_SIDE]];
    }

    public OrderStatus orderStatus() {
        return ORDER_STATUS_VALUES[bytes[position + 2 + EventWriter.ORDER_STATUS]];
    }

    public long orderPrice() {
        return longAt(position + 2 + EventWriter.ORDER_PRICE);
    }

    public long orderLeavesQty() {
        return longAt(position + 2 + EventWriter.ORDER_LEAVES);
    }

    public long orderVisibleQty() {
        return longAt(position + 2 + EventWriter.ORDER_VISIBLE);
    }

    public boolean orderIsOnBook() {
        return bytes[position + 2 + EventWriter.ORDER_ON_BOOK] == 1;
    }

    // ---------------------------------------------------------------- BALANCE

    public long balanceUserId() {
        return longAt(position + 1);
    }

    public int balanceAssetId() {
        return (int) INTS.get(bytes, position + 9);
    }

    public long balanceFree() {
        return longAt(position + 13);
    }

    public long balanceLocked() {
        return longAt(position + 21);
    }

    private long longAt(int offset) {
        return (long) LONGS.get(bytes, offset);
    }

    private int length(int at) {
        return switch (KINDS[bytes[at] - 1]) {
            case REJECTED -> 2;
            case ORDER -> 2 + orderLength(at + 2);
            case TRADE -> {
                int taker = at + EventWriter.TRADE_FIXED;
                int maker = taker + orderLength(taker);
                yield maker + orderLength(maker) - at;
            }
            case BALANCE -> 29;
            case FUNDS -> 30;
            case ASSET -> 11 + 2 * stringChars(at + 9);
            case SYMBOL -> 9 + (int) INTS.get(bytes, at + 5);
            case FEE_TIER -> 21;
            case USER_FEE_TIER -> 13;
            case PREVENTED_MATCH -> EventWriter.PREVENTED_MATCH_BYTES;
        };
    }

    private int orderLength(int order) {
        int listIdAt = order + EventWriter.ORDER_FIXED + 2 * stringChars(order + EventWriter.ORDER_FIXED - 2);
        return listIdAt + 2 + 2 * stringChars(listIdAt) - order;
    }

    private int stringChars(int at) {
        char length = (char) CHARS.get(bytes, at);
        return length == 0xFFFF ? 0 : length;
    }
}
