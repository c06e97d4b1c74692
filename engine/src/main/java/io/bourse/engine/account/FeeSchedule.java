package io.bourse.engine.account;

import java.util.Arrays;

/** Maker and taker rates per fee tier ({@link io.bourse.engine.market.Rates} fixed-point). Unset tiers pay 0. */
public final class FeeSchedule {
    private long[] maker = new long[8];
    private long[] taker = new long[8];
    private int tiers;

    public void set(int tier, long makerRate, long takerRate) {
        if (tier >= maker.length) {
            maker = Arrays.copyOf(maker, Math.max(tier + 1, maker.length * 2));
            taker = Arrays.copyOf(taker, maker.length);
        }
        maker[tier] = makerRate;
        taker[tier] = takerRate;
        tiers = Math.max(tiers, tier + 1);
    }

    public long rate(int tier, boolean isMaker) {
        if (tier >= tiers) {
            return 0;
        }
        return isMaker ? maker[tier] : taker[tier];
    }

    /** Number of tier slots (highest defined tier + 1). */
    public int tiers() {
        return tiers;
    }

    public long makerRate(int tier) {
        return rate(tier, true);
    }

    public long takerRate(int tier) {
        return rate(tier, false);
    }
}
