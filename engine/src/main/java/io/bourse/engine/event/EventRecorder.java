package io.bourse.engine.event;

import io.bourse.engine.EngineListener;
import io.bourse.engine.ExecType;
import io.bourse.engine.FundsMovement;
import io.bourse.engine.RejectReason;
import io.bourse.engine.book.OrderView;
import io.bourse.engine.book.TradeView;
import io.bourse.engine.market.AssetSpec;
import io.bourse.engine.market.SymbolSpec;

import java.util.List;

/**
 * Copies every callback into an {@link EngineEvent} appended to the current target list, or drops them without
 * copying while the target is null (a replay nobody listens to).
 */
public final class EventRecorder implements EngineListener {
    private List<EngineEvent> target;

    /** Events from now on go to {@code list}; null drops them. */
    public void recordInto(List<EngineEvent> list) {
        this.target = list;
    }

    @Override
    public void onRejected(RejectReason reason) {
        if (target != null) {
            target.add(new EngineEvent.Rejected(reason));
        }
    }

    @Override
    public void onAssetAdded(AssetSpec asset) {
        if (target != null) {
            target.add(new EngineEvent.AssetAdded(asset));
        }
    }

    @Override
    public void onSymbolUpdated(SymbolSpec symbol) {
        if (target != null) {
            target.add(new EngineEvent.SymbolUpdated(symbol));
        }
    }

    @Override
    public void onFeeTier(int tier, long makerRate, long takerRate) {
        if (target != null) {
            target.add(new EngineEvent.FeeTierChanged(tier, makerRate, takerRate));
        }
    }

    @Override
    public void onUserFeeTier(long userId, int tier) {
        if (target != null) {
            target.add(new EngineEvent.UserFeeTierChanged(userId, tier));
        }
    }

    @Override
    public void onOrder(OrderView order, ExecType execType) {
        if (target != null) {
            target.add(new EngineEvent.OrderUpdated(OrderState.of(order), execType));
        }
    }

    @Override
    public void onTrade(TradeView trade, OrderView taker, OrderView maker) {
        if (target != null) {
            target.add(new EngineEvent.TradeExecuted(TradeState.of(trade), OrderState.of(taker), OrderState.of(maker)));
        }
    }

    @Override
    public void onBalance(long userId, int assetId, long free, long locked) {
        if (target != null) {
            target.add(new EngineEvent.BalanceChanged(userId, assetId, free, locked));
        }
    }

    @Override
    public void onFundsMoved(long userId, int assetId, long delta, FundsMovement movement, long referenceId) {
        if (target != null) {
            target.add(new EngineEvent.FundsMoved(userId, assetId, delta, movement, referenceId));
        }
    }
}
