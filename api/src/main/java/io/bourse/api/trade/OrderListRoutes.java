package io.bourse.api.trade;

import com.fasterxml.jackson.core.JsonGenerator;
import io.bourse.api.auth.ApiKey;
import io.bourse.api.auth.Permission;
import io.bourse.api.http.ApiException;
import io.bourse.api.http.Endpoint;
import io.bourse.api.http.JsonOut;
import io.bourse.api.http.Params;
import io.bourse.api.http.Request;
import io.bourse.api.http.WireFormat;
import io.bourse.engine.command.CancelOrder;
import io.bourse.engine.command.PlaceOco;
import io.bourse.engine.event.EngineEvent;
import io.bourse.engine.event.OrderState;
import io.bourse.engine.market.SymbolSpec;
import io.bourse.history.History;
import io.bourse.marketdata.Listing;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** OCO order lists: placing one, cancelling one by its id, and the list queries. */
final class OrderListRoutes extends SignedRoutes {
    OrderListRoutes(SignedContext context) {
        super(context);
    }

    List<Endpoint> endpoints() {
        return List.of(
                Endpoint.of(HttpMethod.POST, "/api/v3/orderList/oco", 1, r -> placeOco(r, OcoRequests::parse)),
                Endpoint.of(HttpMethod.POST, "/api/v3/order/oco", 1, r -> placeOco(r, OcoRequests::parseDeprecated)),
                Endpoint.of(HttpMethod.DELETE, "/api/v3/orderList", 1, this::cancelList),
                Endpoint.of(HttpMethod.GET, "/api/v3/orderList", 4, r -> lists(r, false, true)),
                Endpoint.of(HttpMethod.GET, "/api/v3/openOrderList", 6, r -> lists(r, true, false)),
                Endpoint.of(HttpMethod.GET, "/api/v3/allOrderList", 20, r -> lists(r, false, false)));
    }

    /** How an endpoint's parameters make an OCO command. */
    private interface OcoParser {
        PlaceOco parse(Params p, SymbolSpec s, int baseScale, int quoteScale, long userId);
    }

    /**
     * An OCO pair ({@code orderList/oco}, or the deprecated {@code order/oco}): one list object with both legs'
     * reports.
     */
    private Future<Buffer> placeOco(Request r, OcoParser parser) {
        ApiKey key = auth.signed(r, Permission.TRADE);
        Params p = r.params();
        Market m = market(p);
        PlaceOco command = parser.parse(p, m.spec(), scale(m.spec().baseAssetId()), scale(m.spec().quoteAssetId()),
                key.userId());
        countOrder(key, r);
        return submit(command).map(result -> {
            List<EngineEvent> events = acceptedEvents(result);
            java.util.LinkedHashMap<Long, OrderState> legs = new java.util.LinkedHashMap<>();
            for (EngineEvent e : events) {
                if (e instanceof EngineEvent.OrderUpdated u && u.order().userId() == key.userId()
                        && (legs.size() < 2 || legs.containsKey(u.order().orderId()))) {
                    legs.put(u.order().orderId(), u.order());
                } else if (e instanceof EngineEvent.TradeExecuted t && legs.containsKey(t.taker().orderId())) {
                    legs.put(t.taker().orderId(), t.taker());
                }
            }
            return JsonOut.write(g -> writeList(g, m, legs.values().iterator().next().orderListId(), false,
                    command.listClientOrderId(), result.timestampMs(), List.copyOf(legs.values())));
        });
    }

    /**
     * Order list queries (without order reports, as Binance answers them): one list by {@code orderListId} or by
     * its client id ({@code origClientOrderId}), the open lists, or all lists (from {@code fromId}, or within a time
     * range, else the newest; at most {@code limit}). Lists the user-data reader no longer holds (closed long ago,
     * or before a restart) come from the history store; what the reader holds is newer and wins.
     */
    private Future<Buffer> lists(Request r, boolean openOnly, boolean one) {
        ApiKey key = auth.signed(r, Permission.READ);
        Params p = r.params();
        ListRef wanted = one ? ListRef.of(p, "origClientOrderId") : null;
        long fromId = p.optLong("fromId").orElse(0);
        long start = p.optLong("startTime").orElse(0);
        long end = p.optLong("endTime").orElse(Long.MAX_VALUE);
        int limit = p.limit("limit", 500, 1, 1000);
        boolean newest = !one && !p.has("fromId") && !p.has("startTime");
        boolean stored = history != null && !openOnly;
        java.util.function.Supplier<Buffer> query = () -> {
            List<OrderState> listed = storedThenHeld(h -> openOnly ? List.of() : one ? wanted.stored(h, key.userId())
                            : h.listOrders(key.userId(), fromId, start, end, limit, newest),
                    users.user(key.userId()).listOrders(), OrderState::orderId);
            java.util.TreeMap<Long, List<OrderState>> byList = new java.util.TreeMap<>();
            for (OrderState o : listed) {
                byList.computeIfAbsent(o.orderListId(), k -> new ArrayList<>()).add(o);
            }
            // one list by client id: the newest of that name (a name may be used again once a list is done)
            List<List<OrderState>> picked = (one || newest ? byList.descendingMap() : byList).entrySet().stream()
                    .filter(e -> (!one || wanted.matches(e.getValue().getFirst())) && e.getKey() >= fromId)
                    .map(java.util.Map.Entry::getValue)
                    .filter(l -> !openOnly || l.stream().anyMatch(o -> o.status().isOpen()))
                    .filter(l -> l.getFirst().createdTimeMs() >= start && l.getFirst().createdTimeMs() <= end)
                    .limit(limit).toList();
            List<List<OrderState>> chosen = newest ? picked.reversed() : picked;
            if (one && chosen.isEmpty()) {
                throw ApiException.badRequest(-2011, "Order list does not exist.");
            }
            Listing listing = md.listing();
            return JsonOut.write(g -> {
                if (!one) {
                    g.writeStartArray();
                }
                for (List<OrderState> legs : chosen) {
                    SymbolSpec s = listing.symbols().get(legs.getFirst().symbolId());
                    writeList(g, new Market(s, WireFormat.of(listing, s)), legs.getFirst().orderListId(),
                            legs.stream().noneMatch(o -> o.status().isOpen()), listClientId(legs.getFirst()),
                            legs.getFirst().createdTimeMs(), legs, false);
                }
                if (!one) {
                    g.writeEndArray();
                }
            });
        };
        return stored ? afterAcknowledgedWritesWithHistory(query) : afterAcknowledgedWrites(query);
    }

    /** An order list object: EXEC_STARTED / EXECUTING while working, ALL_DONE once done, with its legs. */
    private static void writeList(JsonGenerator g, Market m, long listId, boolean done, String listClientId,
                                  long transactionTime, List<OrderState> legs) throws IOException {
        writeList(g, m, listId, done, listClientId, transactionTime, legs, true);
    }

    private static void writeList(JsonGenerator g, Market m, long listId, boolean done, String listClientId,
                                  long transactionTime, List<OrderState> legs, boolean reports) throws IOException {
        g.writeStartObject();
        g.writeNumberField("orderListId", listId);
        g.writeStringField("contingencyType", "OCO");
        g.writeStringField("listStatusType", done ? "ALL_DONE" : "EXEC_STARTED");
        g.writeStringField("listOrderStatus", done ? "ALL_DONE" : "EXECUTING");
        g.writeStringField("listClientOrderId", listClientId);
        g.writeNumberField("transactionTime", transactionTime);
        g.writeStringField("symbol", m.spec().name());
        g.writeArrayFieldStart("orders");
        for (OrderState o : legs) {
            g.writeStartObject();
            g.writeStringField("symbol", m.spec().name());
            g.writeNumberField("orderId", o.orderId());
            g.writeStringField("clientOrderId", o.clientOrderId());
            g.writeEndObject();
        }
        g.writeEndArray();
        if (reports) {
            g.writeArrayFieldStart("orderReports");
            for (OrderState o : legs) {
                OrderJson.query(g, m.wire(), o);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    /**
     * Cancels an open order list by its id or its client id (cancelling either leg ends the list): ALL_DONE with
     * both legs' reports.
     */
    private Future<Buffer> cancelList(Request r) {
        ApiKey key = auth.signed(r, Permission.TRADE);
        Params p = r.params();
        Market m = market(p);
        ListRef wanted = ListRef.of(p, "listClientOrderId");
        String cancelId = OrderRequests.clientId(p, "newClientOrderId");
        return caughtUp().compose(ignored -> {
            OrderState leg = users.user(key.userId()).openOrders(m.spec().id()).stream()
                    .filter(wanted::matches).findFirst()
                    .orElseThrow(() -> ApiException.badRequest(-2011, "Order list does not exist."));
            return submit(CancelOrder.byId(m.spec().id(), key.userId(), leg.orderId()).withNewClientOrderId(cancelId));
        }).map(result -> {
            List<OrderState> legs = acceptedEvents(result).stream()
                    .filter(e -> e instanceof EngineEvent.OrderUpdated u && wanted.matches(u.order()))
                    .map(e -> ((EngineEvent.OrderUpdated) e).order()).toList();
            OrderState first = legs.getFirst();
            return JsonOut.write(g -> writeList(g, m, first.orderListId(), true, listClientId(first),
                    result.timestampMs(), legs));
        });
    }

    private static String listClientId(OrderState leg) {
        return leg.listClientOrderId() == null ? "" : leg.listClientOrderId();
    }

    /** A list named by {@code orderListId} or by its client id; with both, they must agree. */
    private record ListRef(long listId, String clientId) {
        static ListRef of(Params p, String clientIdParam) {
            long id = p.optLong("orderListId").orElse(-1);
            String clientId = OrderRequests.clientId(p, clientIdParam);
            if (id < 0 && clientId == null) {
                throw ApiException.badRequest(-1102, "Param '" + clientIdParam
                        + "' or 'orderListId' must be sent, but both were empty/null!");
            }
            return new ListRef(id, clientId);
        }

        /** Its legs in the history store (the list with this id, or the newest with this client id). */
        List<OrderState> stored(History history, long userId) {
            return listId >= 0 ? history.listOrders(userId, listId, 0, Long.MAX_VALUE, 1, false)
                    : history.listOrdersByClientId(userId, clientId);
        }

        boolean matches(OrderState leg) {
            return leg.orderListId() >= 0 && (listId < 0 || leg.orderListId() == listId)
                    && (clientId == null || clientId.equals(leg.listClientOrderId()));
        }
    }
}
