package io.bourse.engine.book;

/** All resting orders at one price on one side, in time priority (a doubly linked FIFO). */
final class PriceLevel {
    long price;
    long quotePerLot;
    /** Sort key, growing with how good the price is: price in ticks for bids, minus that for asks. */
    long key;
    /** Slot in its side's ladder, or -1 for a level below the ladder. */
    int slot = -1;
    long visibleLots;
    int orderCount;
    Order head;
    Order tail;

    void append(Order order) {
        order.level = this;
        order.prev = tail;
        order.next = null;
        if (tail == null) {
            head = order;
        } else {
            tail.next = order;
        }
        tail = order;
        orderCount++;
        visibleLots += order.visibleLots;
    }

    void remove(Order order) {
        if (order.prev == null) {
            head = order.next;
        } else {
            order.prev.next = order.next;
        }
        if (order.next == null) {
            tail = order.prev;
        } else {
            order.next.prev = order.prev;
        }
        orderCount--;
        visibleLots -= order.visibleLots;
        order.level = null;
        order.prev = null;
        order.next = null;
    }

    /** After an order lost quantity without trading, it shows no more than it has left. */
    void shrinkVisibleToRemaining(Order order) {
        long visible = Math.min(order.visibleLots, order.remainingLots());
        visibleLots -= order.visibleLots - visible;
        order.visibleLots = visible;
    }

    boolean isEmpty() {
        return head == null;
    }
}
