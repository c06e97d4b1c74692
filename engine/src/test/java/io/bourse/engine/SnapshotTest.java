package io.bourse.engine;

import io.bourse.engine.command.AmendOrder;
import io.bourse.engine.command.PlaceOco;
import io.bourse.engine.command.PlaceOrder;
import io.bourse.engine.command.WithdrawHold;
import io.bourse.engine.snapshot.Snapshots;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;

import static io.bourse.engine.TestExchange.BTC;
import static io.bourse.engine.TestExchange.BTCUSDT;
import static io.bourse.engine.TestExchange.USDT;
import static io.bourse.engine.TestExchange.price;
import static io.bourse.engine.TestExchange.qty;
import static org.assertj.core.api.Assertions.assertThat;

class SnapshotTest {
    @Test
    void restoredStateShouldHashTheSameAndWriteTheSameBytes() throws IOException {
        TestExchange x = busyExchange();
        byte[] bytes = Snapshots.toBytes(x.engine);

        Engine restored = Engine.restore(new DataInputStream(new ByteArrayInputStream(bytes)), EngineListener.NONE);

        assertThat(Snapshots.toBytes(restored)).isEqualTo(bytes);
        assertThat(restored.stateHash()).isEqualTo(x.engine.stateHash());
        assertThat(Invariants.violations(restored)).isEmpty();
    }

    /**
     * A snapshot in format 2 (written before orders kept their list's client id; the fixture holds a bid, an ask
     * and an OCO pair) still restores, and the engine carries on from it.
     */
    @Test
    void aFormatTwoSnapshotStillRestores() throws IOException {
        Engine restored;
        try (var in = SnapshotTest.class.getResourceAsStream("/snapshots/format-2.bin")) {
            restored = Engine.restore(new DataInputStream(in), EngineListener.NONE);
        }
        assertThat(restored.books().openOrderCount()).isEqualTo(4);
        assertThat(Invariants.violations(restored)).isEmpty();
        restored.books().forEachOpenOrder(o -> assertThat(o.listClientOrderId()).isNull());
        long tp = restored.books().nextOrderId() - 2;
        assertThat(restored.order(tp).clientOrderId()).isEqualTo("tp");
        assertThat(restored.order(tp + 1).orderListId()).isEqualTo(restored.order(tp).orderListId());

        byte[] now = Snapshots.toBytes(restored);
        Engine again = Engine.restore(new DataInputStream(new ByteArrayInputStream(now)), EngineListener.NONE);
        assertThat(again.stateHash()).isEqualTo(restored.stateHash());
        long seq = restored.lastSequence();
        assertThat(restored.apply(seq + 1, restored.lastTimestampMs(), PlaceOrder.limit(BTCUSDT, 1, Side.BUY,
                price("61000"), qty("0.5"), TimeInForce.GTC))).isEqualTo(RejectReason.NONE);
        assertThat(restored.books().openOrderCount()).isEqualTo(3);
    }

    @Test
    void hashShouldChangeWithAnyStateChange() {
        TestExchange x = busyExchange();
        String before = x.engine.stateHash();
        x.limit(1, Side.SELL, "70000", "0.001");
        assertThat(x.engine.stateHash()).isNotEqualTo(before);
    }

    /** Restoring mid-stream and continuing gives the same events and hash as never stopping. */
    @Test
    void restoredEngineShouldContinueExactlyLikeTheOriginal() throws IOException {
        TestExchange original = busyExchange();
        EventLog restoredLog = new EventLog();
        Engine restored = Engine.restore(new DataInputStream(new ByteArrayInputStream(
                Snapshots.toBytes(original.engine))), restoredLog);
        original.log.drain();

        long seq = original.engine.lastSequence();
        var continuation = java.util.List.of(
                PlaceOrder.limit(BTCUSDT, 2, Side.BUY, price("62000"), qty("3"), TimeInForce.GTC),
                PlaceOrder.market(BTCUSDT, 1, Side.SELL, qty("0.5")),
                PlaceOrder.marketQuote(BTCUSDT, 2, Side.BUY, price("5000")));
        for (var command : continuation) {
            seq++;
            original.engine.apply(seq, 1_800_000_000_000L, command);
            restored.apply(seq, 1_800_000_000_000L, command);
        }

        assertThat(restoredLog.events()).isEqualTo(original.log.events()).isNotEmpty();
        assertThat(restored.stateHash()).isEqualTo(original.engine.stateHash());
    }

    private static TestExchange busyExchange() {
        TestExchange x = new TestExchange();
        x.fund(1, BTC, "10");
        x.fund(1, USDT, "1000000");
        x.fund(2, BTC, "10");
        x.fund(2, USDT, "1000000");
        x.limit(1, Side.SELL, "60000", "1");
        x.limit(2, Side.BUY, "60000", "0.5");
        x.place(new PlaceOrder(BTCUSDT, 1, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, price("61000"), qty("2"),
                0, 0, qty("0.5"), null, "ice"));
        long bid = x.limit(2, Side.BUY, "59000", "2");
        x.ok(AmendOrder.byId(BTCUSDT, 2, bid, qty("1.5")));
        x.place(new PlaceOrder(BTCUSDT, 2, Side.SELL, OrderType.STOP_LOSS_LIMIT, TimeInForce.GTC, price("55000"),
                qty("1"), 0, price("56000"), 0, StpMode.EXPIRE_MAKER, null));
        x.ok(new PlaceOco(BTCUSDT, 1, Side.SELL, qty("1"), OrderType.LIMIT_MAKER, price("65000"), 0, null, null,
                OrderType.STOP_LOSS, 0, price("57000"), null, null, null, "snap-list"));
        x.ok(new WithdrawHold(9, 2, USDT, price("100")));
        return x;
    }
}
