package io.bourse.api.trade;

import io.bourse.api.auth.ApiKey;
import io.bourse.api.auth.Permission;
import io.bourse.api.http.ApiException;
import io.bourse.api.http.Endpoint;
import io.bourse.api.http.JsonOut;
import io.bourse.api.http.Params;
import io.bourse.api.http.Request;
import io.bourse.api.http.WireFormat;
import io.bourse.api.userdata.UserState;
import io.bourse.api.userdata.UserTrade;
import io.bourse.engine.PreventedMatch;
import io.bourse.engine.event.OrderState;
import io.bourse.engine.event.TradeState;
import io.bourse.engine.market.SymbolSpec;
import io.bourse.history.OrderAmendment;
import io.bourse.marketdata.Listing;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;

import java.util.List;

/**
 * Order and trade queries: one order, open orders, all orders, the account's trades and prevented matches (memory,
 * then history).
 */
final class OrderQueryRoutes extends SignedRoutes {
    OrderQueryRoutes(SignedContext context) {
        super(context);
    }

    List<Endpoint> endpoints() {
        return List.of(
                Endpoint.of(HttpMethod.GET, "/api/v3/order", 4, this::queryOrder),
                new Endpoint(HttpMethod.GET, "/api/v3/openOrders", p -> p.has("symbol") ? 6 : 80, this::openOrders),
                Endpoint.of(HttpMethod.GET, "/api/v3/allOrders", 20, this::allOrders),
                new Endpoint(HttpMethod.GET, "/api/v3/myTrades", p -> p.has("orderId") ? 5 : 20, this::myTrades),
                Endpoint.of(HttpMethod.GET, "/api/v3/order/amendments", 4, this::amendments),
                new Endpoint(HttpMethod.GET, "/api/v3/myPreventedMatches",
                        p -> p.has("preventedMatchId") ? 2 : 20, this::myPreventedMatches));
    }

    private Future<Buffer> queryOrder(Request r) {
        ApiKey key = auth.signed(r, Permission.READ);
        Params p = r.params();
        Market m = market(p);
        OrderRequests.OrderRef ref = OrderRequests.orderRef(p, "orderId", "origClientOrderId");
        long orderId = ref.orderId();
        String origClientId = ref.clientOrderId();
        return afterAcknowledgedWritesWithHistory(() -> {
            UserState u = users.user(key.userId());
            OrderState o = orderId != 0 ? u.order(orderId) : u.orderByClientId(m.spec().id(), origClientId);
            if (o == null && history != null) {
                o = (orderId != 0 ? history.order(key.userId(), orderId)
                        : history.orderByClientId(key.userId(), m.spec().id(), origClientId)).orElse(null);
            }
            if (o == null || o.symbolId() != m.spec().id()
                    || (origClientId != null && !origClientId.equals(o.clientOrderId()))) {
                throw ApiException.badRequest(-2013, "Order does not exist.");
            }
            OrderState found = o;
            return JsonOut.write(g -> OrderJson.query(g, m.wire(), found));
        });
    }

    private Future<Buffer> openOrders(Request r) {
        ApiKey key = auth.signed(r, Permission.READ);
        Market m = r.params().has("symbol") ? market(r.params()) : null;
        return afterAcknowledgedWrites(() -> orderList(users.user(key.userId())
                .openOrders(m == null ? -1 : m.spec().id())));
    }

    private Future<Buffer> allOrders(Request r) {
        ApiKey key = auth.signed(r, Permission.READ);
        Params p = r.params();
        Market m = market(p);
        long fromId = p.optLong("orderId").orElse(0);
        long start = p.optLong("startTime").orElse(-1);
        long end = p.optLong("endTime").orElse(Long.MAX_VALUE);
        checkRange(start, end);
        int limit = p.limit("limit", 500, 1, 1000);
        boolean newest = fromId == 0 && start < 0;
        return afterAcknowledgedWritesWithHistory(() -> {
            List<OrderState> merged = storedThenHeld(h -> newest ? h.newestOrders(key.userId(), m.spec().id(), limit)
                            : h.orders(key.userId(), m.spec().id(), fromId, Math.max(0, start), end, limit),
                    users.user(key.userId()).allOrders(m.spec().id()), OrderState::orderId);
            List<OrderState> matching = merged.stream()
                    .filter(o -> o.orderId() >= fromId && o.createdTimeMs() >= start && o.createdTimeMs() <= end)
                    .toList();
            return orderList(newest ? matching.subList(Math.max(0, matching.size() - limit), matching.size())
                    : matching.stream().limit(limit).toList());
        });
    }

    private static void checkRange(long start, long end) {
        if (start >= 0 && end != Long.MAX_VALUE && (end < start || end - start > 86_400_000L)) {
            throw ApiException.badRequest(-1127, "More than 24 hours between startTime and endTime.");
        }
    }

    private Buffer orderList(List<OrderState> list) {
        Listing listing = md.listing();
        return JsonOut.write(g -> {
            g.writeStartArray();
            for (OrderState o : list) {
                OrderJson.query(g, WireFormat.of(listing, listing.symbols().get(o.symbolId())), o);
            }
            g.writeEndArray();
        });
    }

    /** The amendments of one order (keepPriority), oldest first, from {@code fromExecutionId} on. */
    private Future<Buffer> amendments(Request r) {
        ApiKey key = auth.signed(r, Permission.READ);
        Params p = r.params();
        Market m = market(p);
        long orderId = p.requireLong("orderId");
        long fromId = p.optLong("fromExecutionId").orElse(0);
        int limit = p.limit("limit", 500, 1, 1000);
        return afterAcknowledgedWritesWithHistory(() -> {
            List<OrderAmendment> page = storedThenHeld(h -> h.amendments(key.userId(), orderId, fromId, limit),
                    users.user(key.userId()).amendments(orderId), OrderAmendment::executionId).stream()
                    .filter(a -> a.symbolId() == m.spec().id() && a.executionId() >= fromId).limit(limit).toList();
            return JsonOut.write(g -> {
                g.writeStartArray();
                for (OrderAmendment a : page) {
                    g.writeStartObject();
                    g.writeStringField("symbol", m.spec().name());
                    g.writeNumberField("orderId", a.orderId());
                    g.writeNumberField("executionId", a.executionId());
                    g.writeStringField("origClientOrderId", a.origClientOrderId());
                    g.writeStringField("newClientOrderId", a.newClientOrderId());
                    g.writeStringField("origQty", m.wire().qty(a.origQty()));
                    g.writeStringField("newQty", m.wire().qty(a.newQty()));
                    g.writeNumberField("time", a.timeMs());
                    g.writeEndObject();
                }
                g.writeEndArray();
            });
        });
    }

    /**
     * The matches self-trade prevention stopped for the account on a symbol: one by {@code preventedMatchId}, or
     * those of an order ({@code orderId}, as taker or maker) from {@code fromPreventedMatchId} on.
     */
    private Future<Buffer> myPreventedMatches(Request r) {
        ApiKey key = auth.signed(r, Permission.READ);
        Params p = r.params();
        Market m = market(p);
        long matchId = p.optLong("preventedMatchId").orElse(-1);
        long orderId = p.optLong("orderId").orElse(-1);
        if (matchId < 0 && orderId < 0) {
            throw ApiException.badRequest(-1102,
                    "Param 'preventedMatchId' or 'orderId' must be sent, but both were empty/null!");
        }
        if (matchId >= 0 && (orderId >= 0 || p.has("fromPreventedMatchId"))) {
            throw ApiException.badCombination();
        }
        long fromId = p.optLong("fromPreventedMatchId").orElse(0);
        int limit = p.limit("limit", 500, 1, 1000);
        return afterAcknowledgedWritesWithHistory(() -> {
            List<PreventedMatch> page = storedThenHeld(
                    h -> h.preventedMatches(key.userId(), m.spec().id(), matchId, orderId, fromId, limit),
                    users.user(key.userId()).preventedMatches(m.spec().id()), PreventedMatch::preventedMatchId).stream()
                    .filter(x -> matchId >= 0 ? x.preventedMatchId() == matchId
                            : (x.takerOrderId() == orderId || x.makerOrderId() == orderId)
                            && x.preventedMatchId() >= fromId)
                    .limit(limit).toList();
            return JsonOut.write(g -> {
                g.writeStartArray();
                for (PreventedMatch x : page) {
                    g.writeStartObject();
                    g.writeStringField("symbol", m.spec().name());
                    g.writeNumberField("preventedMatchId", x.preventedMatchId());
                    g.writeNumberField("takerOrderId", x.takerOrderId());
                    g.writeStringField("makerSymbol", m.spec().name());
                    g.writeNumberField("makerOrderId", x.makerOrderId());
                    g.writeNumberField("tradeGroupId", -1);
                    g.writeStringField("selfTradePreventionMode", x.mode().name());
                    g.writeStringField("price", m.wire().price(x.price()));
                    g.writeStringField("makerPreventedQuantity", m.wire().qty(x.makerPreventedQty()));
                    g.writeNumberField("transactTime", x.timeMs());
                    g.writeEndObject();
                }
                g.writeEndArray();
            });
        });
    }

    private Future<Buffer> myTrades(Request r) {
        ApiKey key = auth.signed(r, Permission.READ);
        Params p = r.params();
        Market m = market(p);
        long orderId = p.optLong("orderId").orElse(-1);
        long fromId = p.optLong("fromId").orElse(-1);
        long start = p.optLong("startTime").orElse(-1);
        long end = p.optLong("endTime").orElse(Long.MAX_VALUE);
        if (fromId >= 0 && (start >= 0 || end != Long.MAX_VALUE)) {
            throw ApiException.badCombination();
        }
        checkRange(start, end);
        int limit = p.limit("limit", 500, 1, 1000);
        Listing listing = md.listing();
        return afterAcknowledgedWritesWithHistory(() -> {
            boolean newest = fromId < 0 && start < 0;
            // memory first: a fill it lets go of after this read is already in the store (see UserState)
            List<UserTrade> held = users.user(key.userId()).trades(m.spec().id());
            java.util.TreeMap<Long, UserTrade> merged = new java.util.TreeMap<>();
            if (history != null) {
                for (TradeState t : history.userTrades(key.userId(), m.spec().id(), orderId, fromId,
                        Math.max(0, start), end, limit, newest)) {
                    if (t.buyerUserId() == key.userId()) {
                        put(merged, userTrade(m.spec(), t, true));
                    }
                    if (t.sellerUserId() == key.userId()) {
                        put(merged, userTrade(m.spec(), t, false));
                    }
                }
            }
            held.forEach(t -> put(merged, t));
            List<UserTrade> trades = merged.values().stream()
                    .filter(t -> (orderId < 0 || t.orderId() == orderId) && t.tradeId() >= fromId
                            && t.timeMs() >= start && t.timeMs() <= end)
                    .toList();
            List<UserTrade> page = fromId >= 0 || start >= 0 ? trades.stream().limit(limit).toList()
                    : trades.subList(Math.max(0, trades.size() - limit), trades.size());
            return JsonOut.write(g -> {
                g.writeStartArray();
                for (UserTrade t : page) {
                    g.writeStartObject();
                    g.writeStringField("symbol", m.spec().name());
                    g.writeNumberField("id", t.tradeId());
                    g.writeNumberField("orderId", t.orderId());
                    g.writeNumberField("orderListId", t.orderListId());
                    g.writeStringField("price", m.wire().price(t.price()));
                    g.writeStringField("qty", m.wire().qty(t.qty()));
                    g.writeStringField("quoteQty", m.wire().quote(t.quoteQty()));
                    g.writeStringField("commission", io.bourse.api.http.Decimals.format(t.commission(),
                            listing.asset(t.commissionAssetId()).scale()));
                    g.writeStringField("commissionAsset", listing.asset(t.commissionAssetId()).name());
                    g.writeNumberField("time", t.timeMs());
                    g.writeBooleanField("isBuyer", t.isBuyer());
                    g.writeBooleanField("isMaker", t.isMaker());
                    g.writeBooleanField("isBestMatch", true);
                    g.writeEndObject();
                }
                g.writeEndArray();
            });
        });
    }

    /** One side of a fill, keyed so a self-trade keeps both its sides. */
    private static void put(java.util.TreeMap<Long, UserTrade> merged, UserTrade t) {
        merged.put(t.tradeId() * 2 + (t.isBuyer() ? 1 : 0), t);
    }

    /** One side of a stored trade as that side's user saw it. */
    private static UserTrade userTrade(SymbolSpec s, TradeState t, boolean buyer) {
        return new UserTrade(s.id(), t.tradeId(), buyer ? t.buyerOrderId() : t.sellerOrderId(), -1, t.price(),
                t.qty(), t.quoteQty(), buyer ? t.buyerFee() : t.sellerFee(),
                buyer ? s.baseAssetId() : s.quoteAssetId(), t.timeMs(), buyer, buyer == t.buyerIsMaker());
    }
}
