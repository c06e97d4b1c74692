package io.bourse.engine.book;

import io.bourse.engine.OrderStatus;
import io.bourse.engine.OrderType;
import io.bourse.engine.Side;
import io.bourse.engine.StpMode;
import io.bourse.engine.TimeInForce;
import io.bourse.engine.account.AccountRow;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The books' part of an engine snapshot: id counters, each market's counters and average-price buckets, and
 * every open order, level by level from the best in queue order, then untriggered stops in firing order. Reading
 * rebuilds the books, the order index, accounts' open-order counts and client ids, and OCO links.
 */
final class BookSnapshot {
    private BookSnapshot() {
    }

    static void write(MatchingEngine e, DataOutput out) throws IOException {
        out.writeLong(e.nextOrderId);
        out.writeLong(e.nextOrderListId);
        out.writeInt(e.marketCount);
        for (int i = 0; i < e.marketCount; i++) {
            Market m = e.markets[i];
            out.writeLong(m.nextTradeId);
            out.writeLong(m.nextPreventedMatchId);
            out.writeLong(m.lastPrice);
            m.averagePrice.write(out);
            for (BookSide side : new BookSide[] {m.bids, m.asks}) {
                out.writeInt(side.levelCount());
                for (PriceLevel level = side.best(); level != null; level = side.nextWorse(level)) {
                    out.writeInt(level.orderCount);
                    for (Order o = level.head; o != null; o = o.next) {
                        writeOrder(out, o);
                    }
                }
            }
            for (StopList list : new StopList[] {m.stopsOnRise, m.stopsOnFall}) {
                out.writeInt(list.size());
                for (int k = 0; k < list.size(); k++) {
                    writeOrder(out, list.get(k));
                }
            }
        }
    }

    private static void writeOrder(DataOutput out, Order o) throws IOException {
        out.writeLong(o.orderId);
        out.writeLong(o.userId);
        out.writeByte(o.side.ordinal());
        out.writeByte(o.type.ordinal());
        out.writeByte(o.timeInForce == null ? -1 : o.timeInForce.ordinal());
        out.writeByte(o.stpMode.ordinal());
        out.writeBoolean(o.clientOrderId != null);
        if (o.clientOrderId != null) {
            out.writeUTF(o.clientOrderId);
        }
        out.writeLong(o.price);
        out.writeLong(o.stopPrice);
        out.writeLong(o.quoteOrderQty);
        out.writeLong(o.orderListId);
        out.writeBoolean(o.listClientOrderId != null);
        if (o.listClientOrderId != null) {
            out.writeUTF(o.listClientOrderId);
        }
        out.writeLong(o.origLots);
        out.writeLong(o.filledLots);
        out.writeLong(o.preventedLots);
        out.writeLong(o.icebergLots);
        out.writeLong(o.visibleLots);
        out.writeLong(o.cumQuote);
        out.writeLong(o.locked);
        out.writeLong(o.quotePerLot);
        out.writeByte(o.status.ordinal());
        out.writeLong(o.createdTimeMs);
        out.writeLong(o.updatedTimeMs);
        out.writeLong(o.workingTimeMs);
        out.writeBoolean(o.triggered);
        out.writeLong(o.ocoPeer == null ? 0 : o.ocoPeer.orderId);
    }

    static void read(MatchingEngine e, DataInput in, int version) throws IOException {
        e.nextOrderId = in.readLong();
        e.nextOrderListId = in.readLong();
        int count = in.readInt();
        if (count != e.marketCount) {
            throw new IOException("snapshot has " + count + " symbols, specs list " + e.marketCount);
        }
        Long2LongOpenHashMap peers = new Long2LongOpenHashMap();
        for (int i = 0; i < e.marketCount; i++) {
            Market m = e.markets[i];
            m.nextTradeId = in.readLong();
            m.nextPreventedMatchId = in.readLong();
            m.lastPrice = in.readLong();
            m.averagePrice.read(in);
            for (BookSide side : new BookSide[] {m.bids, m.asks}) {
                int levels = in.readInt();
                for (int d = 0; d < levels; d++) {
                    int n = in.readInt();
                    for (int k = 0; k < n; k++) {
                        Order o = readOrder(e, in, m, peers, version);
                        side.levelFor(o.price, o.priceTicks, o.quotePerLot).append(o);
                    }
                }
            }
            for (StopList list : new StopList[] {m.stopsOnRise, m.stopsOnFall}) {
                int n = in.readInt();
                for (int k = 0; k < n; k++) {
                    list.add(readOrder(e, in, m, peers, version));
                }
            }
        }
        for (var peer : peers.long2LongEntrySet()) {
            e.orders.get(peer.getLongKey()).ocoPeer = e.orders.get(peer.getLongValue());
        }
    }

    private static Order readOrder(MatchingEngine e, DataInput in, Market m, Long2LongOpenHashMap peers,
                                   int version) throws IOException {
        Order o = e.acquireOrder();
        o.orderId = in.readLong();
        o.userId = in.readLong();
        o.symbolId = m.symbolId;
        o.stepSize = m.stepSize;
        o.side = Side.values()[in.readByte()];
        o.type = OrderType.values()[in.readByte()];
        int tif = in.readByte();
        o.timeInForce = tif < 0 ? null : TimeInForce.values()[tif];
        o.stpMode = StpMode.values()[in.readByte()];
        o.clientOrderId = in.readBoolean() ? in.readUTF() : null;
        o.price = in.readLong();
        o.priceTicks = o.price / m.tickSize;
        o.stopPrice = in.readLong();
        o.quoteOrderQty = in.readLong();
        o.orderListId = in.readLong();
        o.listClientOrderId = version >= 3 && in.readBoolean() ? in.readUTF() : null;
        o.origLots = in.readLong();
        o.filledLots = in.readLong();
        o.preventedLots = in.readLong();
        o.icebergLots = in.readLong();
        o.visibleLots = in.readLong();
        o.cumQuote = in.readLong();
        o.locked = in.readLong();
        o.quotePerLot = in.readLong();
        o.status = OrderStatus.values()[in.readByte()];
        o.createdTimeMs = in.readLong();
        o.updatedTimeMs = in.readLong();
        o.workingTimeMs = in.readLong();
        o.triggered = in.readBoolean();
        long peer = in.readLong();
        if (peer != 0) {
            peers.put(o.orderId, peer);
        }
        e.orders.put(o);
        long[] row = e.accounts.prepare(o.userId, m.baseAssetId, m.quoteAssetId, m.symbolId);
        AccountRow.addOpenOrder(row, m.symbolId, 1);
        if (o.type.isConditional() && !o.triggered) {
            AccountRow.addOpenAlgoOrder(row, m.symbolId, 1);
        }
        if (o.clientOrderId != null) {
            e.accounts.putClientId(o.userId, m.symbolId, o.clientOrderId, o.orderId);
        }
        return o;
    }
}
