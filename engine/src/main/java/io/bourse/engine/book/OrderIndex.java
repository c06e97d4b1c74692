package io.bourse.engine.book;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Open orders by id. The engine numbers orders 1, 2, 3, …, so an id finds its order in a page of a directory
 * without hashing: page {@code id >>> PAGE_BITS}, slot {@code id & PAGE_MASK}. A page is dropped (and kept for
 * reuse) when its last order closes; the directory costs one reference per {@value #PAGE_SIZE} ids ever issued.
 */
final class OrderIndex {
    private static final int PAGE_BITS = 10;
    static final int PAGE_SIZE = 1 << PAGE_BITS;
    private static final int PAGE_MASK = PAGE_SIZE - 1;

    private Order[][] pages = new Order[64][];
    private int[] pageCounts = new int[64];
    private Order[][] spare = new Order[8][];
    private int spareCount;
    private int size;

    Order get(long id) {
        long page = id >>> PAGE_BITS;
        if (id <= 0 || page >= pages.length) {
            return null;
        }
        Order[] p = pages[(int) page];
        return p == null ? null : p[(int) (id & PAGE_MASK)];
    }

    void put(Order order) {
        long id = order.orderId;
        int page = (int) (id >>> PAGE_BITS);
        if (page >= pages.length) {
            int n = Math.max(page + 1, pages.length * 2);
            pages = Arrays.copyOf(pages, n);
            pageCounts = Arrays.copyOf(pageCounts, n);
        }
        Order[] p = pages[page];
        if (p == null) {
            p = spareCount > 0 ? spare[--spareCount] : new Order[PAGE_SIZE];
            pages[page] = p;
        }
        int slot = (int) (id & PAGE_MASK);
        if (p[slot] == null) {
            pageCounts[page]++;
            size++;
        }
        p[slot] = order;
    }

    void remove(long id) {
        int page = (int) (id >>> PAGE_BITS);
        Order[] p = pages[page];
        int slot = (int) (id & PAGE_MASK);
        if (p == null || p[slot] == null) {
            return;
        }
        p[slot] = null;
        size--;
        if (--pageCounts[page] == 0) {
            pages[page] = null;
            if (spareCount == spare.length) {
                spare = Arrays.copyOf(spare, spareCount * 2);
            }
            spare[spareCount++] = p;
        }
    }

    int size() {
        return size;
    }

    /** Visits open orders in ascending id order. */
    void forEach(Consumer<Order> visitor) {
        for (Order[] p : pages) {
            if (p != null) {
                for (Order o : p) {
                    if (o != null) {
                        visitor.accept(o);
                    }
                }
            }
        }
    }
}
