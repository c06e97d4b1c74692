package io.bourse.engine.book;

import io.bourse.engine.Side;

/**
 * One side of a book: price levels in an array sorted from the worst price to the best, so the best level is
 * the last element and taking it away costs nothing. Their sort keys sit in a parallel {@code long[]}, so the
 * binary search reads one small contiguous array rather than chasing level objects; most new levels land near
 * the top, so the array copy that opens a slot is short. Removed levels go back to a free list.
 */
final class BookSide {
    private final Side side;
    private PriceLevel[] levels = new PriceLevel[256];
    private long[] keys = new long[256];
    private int size;
    private PriceLevel[] free = new PriceLevel[64];
    private int freeCount;

    BookSide(Side side) {
        this.side = side;
    }

    Side side() {
        return side;
    }

    int levelCount() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The best level, or null when the side is empty. */
    PriceLevel best() {
        return size == 0 ? null : levels[size - 1];
    }

    /** The level at depth {@code i} (0 = best). */
    PriceLevel atDepth(int i) {
        return levels[size - 1 - i];
    }

    private long keyOf(long price) {
        return side == Side.BUY ? price : -price;
    }

    /** Index of the level with this key, or -(insertionPoint + 1). */
    private int indexOf(long key) {
        long[] k = keys;
        int lo = 0;
        int n = size;
        while (n > 1) {
            int half = n >>> 1;
            lo = k[lo + half - 1] < key ? lo + half : lo;
            n -= half;
        }
        if (n == 1 && k[lo] < key) {
            lo++;
        }
        return lo < size && k[lo] == key ? lo : -(lo + 1);
    }

    /** The level at {@code price}, created (empty) if missing. */
    PriceLevel levelFor(long price, long quotePerLot) {
        long key = keyOf(price);
        if (size > 0 && keys[size - 1] == key) {
            return levels[size - 1];
        }
        int idx = indexOf(key);
        if (idx >= 0) {
            return levels[idx];
        }
        int insertAt = -idx - 1;
        if (size == levels.length) {
            levels = java.util.Arrays.copyOf(levels, size * 2);
            keys = java.util.Arrays.copyOf(keys, size * 2);
        }
        System.arraycopy(levels, insertAt, levels, insertAt + 1, size - insertAt);
        System.arraycopy(keys, insertAt, keys, insertAt + 1, size - insertAt);
        keys[insertAt] = key;
        PriceLevel level = newLevel();
        level.price = price;
        level.quotePerLot = quotePerLot;
        level.key = key;
        levels[insertAt] = level;
        size++;
        return level;
    }

    /** Removes an empty level. */
    void removeLevel(PriceLevel level) {
        int idx;
        if (levels[size - 1] == level) {
            idx = size - 1;
        } else {
            idx = indexOf(level.key);
            if (idx < 0) {
                throw new IllegalStateException("level not in book: " + level.price);
            }
            System.arraycopy(levels, idx + 1, levels, idx, size - idx - 1);
            System.arraycopy(keys, idx + 1, keys, idx, size - idx - 1);
        }
        levels[--size] = null;
        recycle(level);
    }

    private PriceLevel newLevel() {
        if (freeCount == 0) {
            return new PriceLevel();
        }
        PriceLevel level = free[--freeCount];
        free[freeCount] = null;
        return level;
    }

    private void recycle(PriceLevel level) {
        level.head = null;
        level.tail = null;
        level.visibleLots = 0;
        level.orderCount = 0;
        if (freeCount == free.length) {
            free = java.util.Arrays.copyOf(free, freeCount * 2);
        }
        free[freeCount++] = level;
    }
}
