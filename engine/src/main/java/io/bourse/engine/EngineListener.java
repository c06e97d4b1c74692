package io.bourse.engine;

import io.bourse.engine.book.OrderView;
import io.bourse.engine.book.TradeView;
import io.bourse.engine.market.AssetSpec;
import io.bourse.engine.market.SymbolSpec;

/**
 * Everything the engine tells the world, one callback per event, called synchronously on the engine thread
 * while a command is applied. Within one command the order is: order and trade events as they happen, then one
 * {@link #onBalance} per balance the command changed.
 *
 * <p><b>Note:</b> views are reused by the engine and valid only during the callback. Implementations must not
 * call back into the engine.
 */
public interface EngineListener {
    EngineListener NONE = new EngineListener() {
    };

    /** The command was rejected and changed nothing. */
    default void onRejected(RejectReason reason) {
    }

    default void onAssetAdded(AssetSpec asset) {
    }

    /** A symbol was listed or its status changed. */
    default void onSymbolUpdated(SymbolSpec symbol) {
    }

    default void onFeeTier(int tier, long makerRate, long takerRate) {
    }

    default void onUserFeeTier(long userId, int tier) {
    }

    /** An order was accepted, cancelled, expired, amended, moved or triggered (fills come as {@link #onTrade}). */
    default void onOrder(OrderView order, ExecType execType) {
    }

    /** A fill; {@code taker} and {@code maker} show both orders after it. */
    default void onTrade(TradeView trade, OrderView taker, OrderView maker) {
    }

    /** A balance's new value (sent once per changed balance at the end of each command). */
    default void onBalance(long userId, int assetId, long free, long locked) {
    }

    /** Self-trade prevention stopped a match; sent before the order events it causes. */
    default void onPreventedMatch(PreventedMatch match) {
    }

    /** Funds entered, were held for, left, or returned from a withdrawal. */
    default void onFundsMoved(long userId, int assetId, long delta, FundsMovement movement, long referenceId) {
    }
}
