package io.bourse.engine.book;

import io.bourse.engine.Side;
import io.bourse.engine.SymbolStatus;
import io.bourse.engine.market.SymbolSpec;

/** One symbol's state: its spec, both sides of the book, untriggered conditional orders, trade counters. */
final class Market {
    SymbolSpec spec;
    final int symbolId;
    final int baseAssetId;
    final int quoteAssetId;
    final long stepSize;
    final long tickSize;
    /** Division by {@link #stepSize} and by {@link #tickSize}, without a hardware division. */
    final Divisor perStep;
    final Divisor perTick;
    /** Quote units for one lot at a price of one tick: stepSize × tickSize / 10^baseScale (whole by listing rule). */
    final long quotePerLotTick;
    final BookSide bids = new BookSide(Side.BUY);
    final BookSide asks = new BookSide(Side.SELL);
    /** Fire when the last price rises to them: BUY stop-loss, SELL take-profit. */
    final StopList stopsOnRise = new StopList(true);
    /** Fire when the last price falls to them: SELL stop-loss, BUY take-profit. */
    final StopList stopsOnFall = new StopList(false);
    final AveragePrice averagePrice = new AveragePrice();
    long nextTradeId = 1;
    long nextPreventedMatchId = 1;
    /** Price of the last trade, or 0 before the first. */
    long lastPrice;

    Market(SymbolSpec spec, long quotePerLotTick) {
        this.spec = spec;
        this.symbolId = spec.id();
        this.baseAssetId = spec.baseAssetId();
        this.quoteAssetId = spec.quoteAssetId();
        this.stepSize = spec.lotSize().stepSize();
        this.tickSize = spec.price().tickSize();
        this.perStep = new Divisor(stepSize);
        this.perTick = new Divisor(tickSize);
        this.quotePerLotTick = quotePerLotTick;
    }

    boolean isTrading() {
        return spec.status() == SymbolStatus.TRADING;
    }

    /** The asset an order on this side pays with: quote for buys, base for sells. */
    int spendAsset(Side side) {
        return side == Side.BUY ? quoteAssetId : baseAssetId;
    }

    BookSide side(Side side) {
        return side == Side.BUY ? bids : asks;
    }

    BookSide opposite(Side side) {
        return side == Side.BUY ? asks : bids;
    }

    StopList stopsFor(Side side, boolean isStopLoss) {
        boolean firesOnRise = (side == Side.BUY) == isStopLoss;
        return firesOnRise ? stopsOnRise : stopsOnFall;
    }
}
