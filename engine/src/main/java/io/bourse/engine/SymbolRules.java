package io.bourse.engine;

import io.bourse.engine.market.AssetSpec;
import io.bourse.engine.market.SymbolSpec;

import java.util.List;

/** The rules a symbol spec must meet to be listed, so that all its arithmetic is exact and cannot overflow. */
final class SymbolRules {
    /** Average prices look back at most this many minutes. */
    static final int MAX_AVG_PRICE_MINS = 60;
    private SymbolRules() {
    }

    /**
     * Quote units for one lot (stepSize) at one tick (tickSize): {@code stepSize × tickSize / 10^baseScale}.
     * Returns 0 when the spec is not listable: unknown or equal assets, non-positive or inconsistent bounds, a
     * step × tick that is not a whole number of quote units, or a maximum price whose lot value overflows.
     */
    static long quotePerLotTick(SymbolSpec s, List<AssetSpec> assets) {
        if (s.name().isBlank() || s.baseAssetId() == s.quoteAssetId()
                || s.baseAssetId() < 0 || s.baseAssetId() >= assets.size()
                || s.quoteAssetId() < 0 || s.quoteAssetId() >= assets.size()) {
            return 0;
        }
        SymbolSpec.PriceFilter p = s.price();
        SymbolSpec.LotSize lot = s.lotSize();
        SymbolSpec.LotSize market = s.marketLotSize();
        boolean bounds = p.tickSize() > 0 && p.minPrice() > 0 && p.minPrice() <= p.maxPrice()
                && lot.stepSize() > 0 && lot.minQty() > 0 && lot.minQty() <= lot.maxQty()
                && market.stepSize() >= 0 && market.minQty() >= 0 && market.minQty() <= market.maxQty()
                && s.notional().minNotional() >= 0 && s.notional().maxNotional() >= 0
                && s.notional().avgPriceMins() >= 0 && s.notional().avgPriceMins() <= MAX_AVG_PRICE_MINS
                && s.maxNumOrders() >= 0 && s.maxNumAlgoOrders() >= 0 && s.icebergParts() >= 0;
        if (!bounds) {
            return 0;
        }
        if (s.percentPrice() != null) {
            SymbolSpec.PercentPriceBySide pp = s.percentPrice();
            if (pp.bidMultiplierDown() < 0 || pp.bidMultiplierDown() > pp.bidMultiplierUp()
                    || pp.askMultiplierDown() < 0 || pp.askMultiplierDown() > pp.askMultiplierUp()
                    || pp.avgPriceMins() < 0 || pp.avgPriceMins() > MAX_AVG_PRICE_MINS) {
                return 0;
            }
        }
        long baseUnit = pow10(assets.get(s.baseAssetId()).scale());
        try {
            long product = Math.multiplyExact(lot.stepSize(), p.tickSize());
            if (product % baseUnit != 0) {
                return 0;
            }
            long perLotTick = product / baseUnit;
            Math.multiplyExact(p.maxPrice() / p.tickSize(), perLotTick);
            return perLotTick;
        } catch (ArithmeticException overflow) {
            return 0;
        }
    }

    private static long pow10(int n) {
        long r = 1;
        for (int i = 0; i < n; i++) {
            r *= 10;
        }
        return r;
    }
}
