package io.bourse.engine;

/**
 * Self-trade prevention: what happens when a taker would trade with a resting order of the same account.
 * The taker's mode decides.
 */
public enum StpMode {
    /** The trade happens. */
    NONE,
    /** The taker's remainder expires; the maker stays. */
    EXPIRE_TAKER,
    /** The maker expires; the taker goes on matching. */
    EXPIRE_MAKER,
    /** Both expire. */
    EXPIRE_BOTH,
    /** Both lose the overlapping quantity; whichever has nothing left expires (both when equal). */
    DECREMENT
}
