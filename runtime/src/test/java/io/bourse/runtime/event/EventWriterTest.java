package io.bourse.runtime.event;

import io.bourse.engine.Engine;
import io.bourse.engine.EngineListener;
import io.bourse.engine.ExecType;
import io.bourse.engine.FundsMovement;
import io.bourse.engine.PreventedMatch;
import io.bourse.engine.RandomCommands;
import io.bourse.engine.RejectReason;
import io.bourse.engine.book.OrderView;
import io.bourse.engine.book.TradeView;
import io.bourse.engine.command.Command;
import io.bourse.engine.event.EngineEvent;
import io.bourse.engine.event.OrderState;
import io.bourse.engine.event.TradeState;
import io.bourse.engine.market.AssetSpec;
import io.bourse.engine.market.SymbolSpec;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever the engine says, written as bytes and decoded, equals a direct copy of the callbacks. */
class EventWriterTest {

    /** Copies callbacks straight into records: the obvious way, to compare the binary path against. */
    static final class Direct implements EngineListener {
        final List<EngineEvent> events = new ArrayList<>();

        @Override
        public void onRejected(RejectReason reason) {
            events.add(new EngineEvent.Rejected(reason));
        }

        @Override
        public void onAssetAdded(AssetSpec asset) {
            events.add(new EngineEvent.AssetAdded(asset));
        }

        @Override
        public void onSymbolUpdated(SymbolSpec symbol) {
            events.add(new EngineEvent.SymbolUpdated(symbol));
        }

        @Override
        public void onFeeTier(int tier, long makerRate, long takerRate) {
            events.add(new EngineEvent.FeeTierChanged(tier, makerRate, takerRate));
        }

        @Override
        public void onUserFeeTier(long userId, int tier) {
            events.add(new EngineEvent.UserFeeTierChanged(userId, tier));
        }

        @Override
        public void onOrder(OrderView order, ExecType execType) {
            events.add(new EngineEvent.OrderUpdated(OrderState.of(order), execType));
        }

        @Override
        public void onTrade(TradeView trade, OrderView taker, OrderView maker) {
            events.add(new EngineEvent.TradeExecuted(TradeState.of(trade), OrderState.of(taker),
                    OrderState.of(maker)));
        }

        @Override
        public void onBalance(long userId, int assetId, long free, long locked) {
            events.add(new EngineEvent.BalanceChanged(userId, assetId, free, locked));
        }

        @Override
        public void onFundsMoved(long userId, int assetId, long delta, FundsMovement movement, long referenceId) {
            events.add(new EngineEvent.FundsMoved(userId, assetId, delta, movement, referenceId));
        }

        @Override
        public void onPreventedMatch(PreventedMatch match) {
            events.add(new EngineEvent.MatchPrevented(match));
        }
    }

    /** The in-place cursor sees the same events, with the same fields, as the decoder. */
    private static void assertCursorReads(EncodedEvents events, List<EngineEvent> decoded) {
        EventCursor cursor = new EventCursor().reset(events);
        for (EngineEvent e : decoded) {
            assertThat(cursor.next()).isTrue();
            switch (e) {
                case EngineEvent.TradeExecuted t -> {
                    assertThat(cursor.kind()).isEqualTo(EventCursor.Kind.TRADE);
                    assertThat(List.of(cursor.tradeId(), (long) cursor.tradeSymbolId(), cursor.tradePrice(),
                            cursor.tradeQty(), cursor.tradeQuoteQty(), cursor.tradeTimeMs()))
                            .containsExactly(t.trade().tradeId(), (long) t.trade().symbolId(), t.trade().price(),
                                    t.trade().qty(), t.trade().quoteQty(), t.trade().timeMs());
                    assertThat(cursor.tradeBuyerIsMaker()).isEqualTo(t.trade().buyerIsMaker());
                }
                case EngineEvent.OrderUpdated u -> {
                    assertThat(cursor.kind()).isEqualTo(EventCursor.Kind.ORDER);
                    assertThat(cursor.orderExecType()).isEqualTo(u.execType());
                    assertThat(List.of(cursor.orderId(), (long) cursor.orderSymbolId(), cursor.orderPrice(),
                            cursor.orderLeavesQty(), cursor.orderVisibleQty())).containsExactly(u.order().orderId(),
                            (long) u.order().symbolId(), u.order().price(), u.order().leavesQty(),
                            u.order().visibleQty());
                    assertThat(cursor.orderSide()).isEqualTo(u.order().side());
                    assertThat(cursor.orderStatus()).isEqualTo(u.order().status());
                    assertThat(cursor.orderIsOnBook()).isEqualTo(u.order().isOnBook());
                }
                case EngineEvent.BalanceChanged b -> {
                    assertThat(cursor.kind()).isEqualTo(EventCursor.Kind.BALANCE);
                    assertThat(List.of(cursor.balanceUserId(), (long) cursor.balanceAssetId(), cursor.balanceFree(),
                            cursor.balanceLocked())).containsExactly(b.userId(), (long) b.assetId(), b.free(),
                            b.locked());
                }
                default -> assertThat(cursor.kind().name().replace("_", ""))
                        .isEqualToIgnoringCase(kindName(e));
            }
        }
        assertThat(cursor.next()).as("no more events than decoded").isFalse();
    }

    private static String kindName(EngineEvent e) {
        return switch (e) {
            case EngineEvent.Rejected r -> "REJECTED";
            case EngineEvent.FundsMoved f -> "FUNDS";
            case EngineEvent.AssetAdded a -> "ASSET";
            case EngineEvent.SymbolUpdated s -> "SYMBOL";
            case EngineEvent.FeeTierChanged f -> "FEETIER";
            case EngineEvent.UserFeeTierChanged u -> "USERFEETIER";
            case EngineEvent.MatchPrevented p -> "PREVENTEDMATCH";
            default -> throw new IllegalArgumentException(e.toString());
        };
    }

    /** Sends every callback to both listeners. */
    record Both(EngineListener a, EngineListener b) implements EngineListener {
        @Override
        public void onRejected(RejectReason reason) {
            a.onRejected(reason);
            b.onRejected(reason);
        }

        @Override
        public void onAssetAdded(AssetSpec asset) {
            a.onAssetAdded(asset);
            b.onAssetAdded(asset);
        }

        @Override
        public void onSymbolUpdated(SymbolSpec symbol) {
            a.onSymbolUpdated(symbol);
            b.onSymbolUpdated(symbol);
        }

        @Override
        public void onFeeTier(int tier, long makerRate, long takerRate) {
            a.onFeeTier(tier, makerRate, takerRate);
            b.onFeeTier(tier, makerRate, takerRate);
        }

        @Override
        public void onUserFeeTier(long userId, int tier) {
            a.onUserFeeTier(userId, tier);
            b.onUserFeeTier(userId, tier);
        }

        @Override
        public void onOrder(OrderView order, ExecType execType) {
            a.onOrder(order, execType);
            b.onOrder(order, execType);
        }

        @Override
        public void onTrade(TradeView trade, OrderView taker, OrderView maker) {
            a.onTrade(trade, taker, maker);
            b.onTrade(trade, taker, maker);
        }

        @Override
        public void onBalance(long userId, int assetId, long free, long locked) {
            a.onBalance(userId, assetId, free, locked);
            b.onBalance(userId, assetId, free, locked);
        }

        @Override
        public void onFundsMoved(long userId, int assetId, long delta, FundsMovement movement, long referenceId) {
            a.onFundsMoved(userId, assetId, delta, movement, referenceId);
            b.onFundsMoved(userId, assetId, delta, movement, referenceId);
        }

        @Override
        public void onPreventedMatch(PreventedMatch match) {
            a.onPreventedMatch(match);
            b.onPreventedMatch(match);
        }
    }

    @Property(tries = 20)
    void decodedEventsEqualTheCallbacks(@ForAll long seed) {
        Direct direct = new Direct();
        EventWriter writer = new EventWriter();
        EventBuffer buffer = new EventBuffer();
        Engine engine = new Engine(new Both(direct, writer), 0);
        List<Long> open = new ArrayList<>();
        RandomCommands commands = new RandomCommands(new Random(seed), 5, new RandomCommands.OrderSource() {
            @Override
            public long someOrder(int symbolId, long userId, Random rnd) {
                return open.isEmpty() ? 1 : open.get(rnd.nextInt(open.size()));
            }

            @Override
            public String clientIdOf(long orderId) {
                return null;
            }
        });
        List<Command> stream = new ArrayList<>(commands.setUp());
        for (int i = 0; i < 2_000; i++) {
            stream.add(commands.next());
        }
        Set<Class<?>> seen = new HashSet<>();
        long seq = 0;
        for (Command c : stream) {
            direct.events.clear();
            buffer.clear();
            writer.writeInto(buffer);
            engine.apply(++seq, 1_700_000_000_000L + seq, c);
            List<EngineEvent> decoded = buffer.decode();
            assertThat(decoded).as("command " + seq + " " + c).isEqualTo(direct.events);
            assertThat(buffer.copy().decode()).isEqualTo(decoded);
            assertThat(buffer.count()).isEqualTo(decoded.size());
            assertCursorReads(buffer, decoded);
            for (EngineEvent e : decoded) {
                seen.add(e.getClass());
                if (e instanceof EngineEvent.OrderUpdated u && u.order().status().isOpen()) {
                    open.add(u.order().orderId());
                }
            }
        }
        assertThat(seen).as("every kind of event occurred")
                .containsExactlyInAnyOrder(EngineEvent.class.getPermittedSubclasses());
    }
}
