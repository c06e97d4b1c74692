package io.bourse.engine;

import io.bourse.engine.market.AssetSpec;
import io.bourse.engine.market.SymbolSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the engine's invariants; the tests run it after every command, and a journal verification reports it.
 * <ul>
 *   <li>Conservation: for every asset, free + locked over all accounts equals its supply (deposits minus
 *       settled withdrawals).</li>
 *   <li>Locks: every account's locked balance of an asset equals what its open orders and withdrawal holds in
 *       that asset have locked.</li>
 *   <li>No balance is negative.</li>
 * </ul>
 */
public final class Invariants {
    private Invariants() {
    }

    /** Human-readable violations; empty when the state is sound. */
    public static List<String> violations(Engine engine) {
        List<String> problems = new ArrayList<>();
        List<AssetSpec> assets = engine.assets();
        long[] sums = new long[assets.size()];
        Map<Long, long[]> expectedLocks = new HashMap<>();
        List<SymbolSpec> symbols = engine.symbols();
        engine.books().forEachOpenOrder(o -> {
            SymbolSpec spec = symbols.get(o.symbolId());
            int asset = o.side() == Side.BUY ? spec.quoteAssetId() : spec.baseAssetId();
            expectedLocks.computeIfAbsent(o.userId(), u -> new long[assets.size()])[asset]
                    += engine.books().lockedFor(o.orderId());
        });
        engine.forEachHold(h -> expectedLocks.computeIfAbsent(h.userId(), u -> new long[assets.size()])[h.assetId()]
                += h.amount());
        engine.forEachAccount(a -> {
            long[] expected = expectedLocks.getOrDefault(a.userId(), new long[assets.size()]);
            for (AssetSpec asset : assets) {
                int id = asset.id();
                long free = a.free(id);
                long locked = a.locked(id);
                if (free < 0 || locked < 0) {
                    problems.add("negative balance: user " + a.userId() + " " + asset.name());
                }
                try {
                    sums[id] = Math.addExact(sums[id], Math.addExact(free, locked));
                } catch (ArithmeticException e) {
                    problems.add("balances of " + asset.name() + " overflow");
                }
                if (locked != expected[id]) {
                    problems.add("user " + a.userId() + " has " + locked + " " + asset.name()
                            + " locked but its orders and holds lock " + expected[id]);
                }
            }
        });
        for (AssetSpec asset : assets) {
            if (sums[asset.id()] != engine.supply(asset.id())) {
                problems.add("conservation broken for " + asset.name() + ": accounts hold " + sums[asset.id()]
                        + ", supply is " + engine.supply(asset.id()));
            }
        }
        return problems;
    }
}
