package io.bourse.engine.book;

import io.bourse.engine.command.PlaceOrder;

/**
 * A new order's numbers in the units matching works in, derived once per order: quantities in lots, prices as
 * quote per lot, and whether each was on the symbol's grid. One instance is reused for every placement (OCO
 * legs get their own).
 */
final class OrderRequest {
    PlaceOrder command;
    long lots;
    boolean quantityOnStep;
    long priceTicks;
    long priceQuotePerLot;
    boolean priceOnTick;
    long stopQuotePerLot;
    boolean stopOnTick;
    long icebergLots;
    boolean icebergOnStep;

    OrderRequest derive(Market m, PlaceOrder c) {
        command = c;
        long step = m.stepSize;
        long tick = m.tickSize;
        lots = m.perStep.divide(c.quantity());
        quantityOnStep = lots * step == c.quantity();
        priceTicks = m.perTick.divide(c.price());
        priceOnTick = priceTicks * tick == c.price();
        priceQuotePerLot = priceTicks * m.quotePerLotTick;
        long stopTicks = c.stopPrice() == 0 ? 0 : m.perTick.divide(c.stopPrice());
        stopOnTick = stopTicks * tick == c.stopPrice();
        stopQuotePerLot = stopTicks * m.quotePerLotTick;
        icebergLots = c.icebergQty() == 0 ? 0 : m.perStep.divide(c.icebergQty());
        icebergOnStep = icebergLots * step == c.icebergQty();
        return this;
    }
}
