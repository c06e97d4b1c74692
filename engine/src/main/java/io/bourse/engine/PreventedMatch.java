package io.bourse.engine;

/**
 * Self-trade prevention kept a taker from trading with a maker of the same account: a row of Binance's
 * {@code myPreventedMatches}. {@code price} is the maker's; {@code makerPreventedQty} is what of the maker did not
 * trade because of it: its expired remainder, or the quantity both orders were decremented by, or what would have
 * matched when the taker expired instead.
 */
public record PreventedMatch(int symbolId, long preventedMatchId, long takerOrderId, long makerOrderId, long userId,
                             long price, long makerPreventedQty, StpMode mode, long timeMs) {
}
