package io.bourse.engine.book;

import io.bourse.engine.Side;
import io.bourse.engine.StpMode;
import io.bourse.engine.SymbolStatus;
import io.bourse.engine.market.SymbolSpec;

/** One symbol's state: its spec, both sides of the book, untriggered conditional orders, trade counters. */
final class Market {
    private SymbolSpec spec;
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

    // The spec's status and filters as plain fields, set from it by spec(SymbolSpec): order entry checks every order
    // against them, and each record it would go through on the way (spec, then filter) is one more dependent load.
    boolean trading;
    long minPrice;
    long maxPrice;
    long minQty;
    long maxQty;
    long marketMinQty;
    long marketMaxQty;
    long marketStepSize;
    long minNotional;
    long maxNotional;
    boolean minNotionalAppliesToMarket;
    boolean maxNotionalAppliesToMarket;
    int notionalAvgPriceMins;
    /** PERCENT_PRICE_BY_SIDE, or null. */
    SymbolSpec.PercentPriceBySide percentPrice;
    int maxNumOrders;
    int maxNumAlgoOrders;
    int icebergParts;
    StpMode defaultStp;

    Market(SymbolSpec spec, long quotePerLotTick) {
        this.symbolId = spec.id();
        this.baseAssetId = spec.baseAssetId();
        this.quoteAssetId = spec.quoteAssetId();
        this.stepSize = spec.lotSize().stepSize();
        this.tickSize = spec.price().tickSize();
        this.perStep = new Divisor(stepSize);
        this.perTick = new Divisor(tickSize);
        this.quotePerLotTick = quotePerLotTick;
        spec(spec);
    }

    SymbolSpec spec() {
        return spec;
    }

    /** A new spec for this symbol (its status changed); tick and step sizes never change after listing. */
    void spec(SymbolSpec s) {
        spec = s;
        trading = s.status() == SymbolStatus.TRADING;
        minPrice = s.price().minPrice();
        maxPrice = s.price().maxPrice();
        minQty = s.lotSize().minQty();
        maxQty = s.lotSize().maxQty();
        marketMinQty = s.marketLotSize().minQty();
        marketMaxQty = s.marketLotSize().maxQty();
        marketStepSize = s.marketLotSize().stepSize();
        minNotional = s.notional().minNotional();
        maxNotional = s.notional().maxNotional();
        minNotionalAppliesToMarket = s.notional().applyMinToMarket();
        maxNotionalAppliesToMarket = s.notional().applyMaxToMarket();
        notionalAvgPriceMins = s.notional().avgPriceMins();
        percentPrice = s.percentPrice();
        maxNumOrders = s.maxNumOrders();
        maxNumAlgoOrders = s.maxNumAlgoOrders();
        icebergParts = s.icebergParts();
        defaultStp = s.defaultStp();
    }

    boolean isTrading() {
        return trading;
    }

    /** PRICE_FILTER: within the bounds and on a tick. */
    boolean priceFilterOk(long price) {
        return price >= minPrice && price <= maxPrice && perTick.divide(price) * tickSize == price;
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
