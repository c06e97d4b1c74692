package io.bourse.engine.command;

import io.bourse.engine.OrderType;
import io.bourse.engine.Side;
import io.bourse.engine.StpMode;
import io.bourse.engine.TimeInForce;

/**
 * Places a one-cancels-the-other pair, as Binance's {@code orderList/oco}: an "above" leg and a "below" leg of
 * the same side and quantity. When either leg fills (even partly) or triggers, the other is cancelled.
 *
 * @param aboveType LIMIT_MAKER, TAKE_PROFIT(_LIMIT) for a SELL; STOP_LOSS(_LIMIT) for a BUY
 * @param belowType STOP_LOSS(_LIMIT) for a SELL; LIMIT_MAKER, TAKE_PROFIT(_LIMIT) for a BUY
 * @param listClientOrderId the client's id of the list, kept on both legs (null: none)
 */
public record PlaceOco(int symbolId, long userId, Side side, long quantity,
                       OrderType aboveType, long abovePrice, long aboveStopPrice, TimeInForce aboveTimeInForce,
                       String aboveClientOrderId,
                       OrderType belowType, long belowPrice, long belowStopPrice, TimeInForce belowTimeInForce,
                       String belowClientOrderId,
                       StpMode stpMode, String listClientOrderId) implements Command {
}
