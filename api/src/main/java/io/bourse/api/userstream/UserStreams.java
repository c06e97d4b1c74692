package io.bourse.api.userstream;

import com.fasterxml.jackson.core.JsonGenerator;
import io.bourse.api.http.Decimals;
import io.bourse.api.http.JsonOut;
import io.bourse.api.http.WireFormat;
import io.bourse.api.userdata.CancelAllIds;
import io.bourse.api.userdata.UserData;
import io.bourse.engine.ExecType;
import io.bourse.engine.PreventedMatch;
import io.bourse.engine.TimeInForce;
import io.bourse.engine.command.CancelAllOrders;
import io.bourse.engine.command.CancelOrder;
import io.bourse.engine.command.CancelReplace;
import io.bourse.engine.command.Command;
import io.bourse.engine.event.EngineEvent;
import io.bourse.engine.event.OrderState;
import io.bourse.engine.event.TradeState;
import io.bourse.engine.market.SymbolSpec;
import io.bourse.marketdata.Listing;
import io.bourse.marketdata.MarketData;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Binance's user data events, made from the engine's events as the user-data reader applies them, and sent to
 * every sink of the user they concern: {@code executionReport} per order change and per fill (each side its own),
 * {@code balanceUpdate} per deposit or withdrawal, then one {@code outboundAccountPosition} per user with the
 * assets that changed.
 */
public final class UserStreams implements UserData.Listener {
    private final MarketData md;
    private final ConcurrentHashMap<Long, Set<UserSink>> sinks = new ConcurrentHashMap<>();

    public UserStreams(UserData users, MarketData md) {
        this.md = md;
        users.addListener(this);
    }

    public void attach(long userId, UserSink sink) {
        sinks.computeIfAbsent(userId, k -> ConcurrentHashMap.newKeySet()).add(sink);
    }

    public void detach(long userId, UserSink sink) {
        Set<UserSink> set = sinks.get(userId);
        if (set != null) {
            set.remove(sink);
        }
    }

    @Override
    public void onEvents(long sequence, long timestampMs, Command command, List<EngineEvent> events) {
        if (sinks.isEmpty()) {
            return;
        }
        // a cancel's own client id (c), as the REST answer gave it
        java.util.function.LongFunction<String> cancelId = switch (command) {
            case CancelOrder c -> orderId -> c.newClientOrderId();
            case CancelReplace c -> orderId -> c.cancel().newClientOrderId();
            case CancelAllOrders c -> orderId -> CancelAllIds.of(sequence, orderId);
            default -> orderId -> null;
        };
        Listing listing = md.listing();
        Map<Long, List<String>> out = new LinkedHashMap<>();
        Map<Long, Set<Integer>> changedAssets = new LinkedHashMap<>();
        Map<Long, Map<Integer, long[]>> balances = new LinkedHashMap<>();
        PreventedMatch prevented = null;
        for (EngineEvent e : events) {
            switch (e) {
                case EngineEvent.MatchPrevented p -> prevented = p.match();
                case EngineEvent.OrderUpdated u -> {
                    if (wanted(u.order().userId())) {
                        String report = executionReport(listing, u.order(), execType(u.execType()), null, timestampMs,
                                u.execType() == ExecType.CANCELED ? cancelId.apply(u.order().orderId()) : null,
                                u.execType() == ExecType.TRADE_PREVENTION ? prevented : null);
                        add(out, u.order().userId(), report);
                    }
                }
                case EngineEvent.TradeExecuted t -> {
                    if (wanted(t.taker().userId())) {
                        add(out, t.taker().userId(), executionReport(listing, t.taker(), "TRADE", t.trade(),
                                timestampMs, null, null));
                    }
                    if (wanted(t.maker().userId())) {
                        add(out, t.maker().userId(), executionReport(listing, t.maker(), "TRADE", t.trade(),
                                timestampMs, null, null));
                    }
                }
                case EngineEvent.FundsMoved f -> {
                    if (wanted(f.userId())) {
                        add(out, f.userId(), balanceUpdate(listing, f, timestampMs));
                    }
                }
                case EngineEvent.BalanceChanged b -> {
                    if (wanted(b.userId())) {
                        changedAssets.computeIfAbsent(b.userId(), k -> new LinkedHashSet<>()).add(b.assetId());
                        balances.computeIfAbsent(b.userId(), k -> new LinkedHashMap<>())
                                .put(b.assetId(), new long[]{b.free(), b.locked()});
                    }
                }
                default -> {
                }
            }
        }
        listStatuses(listing, events, timestampMs, out);
        balances.forEach((user, assets) -> add(out, user, accountPosition(listing, assets, timestampMs)));
        out.forEach((user, payloads) -> {
            for (UserSink sink : sinks.getOrDefault(user, Set.of())) {
                payloads.forEach(sink::send);
            }
        });
    }

    /**
     * One {@code listStatus} per order list a command touched, after its orders' reports: the legs seen, and
     * ALL_DONE once none of them is open any more.
     */
    private void listStatuses(Listing listing, List<EngineEvent> events, long eventTime, Map<Long, List<String>> out) {
        Map<Long, Map<Long, OrderState>> lists = new LinkedHashMap<>();
        for (EngineEvent e : events) {
            List<OrderState> orders = switch (e) {
                case EngineEvent.OrderUpdated u -> List.of(u.order());
                case EngineEvent.TradeExecuted t -> List.of(t.taker(), t.maker());
                default -> List.of();
            };
            for (OrderState o : orders) {
                if (o.orderListId() >= 0 && wanted(o.userId())) {
                    lists.computeIfAbsent(o.orderListId(), k -> new LinkedHashMap<>()).put(o.orderId(), o);
                }
            }
        }
        lists.forEach((listId, legs) -> {
            OrderState any = legs.values().iterator().next();
            boolean done = legs.values().stream().noneMatch(o -> o.status().isOpen());
            SymbolSpec s = listing.symbols().get(any.symbolId());
            add(out, any.userId(), JsonOut.string(g -> {
                g.writeStartObject();
                g.writeStringField("e", "listStatus");
                g.writeNumberField("E", eventTime);
                g.writeStringField("s", s.name());
                g.writeNumberField("g", listId);
                g.writeStringField("c", "OCO");
                g.writeStringField("l", done ? "ALL_DONE" : "EXEC_STARTED");
                g.writeStringField("L", done ? "ALL_DONE" : "EXECUTING");
                g.writeStringField("r", "NONE");
                g.writeStringField("C", any.listClientOrderId() == null ? "" : any.listClientOrderId());
                g.writeNumberField("T", eventTime);
                g.writeArrayFieldStart("O");
                for (OrderState o : legs.values()) {
                    g.writeStartObject();
                    g.writeStringField("s", s.name());
                    g.writeNumberField("i", o.orderId());
                    g.writeStringField("c", o.clientOrderId());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }));
        });
    }

    private boolean wanted(long userId) {
        Set<UserSink> set = sinks.get(userId);
        return set != null && !set.isEmpty();
    }

    private static void add(Map<Long, List<String>> out, long user, String payload) {
        out.computeIfAbsent(user, k -> new ArrayList<>()).add(payload);
    }

    private static String execType(ExecType t) {
        return switch (t) {
            case TRIGGERED -> "NEW";
            default -> t.name();
        };
    }

    /**
     * {@code cancelId}: on a cancel, the cancel request's own client id ({@code c}; the order's goes in {@code C}).
     * {@code prevented}: on a TRADE_PREVENTION report, the match that self-trade prevention stopped (the STP keys).
     */
    private static String executionReport(Listing listing, OrderState o, String execType, TradeState trade,
                                          long eventTime, String cancelId, PreventedMatch prevented) {
        SymbolSpec s = listing.symbols().get(o.symbolId());
        WireFormat w = WireFormat.of(listing, s);
        return JsonOut.string(g -> {
            g.writeStartObject();
            g.writeStringField("e", "executionReport");
            g.writeNumberField("E", eventTime);
            g.writeStringField("s", s.name());
            g.writeStringField("c", cancelId != null ? cancelId : o.clientOrderId());
            g.writeStringField("S", o.side().name());
            g.writeStringField("o", o.type().name());
            g.writeStringField("f", (o.timeInForce() == null ? TimeInForce.GTC : o.timeInForce()).name());
            g.writeStringField("q", w.qty(o.origQty()));
            g.writeStringField("p", w.price(o.type() == io.bourse.engine.OrderType.MARKET ? 0 : o.price()));
            g.writeStringField("P", w.price(o.stopPrice()));
            g.writeStringField("F", w.qty(o.icebergQty()));
            g.writeNumberField("g", o.orderListId());
            g.writeStringField("C", execType.equals("CANCELED") ? o.clientOrderId() : "");
            g.writeStringField("x", execType);
            g.writeStringField("X", o.status().name());
            g.writeStringField("r", "NONE");
            g.writeNumberField("i", o.orderId());
            fill(g, listing, s, w, o, trade);
            g.writeNumberField("T", trade == null ? o.updatedTimeMs() : trade.timeMs());
            g.writeNumberField("t", trade == null ? -1 : trade.tradeId());
            g.writeNumberField("I", 0);
            g.writeBooleanField("w", o.isOnBook());
            g.writeBooleanField("m", trade != null && (trade.buyerOrderId() == o.orderId()) == trade.buyerIsMaker());
            g.writeBooleanField("M", false);
            g.writeNumberField("O", o.createdTimeMs());
            g.writeStringField("Z", w.quote(o.cumQuoteQty()));
            g.writeStringField("Y", trade == null ? w.quote(0) : w.quote(trade.quoteQty()));
            g.writeStringField("Q", w.quote(o.quoteOrderQty()));
            g.writeNumberField("W", o.workingTimeMs());
            g.writeStringField("V", o.stpMode().name());
            if (prevented != null) {
                g.writeNumberField("v", prevented.preventedMatchId());
                g.writeStringField("A", w.qty(o.preventedQty()));
                g.writeStringField("B", w.qty(prevented.makerPreventedQty()));
                g.writeNumberField("u", -1);
                g.writeNumberField("U", prevented.takerOrderId() == o.orderId() ? prevented.makerOrderId()
                        : prevented.takerOrderId());
                g.writeStringField("Cs", s.name());
            }
            g.writeEndObject();
        });
    }

    /** Last fill quantity, cumulative quantity, last price and the commission of this side of the fill. */
    private static void fill(JsonGenerator g, Listing listing, SymbolSpec s, WireFormat w, OrderState o,
                             TradeState trade) throws IOException {
        g.writeStringField("l", w.qty(trade == null ? 0 : trade.qty()));
        g.writeStringField("z", w.qty(o.executedQty()));
        g.writeStringField("L", w.price(trade == null ? 0 : trade.price()));
        if (trade == null) {
            g.writeStringField("n", "0");
            g.writeNullField("N");
            return;
        }
        boolean buyer = trade.buyerOrderId() == o.orderId();
        int asset = buyer ? s.baseAssetId() : s.quoteAssetId();
        g.writeStringField("n", Decimals.format(buyer ? trade.buyerFee() : trade.sellerFee(),
                listing.asset(asset).scale()));
        g.writeStringField("N", listing.asset(asset).name());
    }

    private static String balanceUpdate(Listing listing, EngineEvent.FundsMoved f, long eventTime) {
        return JsonOut.string(g -> {
            g.writeStartObject();
            g.writeStringField("e", "balanceUpdate");
            g.writeNumberField("E", eventTime);
            g.writeStringField("a", listing.asset(f.assetId()).name());
            g.writeStringField("d", Decimals.format(f.delta(), listing.asset(f.assetId()).scale()));
            g.writeNumberField("T", eventTime);
            g.writeEndObject();
        });
    }

    private static String accountPosition(Listing listing, Map<Integer, long[]> assets, long eventTime) {
        return JsonOut.string(g -> {
            g.writeStartObject();
            g.writeStringField("e", "outboundAccountPosition");
            g.writeNumberField("E", eventTime);
            g.writeNumberField("u", eventTime);
            g.writeArrayFieldStart("B");
            for (Map.Entry<Integer, long[]> a : assets.entrySet()) {
                int scale = listing.asset(a.getKey()).scale();
                g.writeStartObject();
                g.writeStringField("a", listing.asset(a.getKey()).name());
                g.writeStringField("f", Decimals.format(a.getValue()[0], scale));
                g.writeStringField("l", Decimals.format(a.getValue()[1], scale));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }
}
