package io.bourse.runtime;

import io.bourse.engine.RandomCommands;
import io.bourse.engine.event.EngineEvent;
import io.bourse.engine.event.OrderState;
import io.bourse.runtime.pipeline.CommandResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/** Open orders as the results tell them, so random cancels, amends and moves mostly hit live orders. */
final class TrackedOrders implements RandomCommands.OrderSource {
    private final Map<Long, OrderState> open = new ConcurrentHashMap<>();

    void onResult(CommandResult result) {
        for (EngineEvent e : result.events()) {
            switch (e) {
                case EngineEvent.OrderUpdated u -> track(u.order());
                case EngineEvent.TradeExecuted t -> {
                    track(t.taker());
                    track(t.maker());
                }
                default -> { }
            }
        }
    }

    private void track(OrderState o) {
        if (o.status().isOpen()) {
            open.put(o.orderId(), o);
        } else {
            open.remove(o.orderId());
        }
    }

    @Override
    public long someOrder(int symbolId, long userId, Random rnd) {
        List<Long> candidates = new ArrayList<>();
        for (OrderState o : open.values()) {
            if (o.symbolId() == symbolId && (o.userId() == userId || rnd.nextInt(10) == 0)) {
                candidates.add(o.orderId());
            }
        }
        if (candidates.isEmpty() || rnd.nextInt(15) == 0) {
            return 1 + rnd.nextInt(100_000);
        }
        return candidates.get(rnd.nextInt(candidates.size()));
    }

    @Override
    public String clientIdOf(long orderId) {
        OrderState o = open.get(orderId);
        return o == null ? null : o.clientOrderId();
    }
}
