package io.bourse.api.userdata;

import io.bourse.engine.OrderStatus;
import io.bourse.engine.OrderType;
import io.bourse.engine.Side;
import io.bourse.engine.StpMode;
import io.bourse.engine.TimeInForce;
import io.bourse.engine.event.OrderState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a user's recently closed orders keep: one entry per order (its last state), the newest RECENT of them, and
 * with a history store only what it has not committed yet beyond the newest KEPT_WHEN_STORED.
 */
class UserStateTest {
    private final UserState user = new UserState(7);

    @Test
    void anOrderClosedTwiceIsKeptOnceWithItsLastState() {
        user.order(order(1, OrderStatus.NEW, "a"), 1);
        user.order(order(1, OrderStatus.FILLED, "a"), 1);
        user.order(order(2, OrderStatus.CANCELED, "b"), 2);
        user.order(order(1, OrderStatus.EXPIRED, "a"), 1);

        assertThat(user.order(1).status()).isEqualTo(OrderStatus.EXPIRED);
        assertThat(user.allOrders(0)).extracting(OrderState::orderId).containsExactly(1L, 2L);
        assertThat(user.openOrders(0)).isEmpty();
        assertThat(user.orderByClientId(0, "a").status()).isEqualTo(OrderStatus.EXPIRED);
    }

    @Test
    void onlyTheNewestClosedOrdersAreKept() {
        for (long id = 1; id <= UserState.RECENT + 5; id++) {
            user.order(order(id, OrderStatus.FILLED, "c" + id), id);
        }
        assertThat(user.order(5)).isNull();
        assertThat(user.order(6)).isNotNull();
        assertThat(user.order(UserState.RECENT + 5)).isNotNull();
        assertThat(user.allOrders(0)).hasSize(UserState.RECENT);
        assertThat(user.orderByClientId(0, "c5")).isNull();
    }

    @Test
    void theNewestClosedOrderWithAClientIdWins() {
        user.order(order(1, OrderStatus.CANCELED, "same"), 1);
        user.order(order(2, OrderStatus.FILLED, "same"), 2);
        assertThat(user.orderByClientId(0, "same").orderId()).isEqualTo(2);
    }

    @Test
    void whatTheStoreHoldsIsLetGoPastTheNewestFew() {
        java.util.concurrent.atomic.AtomicLong stored = new java.util.concurrent.atomic.AtomicLong(-1);
        UserState withStore = new UserState(7, stored::get);
        for (long id = 1; id <= 300; id++) {
            withStore.order(order(id, OrderStatus.FILLED, "c" + id), id);
            withStore.trade(new UserTrade(0, id, id, -1, 100, 1, 100, 0, 1, id, true, false), id);
        }
        assertThat(withStore.heldCount()).as("nothing stored yet: all kept").isEqualTo(600);

        stored.set(250);   // the store has committed commands up to 250
        withStore.order(order(301, OrderStatus.FILLED, "c301"), 301);
        withStore.trade(new UserTrade(0, 301, 301, -1, 100, 1, 100, 0, 1, 301, true, false), 301);
        assertThat(withStore.allOrders(0)).extracting(OrderState::orderId)
                .as("the newest 100 stay, and 251..301, which the store does not have yet")
                .startsWith(202L).endsWith(301L).hasSize(100);
        assertThat(withStore.trades(0)).hasSize(100);
        assertThat(withStore.order(201)).isNull();

        stored.set(100);   // never let go of what the store does not hold
        withStore.order(order(302, OrderStatus.FILLED, "c302"), 302);
        assertThat(withStore.order(202)).isNotNull();
    }

    private static OrderState order(long id, OrderStatus status, String clientId) {
        return new OrderState(id, 0, 7, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, status, StpMode.NONE, clientId,
                100, 0, 10, 0, 0, 0, 0, 0, status.isOpen() ? 10 : 0, -1, id, id, id, status.isOpen() ? 10 : 0,
                status.isOpen(), null);
    }
}
