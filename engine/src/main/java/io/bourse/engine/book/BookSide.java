package io.bourse.engine.book;

import io.bourse.engine.Side;

import java.util.Arrays;

/**
 * One side of a book. Levels are ordered by a key that grows with how good the price is: the price in ticks for
 * bids, minus it for asks.
 *
 * <p>Near the top of the book, where nearly all activity is, levels sit in a <em>ladder</em>: a window of
 * {@value #LADDER_SIZE} consecutive ticks with one slot each, so finding, adding and removing a level costs an
 * array index, and a two-level bitmap finds the next occupied slot with a couple of leading-zero counts. Levels
 * worse than the window go to a sorted array (worst to best, keys in a parallel {@code long[]} searched
 * branch-free). The ladder always holds the best levels: every far level is worse than every ladder slot. The
 * window moves (re-centres) when a level arrives above it or when the ladder empties while far levels remain.
 */
final class BookSide {
    static final int LADDER_BITS = 12;
    static final int LADDER_SIZE = 1 << LADDER_BITS;
    /** Where a re-centred window puts the new best level: a quarter of the window stays free above it. */
    private static final int RECENTRE_AT = LADDER_SIZE - LADDER_SIZE / 4;

    private final Side side;

    private final PriceLevel[] slots = new PriceLevel[LADDER_SIZE];
    private final long[] bits = new long[LADDER_SIZE >>> 6];
    /** Bit w set when {@code bits[w]} is non-zero (64 words, one summary word). */
    private long summary;
    private long baseKey;
    private boolean placed;
    private int ladderCount;
    /** Highest occupied slot, or -1. */
    private int bestSlot = -1;

    /** Levels worse than the ladder, worst first. */
    private PriceLevel[] far = new PriceLevel[64];
    private long[] farKeys = new long[64];
    private int farCount;

    private PriceLevel[] free = new PriceLevel[64];
    private int freeCount;
    private PriceLevel[] recentreScratch = new PriceLevel[64];

    BookSide(Side side) {
        this.side = side;
    }

    Side side() {
        return side;
    }

    int levelCount() {
        return ladderCount + farCount;
    }

    boolean isEmpty() {
        return ladderCount + farCount == 0;
    }

    /** The key of a price given in ticks. */
    long keyOf(long ticks) {
        return side == Side.BUY ? ticks : -ticks;
    }

    /** The best level, or null when the side is empty. */
    PriceLevel best() {
        if (bestSlot >= 0) {
            return slots[bestSlot];
        }
        return farCount == 0 ? null : far[farCount - 1];
    }

    /** The next level in priority order after {@code level}, or null. */
    PriceLevel nextWorse(PriceLevel level) {
        if (level.slot >= 0) {
            int s = highestAtOrBelow(level.slot - 1);
            if (s >= 0) {
                return slots[s];
            }
            return farCount == 0 ? null : far[farCount - 1];
        }
        int i = farIndexOf(level.key);
        return i > 0 ? far[i - 1] : null;
    }

    /** The level at {@code depth} (0 = best), or null; walks the levels, for queries off the hot path. */
    PriceLevel atDepth(int depth) {
        PriceLevel level = best();
        for (int i = 0; i < depth && level != null; i++) {
            level = nextWorse(level);
        }
        return level;
    }

    /** The level at {@code price} ({@code ticks} in ticks), created (empty) if missing. */
    PriceLevel levelFor(long price, long ticks, long quotePerLot) {
        long key = keyOf(ticks);
        if (!placed) {
            placeWindow(key - LADDER_SIZE / 2);
        }
        long offset = key - baseKey;
        if (offset >= LADDER_SIZE) {
            recentre(key - RECENTRE_AT);
            offset = key - baseKey;
        }
        if (offset >= 0) {
            int slot = (int) offset;
            PriceLevel level = slots[slot];
            if (level == null) {
                level = newLevel(price, key, quotePerLot);
                occupy(slot, level);
            }
            return level;
        }
        int i = farIndexOf(key);
        if (i >= 0) {
            return far[i];
        }
        PriceLevel level = newLevel(price, key, quotePerLot);
        farInsert(-i - 1, level);
        return level;
    }

    /** Removes an empty level. */
    void removeLevel(PriceLevel level) {
        if (level.slot >= 0) {
            vacate(level.slot);
            if (ladderCount == 0 && farCount > 0) {
                recentre(farKeys[farCount - 1] - RECENTRE_AT);
            }
        } else {
            int i = farIndexOf(level.key);
            if (i < 0) {
                throw new IllegalStateException("level not in book: " + level.price);
            }
            System.arraycopy(far, i + 1, far, i, farCount - i - 1);
            System.arraycopy(farKeys, i + 1, farKeys, i, farCount - i - 1);
            far[--farCount] = null;
        }
        if (ladderCount == 0 && farCount == 0) {
            placed = false;
        }
        recycle(level);
    }

    // ------------------------------------------------------------------ ladder

    private void placeWindow(long base) {
        baseKey = base;
        placed = true;
    }

    private void occupy(int slot, PriceLevel level) {
        slots[slot] = level;
        level.slot = slot;
        int w = slot >>> 6;
        bits[w] |= 1L << slot;
        summary |= 1L << w;
        ladderCount++;
        if (slot > bestSlot) {
            bestSlot = slot;
        }
    }

    private void vacate(int slot) {
        slots[slot] = null;
        int w = slot >>> 6;
        bits[w] &= ~(1L << slot);
        if (bits[w] == 0) {
            summary &= ~(1L << w);
        }
        ladderCount--;
        if (slot == bestSlot) {
            bestSlot = highestAtOrBelow(slot - 1);
        }
    }

    /** The highest occupied slot at or below {@code slot}, or -1. */
    private int highestAtOrBelow(int slot) {
        if (slot < 0) {
            return -1;
        }
        int w = slot >>> 6;
        long word = bits[w] & (-1L >>> (63 - (slot & 63)));
        if (word != 0) {
            return (w << 6) + 63 - Long.numberOfLeadingZeros(word);
        }
        long lower = summary & ((1L << w) - 1);
        if (lower == 0) {
            return -1;
        }
        int w2 = 63 - Long.numberOfLeadingZeros(lower);
        return (w2 << 6) + 63 - Long.numberOfLeadingZeros(bits[w2]);
    }

    /**
     * Moves the window so that slot 0 is {@code newBase}: ladder levels that fall below it join the far levels
     * (they are better than all of those), and far levels that now fall inside it join the ladder.
     */
    private void recentre(long newBase) {
        if (recentreScratch.length < ladderCount) {
            recentreScratch = new PriceLevel[Math.max(ladderCount, recentreScratch.length * 2)];
        }
        PriceLevel[] kept = recentreScratch;
        int n = 0;
        for (int s = highestAtOrBelow(LADDER_SIZE - 1); s >= 0; s = highestAtOrBelow(s - 1)) {
            kept[n++] = slots[s];
            vacate(s);
        }
        placeWindow(newBase);
        for (int k = n - 1; k >= 0; k--) {           // worst first, so far stays sorted
            PriceLevel level = kept[k];
            if (level.key < newBase) {
                level.slot = -1;
                farInsert(farCount, level);
            }
        }
        while (farCount > 0 && farKeys[farCount - 1] >= newBase) {
            PriceLevel level = far[--farCount];
            far[farCount] = null;
            occupy((int) (level.key - newBase), level);
        }
        for (int k = 0; k < n; k++) {
            PriceLevel level = kept[k];
            if (level.key >= newBase) {
                occupy((int) (level.key - newBase), level);
            }
            kept[k] = null;
        }
    }

    // ------------------------------------------------------------------ far levels

    /** Index of the far level with this key, or -(insertionPoint + 1). */
    private int farIndexOf(long key) {
        long[] k = farKeys;
        int lo = 0;
        int n = farCount;
        while (n > 1) {
            int half = n >>> 1;
            lo = k[lo + half - 1] < key ? lo + half : lo;
            n -= half;
        }
        if (n == 1 && k[lo] < key) {
            lo++;
        }
        return lo < farCount && k[lo] == key ? lo : -(lo + 1);
    }

    private void farInsert(int at, PriceLevel level) {
        if (farCount == far.length) {
            far = Arrays.copyOf(far, farCount * 2);
            farKeys = Arrays.copyOf(farKeys, farCount * 2);
        }
        System.arraycopy(far, at, far, at + 1, farCount - at);
        System.arraycopy(farKeys, at, farKeys, at + 1, farCount - at);
        far[at] = level;
        farKeys[at] = level.key;
        level.slot = -1;
        farCount++;
    }

    // ------------------------------------------------------------------ level pool

    private PriceLevel newLevel(long price, long key, long quotePerLot) {
        PriceLevel level;
        if (freeCount == 0) {
            level = new PriceLevel();
        } else {
            level = free[--freeCount];
            free[freeCount] = null;
        }
        level.price = price;
        level.key = key;
        level.quotePerLot = quotePerLot;
        return level;
    }

    private void recycle(PriceLevel level) {
        level.head = null;
        level.tail = null;
        level.visibleLots = 0;
        level.orderCount = 0;
        if (freeCount == free.length) {
            free = Arrays.copyOf(free, freeCount * 2);
        }
        free[freeCount++] = level;
    }
}
