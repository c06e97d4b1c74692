package io.bourse.runtime.event;

import io.bourse.engine.EngineListener;
import io.bourse.engine.ExecType;
import io.bourse.engine.FundsMovement;
import io.bourse.engine.OrderStatus;
import io.bourse.engine.OrderType;
import io.bourse.engine.PreventedMatch;
import io.bourse.engine.RejectReason;
import io.bourse.engine.Side;
import io.bourse.engine.StpMode;
import io.bourse.engine.TimeInForce;
import io.bourse.engine.book.OrderView;
import io.bourse.engine.book.TradeView;
import io.bourse.engine.event.EngineEvent;
import io.bourse.engine.event.OrderState;
import io.bourse.engine.event.TradeState;
import io.bourse.engine.market.AssetSpec;
import io.bourse.engine.market.SymbolSpec;
import io.bourse.engine.snapshot.Snapshots;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's listener in the pipeline: writes each callback as a binary event into the current
 * {@link EventBuffer} (null drops them), so the engine thread copies fields instead of allocating objects.
 * {@link #decode} turns the bytes back into {@link EngineEvent} records. In-memory only (never on disk), so the
 * layout may change freely between versions.
 */
public final class EventWriter implements EngineListener {
    // Enum.values() copies its array on every call; these are read per decoded command or event.
    private static final ExecType[] EXEC_TYPE_VALUES = ExecType.values();
    private static final FundsMovement[] FUNDS_MOVEMENT_VALUES = FundsMovement.values();
    private static final OrderStatus[] ORDER_STATUS_VALUES = OrderStatus.values();
    private static final OrderType[] ORDER_TYPE_VALUES = OrderType.values();
    private static final RejectReason[] REJECT_REASON_VALUES = RejectReason.values();
    private static final Side[] SIDE_VALUES = Side.values();
    private static final StpMode[] STP_MODE_VALUES = StpMode.values();
    private static final TimeInForce[] TIME_IN_FORCE_VALUES = TimeInForce.values();
    private static final byte REJECTED = 1;
    private static final byte ORDER = 2;
    private static final byte TRADE = 3;
    private static final byte BALANCE = 4;
    private static final byte FUNDS = 5;
    private static final byte ASSET = 6;
    private static final byte SYMBOL = 7;
    private static final byte FEE_TIER = 8;
    private static final byte USER_FEE_TIER = 9;
    private static final byte PREVENTED_MATCH = 10;
    /** Bytes of a prevented-match event: tag, an int, 6 longs, the mode, the time. */
    static final int PREVENTED_MATCH_BYTES = 1 + 4 + 6 * 8 + 1 + 8;
    /** Where an order's fields are, from its start (see {@link #putOrder}); {@link EventCursor} reads them. */
    static final int ORDER_ID = 0;
    static final int ORDER_SYMBOL = 8;
    static final int ORDER_SIDE = 20;
    static final int ORDER_STATUS = 23;
    static final int ORDER_PRICE = 25;
    static final int ORDER_LEAVES = 89;
    static final int ORDER_VISIBLE = 129;
    static final int ORDER_ON_BOOK = 137;
    /**
     * Bytes of an order up to and including its client id's length: 16 longs, an int, 5 enums, a flag, a char; then
     * come the client id's chars and the list client id (a length char and its chars).
     */
    static final int ORDER_FIXED = 16 * 8 + 4 + 5 + 1 + 2;
    /** Bytes of a trade event before its two orders: tag, 11 longs, an int and a flag. */
    static final int TRADE_FIXED = 1 + 11 * 8 + 4 + 1;

    private EventBuffer target;

    /** Events from now on go to {@code buffer}; null drops them. */
    public void writeInto(EventBuffer buffer) {
        this.target = buffer;
    }

    @Override
    public void onRejected(RejectReason reason) {
        if (target != null) {
            target.startEvent(2).put(REJECTED).put((byte) reason.ordinal());
        }
    }

    @Override
    public void onOrder(OrderView order, ExecType execType) {
        if (target != null) {
            EventBuffer b = target.startEvent(2 + orderBytes(order));
            b.put(ORDER).put((byte) execType.ordinal());
            putOrder(b, order);
        }
    }

    @Override
    public void onTrade(TradeView t, OrderView taker, OrderView maker) {
        if (target != null) {
            EventBuffer b = target.startEvent(TRADE_FIXED + orderBytes(taker) + orderBytes(maker));
            b.put(TRADE).putLong(t.tradeId()).putInt(t.symbolId()).putLong(t.price()).putLong(t.qty())
                    .putLong(t.quoteQty()).putLong(t.buyerOrderId()).putLong(t.sellerOrderId())
                    .putLong(t.buyerUserId()).putLong(t.sellerUserId()).put((byte) (t.buyerIsMaker() ? 1 : 0))
                    .putLong(t.buyerFee()).putLong(t.sellerFee()).putLong(t.timeMs());
            putOrder(b, taker);
            putOrder(b, maker);
        }
    }

    @Override
    public void onBalance(long userId, int assetId, long free, long locked) {
        if (target != null) {
            target.startEvent(1 + 8 + 4 + 16).put(BALANCE).putLong(userId).putInt(assetId).putLong(free)
                    .putLong(locked);
        }
    }

    @Override
    public void onFundsMoved(long userId, int assetId, long delta, FundsMovement movement, long referenceId) {
        if (target != null) {
            target.startEvent(1 + 8 + 4 + 8 + 1 + 8).put(FUNDS).putLong(userId).putInt(assetId).putLong(delta)
                    .put((byte) movement.ordinal()).putLong(referenceId);
        }
    }

    @Override
    public void onPreventedMatch(PreventedMatch p) {
        if (target != null) {
            target.startEvent(PREVENTED_MATCH_BYTES).put(PREVENTED_MATCH).putInt(p.symbolId())
                    .putLong(p.preventedMatchId()).putLong(p.takerOrderId()).putLong(p.makerOrderId())
                    .putLong(p.userId()).putLong(p.price()).putLong(p.makerPreventedQty())
                    .put((byte) p.mode().ordinal()).putLong(p.timeMs());
        }
    }

    @Override
    public void onAssetAdded(AssetSpec asset) {
        if (target != null) {
            EventBuffer b = target.startEvent(1 + 4 + 4 + 2 + 2 * asset.name().length());
            b.put(ASSET).putInt(asset.id()).putInt(asset.scale());
            putString(b, asset.name());
        }
    }

    @Override
    public void onSymbolUpdated(SymbolSpec symbol) {
        if (target != null) {
            byte[] spec = symbolBytes(symbol);
            target.startEvent(1 + 4 + 4 + spec.length).put(SYMBOL).putInt(symbol.id()).putInt(spec.length).putBytes(spec);
        }
    }

    @Override
    public void onFeeTier(int tier, long makerRate, long takerRate) {
        if (target != null) {
            target.startEvent(1 + 4 + 16).put(FEE_TIER).putInt(tier).putLong(makerRate).putLong(takerRate);
        }
    }

    @Override
    public void onUserFeeTier(long userId, int tier) {
        if (target != null) {
            target.startEvent(1 + 8 + 4).put(USER_FEE_TIER).putLong(userId).putInt(tier);
        }
    }

    /** Decodes {@code count} events from {@code length} bytes at {@code offset}. */
    public static List<EngineEvent> decode(byte[] bytes, int offset, int length, int count) {
        ByteBuffer b = ByteBuffer.wrap(bytes, offset, length).order(ByteOrder.LITTLE_ENDIAN);
        List<EngineEvent> out = new ArrayList<>(count);
        while (b.hasRemaining()) {
            byte tag = b.get();
            out.add(switch (tag) {
                case REJECTED -> new EngineEvent.Rejected(REJECT_REASON_VALUES[b.get()]);
                case ORDER -> {
                    ExecType execType = EXEC_TYPE_VALUES[b.get()];
                    yield new EngineEvent.OrderUpdated(getOrder(b), execType);
                }
                case TRADE -> new EngineEvent.TradeExecuted(new TradeState(b.getLong(), b.getInt(), b.getLong(),
                        b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.get() == 1,
                        b.getLong(), b.getLong(), b.getLong()), getOrder(b), getOrder(b));
                case BALANCE -> new EngineEvent.BalanceChanged(b.getLong(), b.getInt(), b.getLong(), b.getLong());
                case FUNDS -> new EngineEvent.FundsMoved(b.getLong(), b.getInt(), b.getLong(),
                        FUNDS_MOVEMENT_VALUES[b.get()], b.getLong());
                case ASSET -> {
                    int id = b.getInt();
                    int scale = b.getInt();
                    yield new EngineEvent.AssetAdded(new AssetSpec(id, getString(b), scale));
                }
                case SYMBOL -> new EngineEvent.SymbolUpdated(readSymbol(b));
                case FEE_TIER -> new EngineEvent.FeeTierChanged(b.getInt(), b.getLong(), b.getLong());
                case USER_FEE_TIER -> new EngineEvent.UserFeeTierChanged(b.getLong(), b.getInt());
                case PREVENTED_MATCH -> new EngineEvent.MatchPrevented(new PreventedMatch(b.getInt(), b.getLong(),
                        b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.getLong(), STP_MODE_VALUES[b.get()],
                        b.getLong()));
                default -> throw new IllegalStateException("unknown event tag " + tag);
            });
        }
        return out;
    }

    private static int orderBytes(OrderView o) {
        String clientId = o.clientOrderId();
        String listId = o.listClientOrderId();
        return ORDER_FIXED + (clientId == null ? 0 : 2 * clientId.length())
                + 2 + (listId == null ? 0 : 2 * listId.length());
    }

    private static void putOrder(EventBuffer b, OrderView o) {
        b.putLong(o.orderId()).putInt(o.symbolId()).putLong(o.userId());
        putEnum(b, o.side());
        putEnum(b, o.type());
        putEnum(b, o.timeInForce());
        putEnum(b, o.status());
        putEnum(b, o.stpMode());
        b.putLong(o.price()).putLong(o.stopPrice()).putLong(o.origQty()).putLong(o.executedQty())
                .putLong(o.cumQuoteQty()).putLong(o.quoteOrderQty()).putLong(o.icebergQty()).putLong(o.preventedQty())
                .putLong(o.leavesQty()).putLong(o.orderListId()).putLong(o.createdTimeMs()).putLong(o.updatedTimeMs())
                .putLong(o.workingTimeMs()).putLong(o.visibleQty()).put((byte) (o.isOnBook() ? 1 : 0));
        putString(b, o.clientOrderId());
        putString(b, o.listClientOrderId());
    }

    private static OrderState getOrder(ByteBuffer b) {
        long orderId = b.getLong();
        int symbolId = b.getInt();
        long userId = b.getLong();
        Side side = getEnum(b, SIDE_VALUES);
        OrderType type = getEnum(b, ORDER_TYPE_VALUES);
        TimeInForce tif = getEnum(b, TIME_IN_FORCE_VALUES);
        OrderStatus status = getEnum(b, ORDER_STATUS_VALUES);
        StpMode stp = getEnum(b, STP_MODE_VALUES);
        return new OrderState(orderId, symbolId, userId, side, type, tif, status, stp, null, b.getLong(), b.getLong(),
                b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.getLong(),
                b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.get() == 1, null)
                .withClientOrderIds(getString(b), getString(b));
    }

    private static void putEnum(EventBuffer b, Enum<?> e) {
        b.put((byte) (e == null ? -1 : e.ordinal()));
    }

    private static <E extends Enum<E>> E getEnum(ByteBuffer b, E[] values) {
        byte ordinal = b.get();
        return ordinal < 0 ? null : values[ordinal];
    }

    /** Length and UTF-16 chars: no encoder, no allocation on the engine thread. */
    private static void putString(EventBuffer b, String s) {
        if (s == null) {
            b.putChar((char) 0xFFFF);
            return;
        }
        b.putChar((char) s.length());
        for (int i = 0; i < s.length(); i++) {
            b.putChar(s.charAt(i));
        }
    }

    private static String getString(ByteBuffer b) {
        char length = b.getChar();
        if (length == 0xFFFF) {
            return null;
        }
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = b.getChar();
        }
        return new String(chars);
    }

    private static byte[] symbolBytes(SymbolSpec s) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            Snapshots.writeSymbol(out, s);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SymbolSpec readSymbol(ByteBuffer b) {
        int id = b.getInt();
        byte[] spec = new byte[b.getInt()];
        b.get(spec);
        try {
            return Snapshots.readSymbol(new DataInputStream(new ByteArrayInputStream(spec)), id);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
