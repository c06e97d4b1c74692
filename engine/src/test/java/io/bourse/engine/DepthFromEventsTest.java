package io.bourse.engine;

import io.bourse.engine.book.OrderView;
import io.bourse.engine.book.TradeView;
import io.bourse.engine.command.Command;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A market-data reader sees only events. Summing each order's last reported {@link OrderView#visibleQty()} per
 * price must give the engine's own depth after every command, icebergs and self-trade prevention included.
 */
class DepthFromEventsTest {
    private record Resting(int symbolId, Side side, long price, long visible) {
    }

    private static final class DepthReader implements EngineListener {
        final Map<Long, Resting> resting = new HashMap<>();

        @Override
        public void onOrder(OrderView order, ExecType execType) {
            follow(order);
        }

        @Override
        public void onTrade(TradeView trade, OrderView taker, OrderView maker) {
            follow(taker);
            follow(maker);
        }

        private void follow(OrderView o) {
            if (o.visibleQty() > 0) {
                resting.put(o.orderId(), new Resting(o.symbolId(), o.side(), o.price(), o.visibleQty()));
            } else {
                resting.remove(o.orderId());
            }
        }

        TreeMap<Long, Long> levels(int symbolId, Side side) {
            TreeMap<Long, Long> levels = new TreeMap<>();
            for (Resting r : resting.values()) {
                if (r.symbolId == symbolId && r.side == side) {
                    levels.merge(r.price, r.visible, Long::sum);
                }
            }
            return levels;
        }
    }

    @Test
    void depthFollowedFromEventsEqualsTheEnginesBookAfterEveryCommand() {
        for (long seed = 1; seed <= 4; seed++) {
            DepthReader reader = new DepthReader();
            Engine engine = new Engine(reader, 0);
            RandomCommands commands = new RandomCommands(new Random(seed), 6, new RandomCommands.OrderSource() {
                @Override
                public long someOrder(int symbolId, long userId, Random rnd) {
                    return 1 + rnd.nextInt((int) Math.max(1, engine.books().nextOrderId()));
                }

                @Override
                public String clientIdOf(long orderId) {
                    return null;
                }
            });
            List<Command> setUp = commands.setUp();
            long seq = 0;
            for (int i = 0; i < setUp.size() + 20_000; i++) {
                Command c = i < setUp.size() ? setUp.get(i) : commands.next();
                engine.apply(++seq, seq, c);
                for (int symbol = 0; symbol < engine.books().marketCount(); symbol++) {
                    for (Side side : Side.values()) {
                        assertThat(reader.levels(symbol, side)).as("seed %d command %d %s", seed, seq, c)
                                .isEqualTo(engineLevels(engine, symbol, side));
                    }
                }
            }
        }
    }

    private static TreeMap<Long, Long> engineLevels(Engine engine, int symbolId, Side side) {
        TreeMap<Long, Long> levels = new TreeMap<>();
        for (int depth = 0; depth < engine.books().levelCount(symbolId, side); depth++) {
            levels.put(engine.books().levelPrice(symbolId, side, depth), engine.books().levelQty(symbolId, side, depth));
        }
        return levels;
    }
}
