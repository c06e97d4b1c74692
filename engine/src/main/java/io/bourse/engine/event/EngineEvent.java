package io.bourse.engine.event;

import io.bourse.engine.ExecType;
import io.bourse.engine.FundsMovement;
import io.bourse.engine.PreventedMatch;
import io.bourse.engine.RejectReason;
import io.bourse.engine.market.AssetSpec;
import io.bourse.engine.market.SymbolSpec;

/**
 * What the engine said while applying one command, as immutable values that may cross threads (the engine's
 * listener callbacks hand out reused views; the runtime's event writer stores them as bytes that decode into
 * these).
 */
public sealed interface EngineEvent {

    /** The command was refused and changed nothing. */
    record Rejected(RejectReason reason) implements EngineEvent {
    }

    /** An order was accepted, cancelled, expired, amended, moved or triggered. */
    record OrderUpdated(OrderState order, ExecType execType) implements EngineEvent {
    }

    /** A fill, with both orders as they are after it. */
    record TradeExecuted(TradeState trade, OrderState taker, OrderState maker) implements EngineEvent {
    }

    /** A balance's new value; one per balance the command changed, after its order and trade events. */
    record BalanceChanged(long userId, int assetId, long free, long locked) implements EngineEvent {
    }

    record FundsMoved(long userId, int assetId, long delta, FundsMovement movement, long referenceId)
            implements EngineEvent {
    }

    record AssetAdded(AssetSpec asset) implements EngineEvent {
    }

    /** A symbol was listed or changed status. */
    record SymbolUpdated(SymbolSpec symbol) implements EngineEvent {
    }

    record FeeTierChanged(int tier, long makerRate, long takerRate) implements EngineEvent {
    }

    record UserFeeTierChanged(long userId, int tier) implements EngineEvent {
    }

    /** Self-trade prevention stopped a match (sent before the order events it causes). */
    record MatchPrevented(PreventedMatch match) implements EngineEvent {
    }
}
