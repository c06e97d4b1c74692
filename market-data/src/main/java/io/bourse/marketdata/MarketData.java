package io.bourse.marketdata;

import io.bourse.engine.Engine;
import io.bourse.engine.command.Command;
import io.bourse.engine.event.EngineEvent;
import io.bourse.engine.event.OrderState;
import io.bourse.engine.market.SymbolSpec;
import io.bourse.runtime.event.EncodedEvents;
import io.bourse.runtime.pipeline.EventConsumer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The market-data reader: follows the engine's events into one {@link SymbolMarket} per symbol, which the REST
 * endpoints and streams read. It starts from the engine's state at start-up (books and listings) and keeps
 * nothing across restarts itself; trade history that must survive restarts lives in the history store.
 */
public final class MarketData implements EventConsumer {
    /** How far back start-up reloads trades: a rolling day of tickers and minute klines, with room. */
    private static final long RELOAD_MS = 25 * 3_600_000L;
    private static final int RELOAD_MAX_TRADES = 200_000;

    private final TradeHistory history;
    private final List<MarketDataListener> listeners = new CopyOnWriteArrayList<>();
    private volatile Listing listing = Listing.EMPTY;
    private volatile List<SymbolMarket> markets = List.of();
    private volatile long lastEventTimeMs;

    // per-command scratch (consumer thread only)
    private final List<Trade> commandTrades = new ArrayList<>();
    private final List<AggTrade> commandAggTrades = new ArrayList<>();

    public MarketData() {
        this(TradeHistory.NONE);
    }

    /** Market data that reloads the last day of trades from {@code history} at start-up. */
    public MarketData(TradeHistory history) {
        this.history = history;
    }

    @Override
    public String name() {
        return "market-data";
    }

    @Override
    public long lastAppliedSequence() {
        return FROM_NOW;
    }

    public void addListener(MarketDataListener listener) {
        listeners.add(listener);
    }

    public Listing listing() {
        return listing;
    }

    /** The market of a listed symbol, by engine id. */
    public SymbolMarket market(int symbolId) {
        return markets.get(symbolId);
    }

    public List<SymbolMarket> markets() {
        return markets;
    }

    /** Engine time of the last command seen (the exchange's clock as the events tell it). */
    public long lastEventTimeMs() {
        return lastEventTimeMs;
    }

    @Override
    public void startFrom(Engine engine) {
        Listing l = Listing.of(engine.assets(), engine.symbols());
        List<SymbolMarket> list = new ArrayList<>();
        for (SymbolSpec s : l.symbols()) {
            list.add(new SymbolMarket(s));
        }
        engine.books().forEachOpenOrder(o -> {
            if (o.isOnBook()) {
                list.get(o.symbolId()).follow(o.orderId(), o.side(), o.price(), o.visibleQty());
            }
        });
        for (SymbolMarket m : list) {
            for (TradeHistory.PastTrade t : history.since(m.spec().id(), engine.lastTimestampMs() - RELOAD_MS,
                    RELOAD_MAX_TRADES)) {
                m.trade(t.id(), t.price(), t.qty(), t.quoteQty(), t.timeMs(), t.buyerIsMaker(), t.takerOrderId());
            }
            m.endAggregate();
        }
        this.listing = l;
        this.markets = List.copyOf(list);
        this.lastEventTimeMs = engine.lastTimestampMs();
    }

    @Override
    public void onCommand(long sequence, long timestampMs, Command command, EncodedEvents events) {
        lastEventTimeMs = timestampMs;
        if (events.count() == 0) {
            return;
        }
        SymbolMarket locked = null;
        try {
            for (EngineEvent e : events.decode()) {
                switch (e) {
                    case EngineEvent.OrderUpdated u -> {
                        locked = lockFor(locked, u.order().symbolId());
                        follow(locked, u.order());
                    }
                    case EngineEvent.TradeExecuted t -> {
                        locked = lockFor(locked, t.trade().symbolId());
                        follow(locked, t.taker());
                        follow(locked, t.maker());
                        commandTrades.add(locked.trade(t.trade().tradeId(), t.trade().price(), t.trade().qty(),
                                t.trade().quoteQty(), t.trade().timeMs(), t.trade().buyerIsMaker(),
                                t.taker().orderId()));
                        AggTrade agg = locked.lastAggTrade();
                        if (!commandAggTrades.isEmpty() && commandAggTrades.getLast().id() == agg.id()) {
                            commandAggTrades.set(commandAggTrades.size() - 1, agg);
                        } else {
                            commandAggTrades.add(agg);
                        }
                    }
                    case EngineEvent.AssetAdded a -> listing = listing.withAsset(a.asset());
                    case EngineEvent.SymbolUpdated s -> updateSymbol(s.symbol());
                    default -> {
                    }
                }
            }
            if (locked != null) {
                locked.endAggregate();
                publish(locked, timestampMs);
            }
        } finally {
            if (locked != null) {
                locked.lock.unlock();
            }
            commandTrades.clear();
            commandAggTrades.clear();
        }
    }

    private SymbolMarket lockFor(SymbolMarket locked, int symbolId) {
        SymbolMarket m = markets.get(symbolId);
        if (m != locked) {
            if (locked != null) {
                locked.endAggregate();
                locked.lock.unlock();
            }
            m.lock.lock();
        }
        return m;
    }

    private static void follow(SymbolMarket m, OrderState o) {
        m.follow(o.orderId(), o.side(), o.price(), o.visibleQty());
    }

    private void updateSymbol(SymbolSpec s) {
        listing = listing.withSymbol(s);
        if (s.id() < markets.size()) {
            markets.get(s.id()).spec(s);
        } else {
            List<SymbolMarket> list = new ArrayList<>(markets);
            list.add(new SymbolMarket(s));
            markets = List.copyOf(list);
        }
    }

    private void publish(SymbolMarket m, long timestampMs) {
        if (listeners.isEmpty()) {
            return;
        }
        BookTicker ticker = m.changedTicker();
        List<Trade> trades = commandTrades.isEmpty() ? List.of() : List.copyOf(commandTrades);
        List<AggTrade> aggs = commandAggTrades.isEmpty() ? List.of() : List.copyOf(commandAggTrades);
        for (MarketDataListener l : listeners) {
            if (!trades.isEmpty()) {
                l.onTrades(m, timestampMs, trades, aggs);
            }
            if (ticker != null) {
                l.onBookTicker(m, ticker);
            }
        }
    }
}
