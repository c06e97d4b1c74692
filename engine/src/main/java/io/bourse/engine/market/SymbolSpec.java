package io.bourse.engine.market;

import io.bourse.engine.StpMode;
import io.bourse.engine.SymbolStatus;

import java.util.Objects;

/**
 * A spot symbol and its Binance filters. Prices are amounts of the quote asset (in its smallest unit) per one
 * whole base unit; quantities are amounts of the base asset in its smallest unit.
 *
 * <p>The engine computes every notional exactly: listing requires {@code stepSize × tickSize} to be a whole
 * multiple of {@code 10^baseScale}, so price × quantity of any accepted order is a whole number of quote units.
 *
 * @param id               the engine's number for the symbol, assigned at listing, dense from 0
 * @param name             e.g. {@code BTCUSDT}
 * @param baseAssetId      asset bought and sold
 * @param quoteAssetId     asset prices are in
 * @param status           trading status
 * @param price            PRICE_FILTER
 * @param lotSize          LOT_SIZE
 * @param marketLotSize    MARKET_LOT_SIZE
 * @param notional         NOTIONAL (MIN_NOTIONAL's successor)
 * @param percentPrice     PERCENT_PRICE_BY_SIDE, or null when the symbol has none
 * @param maxNumOrders     MAX_NUM_ORDERS: open orders per account on this symbol
 * @param maxNumAlgoOrders MAX_NUM_ALGO_ORDERS: open stop / take-profit orders per account on this symbol
 * @param icebergParts     ICEBERG_PARTS: most parts an iceberg order may be split into (0 = icebergs not allowed)
 * @param defaultStp       STP mode of orders that name none
 */
public record SymbolSpec(
        int id,
        String name,
        int baseAssetId,
        int quoteAssetId,
        SymbolStatus status,
        PriceFilter price,
        LotSize lotSize,
        LotSize marketLotSize,
        NotionalFilter notional,
        PercentPriceBySide percentPrice,
        int maxNumOrders,
        int maxNumAlgoOrders,
        int icebergParts,
        StpMode defaultStp) {

    public SymbolSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(lotSize, "lotSize");
        Objects.requireNonNull(marketLotSize, "marketLotSize");
        Objects.requireNonNull(notional, "notional");
        Objects.requireNonNull(defaultStp, "defaultStp");
    }

    public SymbolSpec withStatus(SymbolStatus newStatus) {
        return new SymbolSpec(id, name, baseAssetId, quoteAssetId, newStatus, price, lotSize, marketLotSize, notional,
                percentPrice, maxNumOrders, maxNumAlgoOrders, icebergParts, defaultStp);
    }

    public SymbolSpec withId(int newId) {
        return new SymbolSpec(newId, name, baseAssetId, quoteAssetId, status, price, lotSize, marketLotSize, notional,
                percentPrice, maxNumOrders, maxNumAlgoOrders, icebergParts, defaultStp);
    }

    /** PRICE_FILTER: minPrice ≤ price ≤ maxPrice and price a multiple of tickSize (tickSize &gt; 0 here). */
    public record PriceFilter(long minPrice, long maxPrice, long tickSize) {
    }

    /** LOT_SIZE / MARKET_LOT_SIZE: minQty ≤ qty ≤ maxQty and qty a multiple of stepSize. */
    public record LotSize(long minQty, long maxQty, long stepSize) {
    }

    /**
     * NOTIONAL: minNotional ≤ price × qty ≤ maxNotional; for MARKET orders each bound applies only when its flag
     * is set, priced at the average price of the last {@code avgPriceMins} minutes.
     */
    public record NotionalFilter(long minNotional, boolean applyMinToMarket, long maxNotional,
                                 boolean applyMaxToMarket, int avgPriceMins) {
    }

    /**
     * PERCENT_PRICE_BY_SIDE: a BUY's price must lie within [avg × bidDown, avg × bidUp], a SELL's within
     * [avg × askDown, avg × askUp]; multipliers are {@link Rates} fixed-point. No check before the first trade.
     */
    public record PercentPriceBySide(long bidMultiplierUp, long bidMultiplierDown, long askMultiplierUp,
                                     long askMultiplierDown, int avgPriceMins) {
    }
}
