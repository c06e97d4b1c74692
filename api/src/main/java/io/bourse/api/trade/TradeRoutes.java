package io.bourse.api.trade;

import com.fasterxml.jackson.core.JsonGenerator;
import io.bourse.api.auth.ApiKey;
import io.bourse.api.auth.Authenticator;
import io.bourse.api.auth.Permission;
import io.bourse.api.http.ApiException;
import io.bourse.api.http.Endpoint;
import io.bourse.api.http.JsonOut;
import io.bourse.api.http.Params;
import io.bourse.api.http.Request;
import io.bourse.api.http.WireFormat;
import io.bourse.api.userdata.UserData;
import io.bourse.api.userdata.UserState;
import io.bourse.api.userdata.UserTrade;
import io.bourse.engine.RejectReason;
import io.bourse.engine.command.AmendOrder;
import io.bourse.engine.command.CancelAllOrders;
import io.bourse.engine.command.CancelOrder;
import io.bourse.engine.command.CancelReplace;
import io.bourse.engine.command.Command;
import io.bourse.engine.command.PlaceOco;
import io.bourse.engine.event.EngineEvent;
import io.bourse.engine.event.OrderState;
import io.bourse.engine.event.TradeState;
import io.bourse.engine.market.Rates;
import io.bourse.engine.market.SymbolSpec;
import io.bourse.history.History;
import io.bourse.marketdata.Listing;
import io.bourse.marketdata.MarketData;
import io.bourse.runtime.ExchangeCore;
import io.bourse.runtime.pipeline.CommandResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The signed endpoints: placing, cancelling and querying orders, the account and its trades. Commands go to the
 * core; answers are built from the events the engine returned. Queries read the user-data reader, after waiting
 * (briefly) until it has applied the caller's own last command, so a client always reads its own writes.
 */
public final class TradeRoutes {
    private static final long READ_YOUR_WRITES_TIMEOUT_MS = 2_000;

    private final Vertx vertx;
    private final ExchangeCore core;
    private final MarketData md;
    private final UserData users;
    private final Authenticator auth;
    private final History history;
    private final OrderLimiter orders;
    private final ConcurrentHashMap<Long, Long> lastAcknowledged = new ConcurrentHashMap<>();

    /** {@code history} may be null: then queries answer from the user-data reader's memory only. */
    public TradeRoutes(Vertx vertx, ExchangeCore core, MarketData md, UserData users, Authenticator auth,
                       History history, int ordersPer10s, int ordersPerDay) {
        this.orders = new OrderLimiter(ordersPer10s, ordersPerDay);
        this.vertx = vertx;
        this.core = core;
        this.md = md;
        this.users = users;
        this.auth = auth;
        this.history = history;
    }

    public List<Endpoint> endpoints() {
        return List.of(
                Endpoint.of(HttpMethod.POST, "/api/v3/order", 1, this::placeOrder),
                Endpoint.of(HttpMethod.POST, "/api/v3/order/test", 1, this::testOrder),
                Endpoint.of(HttpMethod.DELETE, "/api/v3/order", 1, this::cancelOrder),
                Endpoint.of(HttpMethod.DELETE, "/api/v3/openOrders", 1, this::cancelAll),
                Endpoint.of(HttpMethod.POST, "/api/v3/order/cancelReplace", 1, this::cancelReplace),
                Endpoint.of(HttpMethod.PUT, "/api/v3/order/amend/keepPriority", 4, this::amend),
                Endpoint.of(HttpMethod.POST, "/api/v3/orderList/oco", 1, this::placeOco),
                Endpoint.of(HttpMethod.DELETE, "/api/v3/orderList", 1, this::cancelList),
                Endpoint.of(HttpMethod.GET, "/api/v3/orderList", 4, r -> lists(r, false, true)),
                Endpoint.of(HttpMethod.GET, "/api/v3/openOrderList", 6, r -> lists(r, true, false)),
                Endpoint.of(HttpMethod.GET, "/api/v3/allOrderList", 20, r -> lists(r, false, false)),
                Endpoint.of(HttpMethod.GET, "/api/v3/order", 4, this::queryOrder),
                new Endpoint(HttpMethod.GET, "/api/v3/openOrders", p -> p.has("symbol") ? 6 : 80, this::openOrders),
                Endpoint.of(HttpMethod.GET, "/api/v3/allOrders", 20, this::allOrders),
                Endpoint.of(HttpMethod.GET, "/api/v3/account", 20, this::account),
                new Endpoint(HttpMethod.GET, "/api/v3/myTrades", p -> p.has("orderId") ? 5 : 20, this::myTrades),
                Endpoint.of(HttpMethod.GET, "/api/v3/rateLimit/order", 40, this::rateLimits),
                Endpoint.of(HttpMethod.GET, "/api/v3/account/commission", 20, this::commission));
    }

    // ------------------------------------------------------------------ helpers

    private record Market(SymbolSpec spec, WireFormat wire) {
    }

    private Market market(Params p) {
        String name = p.require("symbol");
        Listing listing = md.listing();
        SymbolSpec s = listing.symbol(name).orElseThrow(ApiException::invalidSymbol);
        return new Market(s, WireFormat.of(listing, s));
    }

    /** Submits a command; the future completes on the caller's Vert.x context with the result. */
    private Future<CommandResult> submit(long userId, Command command) {
        Context context = vertx.getOrCreateContext();
        Promise<CommandResult> promise = Promise.promise();
        core.submit(command, result -> context.runOnContext(v -> {
            if (result.sequence() > 0) {
                lastAcknowledged.merge(userId, result.sequence(), Math::max);
            }
            promise.complete(result);
        }));
        return promise.future();
    }

    /** A command's outcome: the engine's refusal as a Binance error, or the events to answer from. */
    private static List<EngineEvent> acceptedEvents(CommandResult r) {
        if (r.status() == CommandResult.Status.REJECTED) {
            throw ApiException.badRequest(r.reject().code(), r.reject().message());
        }
        return appliedEvents(r);
    }

    /** The events of a command the engine applied, accepted or refused; a journal failure or stop is an error. */
    private static List<EngineEvent> appliedEvents(CommandResult r) {
        return switch (r.status()) {
            case ACCEPTED, REJECTED -> r.events();
            case UNKNOWN -> throw new ApiException(503, -1007, "Timeout waiting for response from backend server. "
                    + "Send status unknown; execution status unknown.");
            case REFUSED -> throw new ApiException(503, -1008,
                    "Server is currently overloaded with other requests. Please try again in a few minutes.");
        };
    }

    /** Runs {@code query}, which reads memory only, once the user-data reader has applied the user's last command. */
    private Future<Buffer> afterOwnWrites(long userId, java.util.function.Supplier<Buffer> query) {
        return caughtUp(userId).map(v -> query.get());
    }

    /** As {@link #afterOwnWrites}, for a query that may read the history store (then on a worker thread). */
    private Future<Buffer> afterOwnWritesWithHistory(long userId, java.util.function.Supplier<Buffer> query) {
        return caughtUp(userId).compose(v -> history == null ? Future.succeededFuture(query.get())
                : vertx.executeBlocking(query::get));
    }

    /** Completes once the user-data reader has applied this user's last acknowledged command (or after 2 s). */
    private Future<Void> caughtUp(long userId) {
        long wanted = lastAcknowledged.getOrDefault(userId, 0L);
        if (users.lastSequence() >= wanted) {
            return Future.succeededFuture();
        }
        Promise<Void> caughtUp = Promise.promise();
        long deadline = System.currentTimeMillis() + READ_YOUR_WRITES_TIMEOUT_MS;
        vertx.setPeriodic(1, id -> {
            if (users.lastSequence() >= wanted || System.currentTimeMillis() > deadline) {
                vertx.cancelTimer(id);
                caughtUp.complete();
            }
        });
        return caughtUp.future();
    }

    // ------------------------------------------------------------------ orders

    private Future<Buffer> placeOrder(Request r) {
        ApiKey key = auth.signed(r, Permission.TRADE);
        Market m = market(r.params());
        OrderRequests.NewOrder order = OrderRequests.parse(r.params(), m.spec, scale(m.spec.baseAssetId()),
                scale(m.spec.quoteAssetId()), key.userId());
        countOrder(key, r);
        return submit(key.userId(), order.command()).map(result -> placed(m, order, result));
    }

    /** Counts a new order against the account's ORDERS limits (not for unlimited keys) and reports the counts. */
    private void countOrder(ApiKey key, Request r) {
        OrderLimiter.Usage usage = key.unlimited() ? orders.usage(key.userId(), r.nowMs())
                : orders.charge(key.userId(), r.nowMs());
        r.responseHeaders().set("x-mbx-order-count-10s", Integer.toString(usage.tenSeconds()))
                .set("x-mbx-order-count-1d", Integer.toString(usage.day()));
    }

    private Buffer placed(Market m, OrderRequests.NewOrder order, CommandResult result) {
        List<EngineEvent> events = acceptedEvents(result);
        return JsonOut.write(g -> writePlaced(g, m, order, events, result.timestampMs()));
    }

    /** The new order's first NEW report, then its latest state through its fills, or null if it was not placed. */
    private static OrderState newOrder(List<EngineEvent> events, long userId) {
        OrderState ours = null;
        for (EngineEvent e : events) {
            if (e instanceof EngineEvent.OrderUpdated u && (ours == null
                    ? u.order().userId() == userId && u.execType() == io.bourse.engine.ExecType.NEW
                    : u.order().orderId() == ours.orderId())) {
                ours = u.order();
            } else if (e instanceof EngineEvent.TradeExecuted t && ours != null
                    && t.taker().orderId() == ours.orderId()) {
                ours = t.taker();
            }
        }
        return ours;
    }

    /** The order response (ACK, RESULT or FULL) of the order {@code order} placed, from the command's events. */
    private void writePlaced(JsonGenerator g, Market m, OrderRequests.NewOrder order, List<EngineEvent> events,
                             long transactTime) throws IOException {
        OrderState o = newOrder(events, order.command().userId());
        WireFormat w = m.wire;
        Listing listing = md.listing();
        g.writeStartObject();
        g.writeStringField("symbol", m.spec.name());
        g.writeNumberField("orderId", o.orderId());
        g.writeNumberField("orderListId", o.orderListId());
        g.writeStringField("clientOrderId", o.clientOrderId());
        g.writeNumberField("transactTime", transactTime);
        if (order.respType() != OrderRequests.RespType.ACK) {
            OrderJson.core(g, w, o);
            g.writeNumberField("workingTime", o.workingTimeMs());
            g.writeStringField("selfTradePreventionMode", o.stpMode().name());
            OrderJson.conditional(g, w, o);
        }
        if (order.respType() == OrderRequests.RespType.FULL) {
            g.writeArrayFieldStart("fills");
            for (EngineEvent e : events) {
                if (!(e instanceof EngineEvent.TradeExecuted f) || f.taker().orderId() != o.orderId()) {
                    continue;
                }
                TradeState t = f.trade();
                boolean buyer = t.buyerOrderId() == o.orderId();
                int feeAsset = buyer ? m.spec.baseAssetId() : m.spec.quoteAssetId();
                g.writeStartObject();
                g.writeStringField("price", w.price(t.price()));
                g.writeStringField("qty", w.qty(t.qty()));
                g.writeStringField("commission", io.bourse.api.http.Decimals.format(
                        buyer ? t.buyerFee() : t.sellerFee(), listing.asset(feeAsset).scale()));
                g.writeStringField("commissionAsset", listing.asset(feeAsset).name());
                g.writeNumberField("tradeId", t.tradeId());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private Future<Buffer> testOrder(Request r) {
        ApiKey key = auth.signed(r, Permission.TRADE);
        Market m = market(r.params());
        OrderRequests.parse(r.params(), m.spec, scale(m.spec.baseAssetId()), scale(m.spec.quoteAssetId()),
                key.userId());
        return Future.succeededFuture(JsonOut.EMPTY_OBJECT.copy());
    }

    private Future<Buffer> cancelOrder(Request r) {
        ApiKey key = auth.signed(r, Permission.TRADE);
        Params p = r.params();
        Market m = market(p);
        OrderRequests.OrderRef ref = OrderRequests.orderRef(p, "orderId", "origClientOrderId");
        String cancelId = cancelClientId(p);
        return submit(key.userId(), new CancelOrder(m.spec.id(), key.userId(), ref.orderId(), ref.clientOrderId()))
                .map(result -> {
                    List<OrderState> cancelled = cancelled(acceptedEvents(result));
                    return JsonOut.write(g -> OrderJson.cancel(g, m.wire, cancelled.getFirst(), cancelId,
                            result.timestampMs()));
                });
    }

    private Future<Buffer> cancelAll(Request r) {
        ApiKey key = auth.signed(r, Permission.TRADE);
        Market m = market(r.params());
        return submit(key.userId(), new CancelAllOrders(m.spec.id(), key.userId())).map(result -> {
            List<OrderState> cancelled = cancelled(acceptedEvents(result));
            return JsonOut.write(g -> {
                g.writeStartArray();
                for (OrderState o : cancelled) {
                    OrderJson.cancel(g, m.wire, o, OrderRequests.generatedClientId(), result.timestampMs());
                }
                g.writeEndArray();
            });
        });
    }

    /**
     * Cancels an order and places another in one command. The outcome is read from the events, since a partial
     * success still changes the book: both done → 200; the cancel failed under STOP_ON_FAILURE or both failed →
     * 400 with -2022; one of the two done → 409 with -2021; each with Binance's {@code data} object.
     */
    private Future<Buffer> cancelReplace(Request r) {
        ApiKey key = auth.signed(r, Permission.TRADE);
        Params p = r.params();
        Market m = market(p);
        String mode = p.require("cancelReplaceMode");
        if (!mode.equals("STOP_ON_FAILURE") && !mode.equals("ALLOW_FAILURE")) {
            throw ApiException.invalidValue("cancelReplaceMode");
        }
        OrderRequests.OrderRef cancelRef = OrderRequests.orderRef(p, "cancelOrderId", "cancelOrigClientOrderId");
        String cancelNewId = OrderRequests.clientId(p, "cancelNewClientOrderId");
        String cancelClientId = cancelNewId == null ? OrderRequests.generatedClientId() : cancelNewId;
        OrderRequests.NewOrder order = OrderRequests.parse(p, m.spec, scale(m.spec.baseAssetId()),
                scale(m.spec.quoteAssetId()), key.userId());
        countOrder(key, r);
        CancelReplace command = new CancelReplace(new CancelOrder(m.spec.id(), key.userId(), cancelRef.orderId(),
                cancelRef.clientOrderId()),
                order.command(), mode.equals("ALLOW_FAILURE"));
        return submit(key.userId(), command).map(result -> {
            List<EngineEvent> events = appliedEvents(result);
            List<OrderState> cancelled = cancelled(events);
            OrderState placed = newOrder(events, key.userId());
            RejectReason reason = result.reject();
            Buffer body = JsonOut.write(g -> {
                boolean both = !cancelled.isEmpty() && placed != null;
                g.writeStartObject();
                if (!both) {
                    g.writeNumberField("code", cancelled.isEmpty() && placed == null ? -2022 : -2021);
                    g.writeStringField("msg", cancelled.isEmpty() && placed == null
                            ? "Order cancel-replace failed." : "Order cancel-replace partially failed.");
                    g.writeObjectFieldStart("data");
                }
                g.writeStringField("cancelResult", cancelled.isEmpty() ? "FAILURE" : "SUCCESS");
                g.writeStringField("newOrderResult", placed != null ? "SUCCESS"
                        : cancelled.isEmpty() && mode.equals("STOP_ON_FAILURE") ? "NOT_ATTEMPTED" : "FAILURE");
                g.writeFieldName("cancelResponse");
                if (cancelled.isEmpty()) {
                    error(g, reason);
                } else {
                    OrderJson.cancel(g, m.wire, cancelled.getFirst(), cancelClientId, result.timestampMs());
                }
                g.writeFieldName("newOrderResponse");
                if (placed != null) {
                    writePlaced(g, m, order, events, result.timestampMs());
                } else if (cancelled.isEmpty() && mode.equals("STOP_ON_FAILURE")) {
                    g.writeNull();
                } else {
                    error(g, reason);
                }
                if (!both) {
                    g.writeEndObject();
                }
                g.writeEndObject();
            });
            if (cancelled.isEmpty() || placed == null) {
                throw new ApiException.WithBody(cancelled.isEmpty() && placed == null ? 400 : 409, body);
            }
            return body;
        });
    }

    private static void error(JsonGenerator g, RejectReason reason) throws IOException {
        g.writeStartObject();
        g.writeNumberField("code", reason.code());
        g.writeStringField("msg", reason.message());
        g.writeEndObject();
    }

    /** Lowers an open order's quantity keeping its place in the queue ({@code order/amend/keepPriority}). */
    private Future<Buffer> amend(Request r) {
        ApiKey key = auth.signed(r, Permission.TRADE);
        Params p = r.params();
        Market m = market(p);
        OrderRequests.OrderRef ref = OrderRequests.orderRef(p, "orderId", "origClientOrderId");
        long newQty = OrderRequests.decimal(p, "newQty", scale(m.spec.baseAssetId()), true);
        return submit(key.userId(), new AmendOrder(m.spec.id(), key.userId(), ref.orderId(), ref.clientOrderId(),
                newQty))
                .map(result -> {
                    OrderState o = acceptedEvents(result).stream()
                            .filter(e -> e instanceof EngineEvent.OrderUpdated u
                                    && u.execType() == io.bourse.engine.ExecType.REPLACED)
                            .map(e -> ((EngineEvent.OrderUpdated) e).order()).findFirst().orElseThrow();
                    WireFormat w = m.wire;
                    return JsonOut.write(g -> {
                        g.writeStartObject();
                        g.writeNumberField("transactTime", result.timestampMs());
                        g.writeNumberField("executionId", result.sequence());
                        g.writeObjectFieldStart("amendedOrder");
                        g.writeStringField("symbol", m.spec.name());
                        g.writeNumberField("orderId", o.orderId());
                        g.writeNumberField("orderListId", o.orderListId());
                        g.writeStringField("origClientOrderId", o.clientOrderId());
                        g.writeStringField("clientOrderId", o.clientOrderId());
                        g.writeStringField("price", w.price(o.price()));
                        g.writeStringField("qty", w.qty(o.origQty()));
                        g.writeStringField("executedQty", w.qty(o.executedQty()));
                        g.writeStringField("preventedQty", w.qty(o.preventedQty()));
                        g.writeStringField("quoteOrderQty", w.quote(o.quoteOrderQty()));
                        g.writeStringField("cumulativeQuoteQty", w.quote(o.cumQuoteQty()));
                        g.writeStringField("status", o.status().name());
                        g.writeStringField("timeInForce", o.timeInForce() == null ? "GTC" : o.timeInForce().name());
                        g.writeStringField("type", o.type().name());
                        g.writeStringField("side", o.side().name());
                        g.writeNumberField("workingTime", o.workingTimeMs());
                        g.writeStringField("selfTradePreventionMode", o.stpMode().name());
                        g.writeEndObject();
                        g.writeEndObject();
                    });
                });
    }

    /** An OCO pair ({@code orderList/oco}): one list object with both legs' reports. */
    private Future<Buffer> placeOco(Request r) {
        ApiKey key = auth.signed(r, Permission.TRADE);
        Params p = r.params();
        Market m = market(p);
        PlaceOco command = OcoRequests.parse(p, m.spec, scale(m.spec.baseAssetId()), scale(m.spec.quoteAssetId()),
                key.userId());
        String listClientId = OrderRequests.clientId(p, "listClientOrderId");
        String listId = listClientId == null ? OrderRequests.generatedClientId() : listClientId;
        countOrder(key, r);
        return submit(key.userId(), command).map(result -> {
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
            return JsonOut.write(g -> writeList(g, m, legs.values().iterator().next().orderListId(), false, listId,
                    result.timestampMs(), List.copyOf(legs.values())));
        });
    }

    /**
     * Order list queries (without order reports, as Binance answers them): one list by {@code orderListId}, the
     * open lists, or all lists still held in memory (from {@code fromId}, within a time range, at most
     * {@code limit}).
     */
    private Future<Buffer> lists(Request r, boolean openOnly, boolean one) {
        ApiKey key = auth.signed(r, Permission.READ);
        Params p = r.params();
        long wanted = one ? p.optLong("orderListId").orElseThrow(() -> ApiException.mandatory("orderListId")) : -1;
        long fromId = p.optLong("fromId").orElse(0);
        long start = p.optLong("startTime").orElse(0);
        long end = p.optLong("endTime").orElse(Long.MAX_VALUE);
        int limit = p.limit("limit", 500, 1, 1000);
        return afterOwnWrites(key.userId(), () -> {
            java.util.TreeMap<Long, List<OrderState>> byList = new java.util.TreeMap<>();
            for (OrderState o : users.user(key.userId()).listOrders()) {
                byList.computeIfAbsent(o.orderListId(), k -> new ArrayList<>()).add(o);
            }
            List<List<OrderState>> chosen = byList.entrySet().stream()
                    .filter(e -> (!one || e.getKey() == wanted) && e.getKey() >= fromId)
                    .map(java.util.Map.Entry::getValue)
                    .filter(legs -> !openOnly || legs.stream().anyMatch(o -> o.status().isOpen()))
                    .filter(legs -> legs.getFirst().createdTimeMs() >= start && legs.getFirst().createdTimeMs() <= end)
                    .limit(limit).toList();
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
                            legs.stream().noneMatch(o -> o.status().isOpen()), "", legs.getFirst().createdTimeMs(),
                            legs, false);
                }
                if (!one) {
                    g.writeEndArray();
                }
            });
        });
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
        g.writeStringField("symbol", m.spec.name());
        g.writeArrayFieldStart("orders");
        for (OrderState o : legs) {
            g.writeStartObject();
            g.writeStringField("symbol", m.spec.name());
            g.writeNumberField("orderId", o.orderId());
            g.writeStringField("clientOrderId", o.clientOrderId());
            g.writeEndObject();
        }
        g.writeEndArray();
        if (reports) {
            g.writeArrayFieldStart("orderReports");
            for (OrderState o : legs) {
                OrderJson.query(g, m.wire, o);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    /** Cancels an order list by its id (cancelling either leg ends the list): ALL_DONE with both legs' reports. */
    private Future<Buffer> cancelList(Request r) {
        ApiKey key = auth.signed(r, Permission.TRADE);
        Params p = r.params();
        Market m = market(p);
        long listId = p.optLong("orderListId").orElseThrow(() -> ApiException.mandatory("orderListId"));
        return caughtUp(key.userId()).compose(ignored -> {
            OrderState leg = users.user(key.userId()).openOrders(m.spec.id()).stream()
                    .filter(o -> o.orderListId() == listId).findFirst()
                    .orElseThrow(() -> ApiException.badRequest(-2011, "Order list does not exist."));
            return submit(key.userId(), CancelOrder.byId(m.spec.id(), key.userId(), leg.orderId()));
        }).map(result -> {
            List<OrderState> legs = acceptedEvents(result).stream()
                    .filter(e -> e instanceof EngineEvent.OrderUpdated u && u.order().orderListId() == listId)
                    .map(e -> ((EngineEvent.OrderUpdated) e).order()).toList();
            return JsonOut.write(g -> writeList(g, m, listId, true, "", result.timestampMs(), legs));
        });
    }

    private static String cancelClientId(Params p) {
        String id = OrderRequests.clientId(p, "newClientOrderId");
        return id == null ? OrderRequests.generatedClientId() : id;
    }

    private static List<OrderState> cancelled(List<EngineEvent> events) {
        return events.stream().filter(e -> e instanceof EngineEvent.OrderUpdated u
                        && u.execType() == io.bourse.engine.ExecType.CANCELED)
                .map(e -> ((EngineEvent.OrderUpdated) e).order()).toList();
    }

    private int scale(int assetId) {
        return md.listing().asset(assetId).scale();
    }

    // ------------------------------------------------------------------ queries

    private Future<Buffer> queryOrder(Request r) {
        ApiKey key = auth.signed(r, Permission.READ);
        Params p = r.params();
        Market m = market(p);
        OrderRequests.OrderRef ref = OrderRequests.orderRef(p, "orderId", "origClientOrderId");
        long orderId = ref.orderId();
        String origClientId = ref.clientOrderId();
        return afterOwnWritesWithHistory(key.userId(), () -> {
            UserState u = users.user(key.userId());
            OrderState o = orderId != 0 ? u.order(orderId) : u.orderByClientId(m.spec.id(), origClientId);
            if (o == null && history != null) {
                o = (orderId != 0 ? history.order(key.userId(), orderId)
                        : history.orderByClientId(key.userId(), m.spec.id(), origClientId)).orElse(null);
            }
            if (o == null || o.symbolId() != m.spec.id()
                    || (origClientId != null && !origClientId.equals(o.clientOrderId()))) {
                throw ApiException.badRequest(-2013, "Order does not exist.");
            }
            OrderState found = o;
            return JsonOut.write(g -> OrderJson.query(g, m.wire, found));
        });
    }

    private Future<Buffer> openOrders(Request r) {
        ApiKey key = auth.signed(r, Permission.READ);
        Market m = r.params().has("symbol") ? market(r.params()) : null;
        return afterOwnWrites(key.userId(), () -> orderList(users.user(key.userId())
                .openOrders(m == null ? -1 : m.spec.id())));
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
        return afterOwnWritesWithHistory(key.userId(), () -> {
            java.util.TreeMap<Long, OrderState> merged = new java.util.TreeMap<>();
            if (history != null) {
                (newest ? history.newestOrders(key.userId(), m.spec.id(), limit)
                        : history.orders(key.userId(), m.spec.id(), fromId, Math.max(0, start), end, limit))
                        .forEach(o -> merged.put(o.orderId(), o));
            }
            users.user(key.userId()).allOrders(m.spec.id()).forEach(o -> merged.put(o.orderId(), o));
            List<OrderState> matching = merged.values().stream()
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
        return afterOwnWritesWithHistory(key.userId(), () -> {
            boolean newest = fromId < 0 && start < 0;
            java.util.TreeMap<Long, UserTrade> merged = new java.util.TreeMap<>();
            if (history != null) {
                for (TradeState t : history.userTrades(key.userId(), m.spec.id(), orderId, fromId,
                        Math.max(0, start), end, limit, newest)) {
                    if (t.buyerUserId() == key.userId()) {
                        put(merged, userTrade(m.spec, t, true));
                    }
                    if (t.sellerUserId() == key.userId()) {
                        put(merged, userTrade(m.spec, t, false));
                    }
                }
            }
            users.user(key.userId()).trades(m.spec.id()).forEach(t -> put(merged, t));
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
                    g.writeStringField("symbol", m.spec.name());
                    g.writeNumberField("id", t.tradeId());
                    g.writeNumberField("orderId", t.orderId());
                    g.writeNumberField("orderListId", t.orderListId());
                    g.writeStringField("price", m.wire.price(t.price()));
                    g.writeStringField("qty", m.wire.qty(t.qty()));
                    g.writeStringField("quoteQty", m.wire.quote(t.quoteQty()));
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

    private Future<Buffer> account(Request r) {
        ApiKey key = auth.signed(r, Permission.READ);
        boolean omitZero = "true".equalsIgnoreCase(r.params().get("omitZeroBalances"));
        Listing listing = md.listing();
        return afterOwnWrites(key.userId(), () -> {
            UserState u = users.user(key.userId());
            long[] rates = users.feeRates(u.feeTier());
            return JsonOut.write(g -> {
                g.writeStartObject();
                g.writeNumberField("makerCommission", rates[0] * 10_000 / Rates.ONE);
                g.writeNumberField("takerCommission", rates[1] * 10_000 / Rates.ONE);
                g.writeNumberField("buyerCommission", 0);
                g.writeNumberField("sellerCommission", 0);
                g.writeObjectFieldStart("commissionRates");
                g.writeStringField("maker", io.bourse.api.http.Decimals.format(rates[0], 8));
                g.writeStringField("taker", io.bourse.api.http.Decimals.format(rates[1], 8));
                g.writeStringField("buyer", "0.00000000");
                g.writeStringField("seller", "0.00000000");
                g.writeEndObject();
                g.writeBooleanField("canTrade", key.permissions().contains(Permission.TRADE));
                g.writeBooleanField("canWithdraw", key.permissions().contains(Permission.WITHDRAW));
                g.writeBooleanField("canDeposit", true);
                g.writeBooleanField("brokered", false);
                g.writeBooleanField("requireSelfTradePrevention", false);
                g.writeBooleanField("preventSor", false);
                g.writeNumberField("updateTime", u.updateTimeMs());
                g.writeStringField("accountType", "SPOT");
                g.writeArrayFieldStart("balances");
                for (UserState.Balance b : u.balances()) {
                    if (b.assetId() >= listing.assets().size() || (omitZero && b.free() == 0 && b.locked() == 0)) {
                        continue;
                    }
                    int scale = listing.asset(b.assetId()).scale();
                    g.writeStartObject();
                    g.writeStringField("asset", listing.asset(b.assetId()).name());
                    g.writeStringField("free", io.bourse.api.http.Decimals.format(b.free(), scale));
                    g.writeStringField("locked", io.bourse.api.http.Decimals.format(b.locked(), scale));
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeArrayFieldStart("permissions");
                g.writeString("SPOT");
                g.writeEndArray();
                g.writeNumberField("uid", key.userId());
                g.writeEndObject();
            });
        });
    }

    /** The account's commission rates on a symbol: its fee tier's, no special or tax rates, no discount. */
    private Future<Buffer> commission(Request r) {
        ApiKey key = auth.signed(r, Permission.READ);
        Market m = market(r.params());
        long[] rates = users.feeRates(users.user(key.userId()).feeTier());
        return Future.succeededFuture(JsonOut.write(g -> {
            g.writeStartObject();
            g.writeStringField("symbol", m.spec.name());
            commissionRates(g, "standardCommission", rates[0], rates[1]);
            commissionRates(g, "specialCommission", 0, 0);
            commissionRates(g, "taxCommission", 0, 0);
            g.writeObjectFieldStart("discount");
            g.writeBooleanField("enabledForAccount", false);
            g.writeBooleanField("enabledForSymbol", false);
            g.writeStringField("discountAsset", "BNB");
            g.writeStringField("discount", "0.00000000");
            g.writeEndObject();
            g.writeEndObject();
        }));
    }

    private static void commissionRates(JsonGenerator g, String name, long maker, long taker) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeStringField("maker", io.bourse.api.http.Decimals.format(maker, 8));
        g.writeStringField("taker", io.bourse.api.http.Decimals.format(taker, 8));
        g.writeStringField("buyer", "0.00000000");
        g.writeStringField("seller", "0.00000000");
        g.writeEndObject();
    }

    private Future<Buffer> rateLimits(Request r) {
        ApiKey key = auth.signed(r, Permission.READ);
        OrderLimiter.Usage usage = orders.usage(key.userId(), r.nowMs());
        return Future.succeededFuture(JsonOut.write(g -> {
            g.writeStartArray();
            orderLimit(g, "SECOND", 10, orders.per10Seconds, usage.tenSeconds());
            orderLimit(g, "DAY", 1, orders.perDay, usage.day());
            g.writeEndArray();
        }));
    }

    private static void orderLimit(JsonGenerator g, String interval, int num, int limit, int count)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("rateLimitType", "ORDERS");
        g.writeStringField("interval", interval);
        g.writeNumberField("intervalNum", num);
        g.writeNumberField("limit", limit);
        g.writeNumberField("count", count);
        g.writeEndObject();
    }
}
