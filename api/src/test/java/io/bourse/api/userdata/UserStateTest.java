package io.bourse.api.userdata;

import io.bourse.engine.OrderStatus;
import io.bourse.engine.OrderType;
import io.bourse.engine.Side;
import io.bourse.engine.StpMode;
import io.bourse.engine.TimeInForce;
import io.bourse.engine.event.OrderState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a user's recently closed orders keep: one entry per order (its last state), the newest RECENT of them. */
class UserStateTest {
    private final UserState user = new UserState(7);

    @Test
    void anOrderClosedTwiceIsKeptOnceWithItsLastState() {
        user.order(order(1, OrderStatus.NEW, "a"));
        user.order(order(1, OrderStatus.FILLED, "a"));
        user.order(order(2, OrderStatus.CANCELED, "b"));
        user.order(order(1, OrderStatus.EXPIRED, "a"));

        assertThat(user.order(1).status()).isEqualTo(OrderStatus.EXPIRED);
        assertThat(user.allOrders(0)).extracting(OrderState::orderId).containsExactly(1L, 2L);
        assertThat(user.openOrders(0)).isEmpty();
        assertThat(user.orderByClientId(0, "a").status()).isEqualTo(OrderStatus.EXPIRED);
    }

    @Test
    void onlyTheNewestClosedOrdersAreKept() {
        for (long id = 1; id <= UserState.RECENT + 5; id++) {
            user.order(order(id, OrderStatus.FILLED, "c" + id));
        }
        assertThat(user.order(5)).isNull();
        assertThat(user.order(6)).isNotNull();
        assertThat(user.order(UserState.RECENT + 5)).isNotNull();
        assertThat(user.allOrders(0)).hasSize(UserState.RECENT);
        assertThat(user.orderByClientId(0, "c5")).isNull();
    }

    @Test
    void theNewestClosedOrderWithAClientIdWins() {
        user.order(order(1, OrderStatus.CANCELED, "same"));
        user.order(order(2, OrderStatus.FILLED, "same"));
        assertThat(user.orderByClientId(0, "same").orderId()).isEqualTo(2);
    }

    private static OrderState order(long id, OrderStatus status, String clientId) {
        return new OrderState(id, 0, 7, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, status, StpMode.NONE, clientId,
                100, 0, 10, 0, 0, 0, 0, 0, status.isOpen() ? 10 : 0, -1, id, id, id, status.isOpen() ? 10 : 0,
                status.isOpen(), null);
    }
}
