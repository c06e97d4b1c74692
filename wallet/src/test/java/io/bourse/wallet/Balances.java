package io.bourse.wallet;

import io.bourse.engine.command.Command;
import io.bourse.engine.event.EngineEvent;
import io.bourse.runtime.event.EncodedEvents;
import io.bourse.runtime.pipeline.EventConsumer;

import java.util.concurrent.ConcurrentHashMap;

/** Every account's free and locked balance as the engine reports them (test reader). */
final class Balances implements EventConsumer {
    record Balance(long free, long locked) {
    }

    private final ConcurrentHashMap<String, Balance> balances = new ConcurrentHashMap<>();
    private volatile long seen;

    @Override
    public String name() {
        return "test-balances";
    }

    @Override
    public long lastAppliedSequence() {
        return 0;
    }

    @Override
    public void onCommand(long sequence, long timestampMs, Command command, EncodedEvents events) {
        for (EngineEvent e : events.decode()) {
            if (e instanceof EngineEvent.BalanceChanged b) {
                balances.put(b.userId() + ":" + b.assetId(), new Balance(b.free(), b.locked()));
            }
        }
        seen = sequence;
    }

    Balance of(long userId, int assetId) {
        return balances.getOrDefault(userId + ":" + assetId, new Balance(0, 0));
    }

    long seen() {
        return seen;
    }
}
