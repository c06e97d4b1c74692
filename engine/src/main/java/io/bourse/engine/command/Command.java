package io.bourse.engine.command;

/**
 * Everything that changes the engine's state arrives as one of these. Amounts are in the asset's smallest
 * unit; prices in quote units per whole base unit (see {@link io.bourse.engine.market.SymbolSpec}).
 * Sequence number and time travel beside the command (see {@link io.bourse.engine.Engine#apply}).
 */
public sealed interface Command permits
        AddAsset, AddSymbol, SetSymbolStatus, SetFeeTier, SetUserFeeTier,
        Deposit, WithdrawHold, WithdrawSettle, WithdrawRelease,
        PlaceOrder, CancelOrder, CancelReplace, AmendOrder, MoveOrder, CancelAllOrders, PlaceOco, TestOrder {
}
