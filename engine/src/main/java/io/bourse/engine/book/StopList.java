package io.bourse.engine.book;

import java.util.Arrays;

/**
 * Conditional orders waiting for their trigger, sorted so the next to fire is first: by stop price (ascending
 * for orders that fire when the price rises to it, descending for those that fire when it falls), then by
 * order id.
 */
final class StopList {
    private final boolean firesOnRise;
    private Order[] orders = new Order[16];
    private int size;

    StopList(boolean firesOnRise) {
        this.firesOnRise = firesOnRise;
    }

    int size() {
        return size;
    }

    Order get(int i) {
        return orders[i];
    }

    /** The first order whose trigger the last price reached, or null. */
    Order firstTriggered(long lastPrice) {
        if (size == 0) {
            return null;
        }
        Order first = orders[0];
        boolean fired = firesOnRise ? lastPrice >= first.stopPrice : lastPrice <= first.stopPrice;
        return fired ? first : null;
    }

    /** Whether an order with this stop price would fire at once. */
    boolean wouldFire(long stopPrice, long lastPrice) {
        return firesOnRise ? lastPrice >= stopPrice : lastPrice <= stopPrice;
    }

    void add(Order order) {
        if (size == orders.length) {
            orders = Arrays.copyOf(orders, size * 2);
        }
        int i = size;
        while (i > 0 && comesBefore(order, orders[i - 1])) {
            orders[i] = orders[i - 1];
            i--;
        }
        orders[i] = order;
        size++;
    }

    boolean remove(Order order) {
        for (int i = 0; i < size; i++) {
            if (orders[i] == order) {
                System.arraycopy(orders, i + 1, orders, i, size - i - 1);
                orders[--size] = null;
                return true;
            }
        }
        return false;
    }

    private boolean comesBefore(Order a, Order b) {
        if (a.stopPrice != b.stopPrice) {
            return firesOnRise ? a.stopPrice < b.stopPrice : a.stopPrice > b.stopPrice;
        }
        return a.orderId < b.orderId;
    }
}
