package io.bourse.marketdata;

import io.bourse.engine.Side;
import it.unimi.dsi.fastutil.longs.Long2LongLinkedOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2LongMap;
import it.unimi.dsi.fastutil.longs.Long2LongRBTreeMap;
import it.unimi.dsi.fastutil.longs.Long2LongSortedMap;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongComparators;

import java.util.ArrayList;
import java.util.List;

/**
 * One symbol's aggregated book, followed order by order from the engine's events (each order's visible
 * quantity), with Binance's update ids: one counter bumped on every level change. Each diff stream speed has its
 * own accumulator, so each stream is a gap-free chain of update-id ranges. Not thread-safe: {@link SymbolMarket}
 * guards it.
 */
final class DepthBook {
    private record Resting(Side side, long price, long visible) {
    }

    private final Long2ObjectOpenHashMap<Resting> orders = new Long2ObjectOpenHashMap<>();
    private final Long2LongRBTreeMap bids = new Long2LongRBTreeMap(LongComparators.OPPOSITE_COMPARATOR);
    private final Long2LongRBTreeMap asks = new Long2LongRBTreeMap();
    private final Pending[] pending = new Pending[DepthSpeed.values().length];
    private long updateId;

    DepthBook() {
        for (int i = 0; i < pending.length; i++) {
            pending[i] = new Pending();
        }
    }

    /** Records an order's visible quantity at its price (0: not on the book). */
    void follow(long orderId, Side side, long price, long visible) {
        Resting before = orders.get(orderId);
        if (before != null && before.visible == visible && before.price == price) {
            return;
        }
        if (before != null) {
            change(before.side, before.price, -before.visible);
        }
        if (visible > 0) {
            orders.put(orderId, new Resting(side, price, visible));
            change(side, price, visible);
        } else if (before != null) {
            orders.remove(orderId);
        }
    }

    private void change(Side side, long price, long delta) {
        Long2LongRBTreeMap levels = side == Side.BUY ? bids : asks;
        long qty = levels.get(price) + delta;
        if (qty == 0) {
            levels.remove(price);
        } else {
            levels.put(price, qty);
        }
        updateId++;
        for (Pending p : pending) {
            p.record(side, price, qty, updateId);
        }
    }

    long updateId() {
        return updateId;
    }

    DepthSnapshot snapshot(int limit) {
        return new DepthSnapshot(updateId, top(bids, limit), top(asks, limit));
    }

    BookTicker ticker() {
        long bid = bids.isEmpty() ? 0 : bids.firstLongKey();
        long ask = asks.isEmpty() ? 0 : asks.firstLongKey();
        return new BookTicker(updateId, bid, bid == 0 ? 0 : bids.get(bid), ask, ask == 0 ? 0 : asks.get(ask));
    }

    /** Changes since the last drain of this speed, or null if none. */
    DepthDiff drain(int speed) {
        return pending[speed].drain();
    }

    private static List<Level> top(Long2LongSortedMap levels, int limit) {
        List<Level> out = new ArrayList<>(Math.min(limit, levels.size()));
        for (Long2LongMap.Entry e : levels.long2LongEntrySet()) {
            if (out.size() == limit) {
                break;
            }
            out.add(new Level(e.getLongKey(), e.getLongValue()));
        }
        return out;
    }

    /** Levels changed since the last drain, each with its latest quantity, and the update ids they span. */
    private static final class Pending {
        private final Long2LongLinkedOpenHashMap bids = new Long2LongLinkedOpenHashMap();
        private final Long2LongLinkedOpenHashMap asks = new Long2LongLinkedOpenHashMap();
        private long first = -1;
        private long last;

        void record(Side side, long price, long qty, long id) {
            (side == Side.BUY ? bids : asks).put(price, qty);
            if (first < 0) {
                first = id;
            }
            last = id;
        }

        DepthDiff drain() {
            if (first < 0) {
                return null;
            }
            DepthDiff diff = new DepthDiff(first, last, sorted(bids, true), sorted(asks, false));
            bids.clear();
            asks.clear();
            first = -1;
            return diff;
        }

        private static List<Level> sorted(Long2LongLinkedOpenHashMap changed, boolean descending) {
            List<Level> out = new ArrayList<>(changed.size());
            for (Long2LongMap.Entry e : changed.long2LongEntrySet()) {
                out.add(new Level(e.getLongKey(), e.getLongValue()));
            }
            out.sort(descending ? (a, b) -> Long.compare(b.price(), a.price())
                    : (a, b) -> Long.compare(a.price(), b.price()));
            return out;
        }
    }
}
