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
import io.bourse.api.userdata.CancelAllIds;
import io.bourse.engine.CancelRestriction;
import io.bourse.engine.RejectReason;
import io.bourse.engine.command.AmendOrder;
import io.bourse.engine.command.CancelAllOrders;
import io.bourse.engine.command.CancelOrder;
import io.bourse.engine.command.CancelReplace;
import io.bourse.engine.command.TestOrder;
import io.bourse.engine.event.EngineEvent;
import io.bourse.engine.event.OrderState;
import io.bourse.engine.event.TradeState;
import io.bourse.marketdata.Listing;
import io.bourse.runtime.pipeline.CommandResult;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;

import java.io.IOException;
import java.util.List;

/** Placing, testing, cancelling, cancel-replacing and amending orders: commands to the core, answers from their events. */
final class OrderRoutes extends SignedRoutes {
    OrderRoutes(SignedContext context) {
        super(context);
    }

    List<Endpoint> endpoints() {
        return List.of(
                Endpoint.of(HttpMethod.POST, "/api/v3/order", 1, this::placeOrder),
                new Endpoint(HttpMethod.POST, "/api/v3/order/test",
                        p -> "true".equalsIgnoreCase(p.get("computeCommissionRates")) ? 20 : 1, this::testOrder),
                Endpoint.of(HttpMethod.DELETE, "/api/v3/order", 1, this::cancelOrder),
                Endpoint.of(HttpMethod.DELETE, "/api/v3/openOrders", 1, this::cancelAll),
                Endpoint.of(HttpMethod.POST, "/api/v3/order/cancelReplace", 1, this::cancelReplace),
                Endpoint.of(HttpMethod.PUT, "/api/v3/order/amend/keepPriority", 4, this::amend));
    }

    private Future<Buffer> placeOrder(Request r) {
        ApiKey key = auth.signed(r, Permission.TRADE);
        Market m = market(r.params());
        OrderRequests.NewOrder order = OrderRequests.parse(r.params(), m.spec(), scale(m.spec().baseAssetId()),
                scale(m.spec().quoteAssetId()), key.userId());
        countOrder(key, r);
        return submit(order.command()).map(result -> placed(m, order, result));
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
        WireFormat w = m.wire();
        Listing listing = md.listing();
        g.writeStartObject();
        g.writeStringField("symbol", m.spec().name());
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
                int feeAsset = buyer ? m.spec().baseAssetId() : m.spec().quoteAssetId();
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
        OrderRequests.NewOrder order = OrderRequests.parse(r.params(), m.spec(), scale(m.spec().baseAssetId()),
                scale(m.spec().quoteAssetId()), key.userId());
        boolean withRates = r.params().optBoolean("computeCommissionRates");
        // the engine checks status, shape and filters exactly as it would place the order, and places nothing
        return submit(new TestOrder(order.command())).map(result -> {
            acceptedEvents(result);
            if (!withRates) {
                return JsonOut.EMPTY_OBJECT.copy();
            }
            long[] rates = users.feeRates(users.user(key.userId()).feeTier());
            return JsonOut.write(g -> {
                g.writeStartObject();
                CommissionJson.write(g, "ForOrder", rates, false);
                g.writeEndObject();
            });
        });
    }

    private Future<Buffer> cancelOrder(Request r) {
        ApiKey key = auth.signed(r, Permission.TRADE);
        Params p = r.params();
        Market m = market(p);
        OrderRequests.OrderRef ref = OrderRequests.orderRef(p, "orderId", "origClientOrderId");
        String cancelId = requestedOrNewClientId(p);
        return submit(new CancelOrder(m.spec().id(), key.userId(), ref.orderId(), ref.clientOrderId(), cancelId,
                OrderRequests.cancelRestriction(p)))
                .map(result -> {
                    List<OrderState> cancelled = cancelled(acceptedEvents(result));
                    return JsonOut.write(g -> OrderJson.cancel(g, m.wire(), cancelled.getFirst(), cancelId,
                            result.timestampMs()));
                });
    }

    private Future<Buffer> cancelAll(Request r) {
        ApiKey key = auth.signed(r, Permission.TRADE);
        Market m = market(r.params());
        return submit(new CancelAllOrders(m.spec().id(), key.userId())).map(result -> {
            List<OrderState> cancelled = cancelled(acceptedEvents(result));
            return JsonOut.write(g -> {
                g.writeStartArray();
                for (OrderState o : cancelled) {
                    OrderJson.cancel(g, m.wire(), o, CancelAllIds.of(result.sequence(), o.orderId()),
                            result.timestampMs());
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
        CancelRestriction restriction = OrderRequests.cancelRestriction(p);
        boolean cancelOnlyWhenLimited = rateLimitExceededMode(p);
        OrderRequests.NewOrder order = OrderRequests.parse(p, m.spec(), scale(m.spec().baseAssetId()),
                scale(m.spec().quoteAssetId()), key.userId());
        CancelOrder cancel = new CancelOrder(m.spec().id(), key.userId(), cancelRef.orderId(),
                cancelRef.clientOrderId(), cancelClientId, restriction);
        try {
            countOrder(key, r);
        } catch (ApiException limited) {
            if (cancelOnlyWhenLimited && limited.code() == -1015) {
                return cancelOnly(m, cancel, limited);
            }
            throw limited;
        }
        CancelReplace command = new CancelReplace(cancel, order.command(), mode.equals("ALLOW_FAILURE"));
        return submit(command).map(result -> {
            List<EngineEvent> events = appliedEvents(result);
            List<OrderState> cancelled = cancelled(events);
            OrderState placed = newOrder(events, key.userId());
            RejectReason reason = result.reject();
            boolean notAttempted = cancelled.isEmpty() && mode.equals("STOP_ON_FAILURE");
            String newOrderResult = placed != null ? "SUCCESS" : notAttempted ? "NOT_ATTEMPTED" : "FAILURE";
            return cancelReplaceAnswer(m, cancelled, cancelClientId, result, newOrderResult, g -> {
                if (placed != null) {
                    writePlaced(g, m, order, events, result.timestampMs());
                } else if (notAttempted) {
                    g.writeNull();
                } else {
                    JsonOut.error(g, reason.code(), reason.message());
                }
            });
        });
    }

    /** {@code orderRateLimitExceededMode}: whether the cancel still goes ahead when the new order is over the limit. */
    private static boolean rateLimitExceededMode(Params p) {
        String mode = p.get("orderRateLimitExceededMode");
        if (mode == null || mode.equals("DO_NOTHING")) {
            return false;
        }
        if (mode.equals("CANCEL_ONLY")) {
            return true;
        }
        throw ApiException.illegalChars("orderRateLimitExceededMode", "DO_NOTHING, CANCEL_ONLY");
    }

    /**
     * A cancel-replace whose new order is over the ORDERS limit, with {@code CANCEL_ONLY}: the cancel alone, then
     * 409 -2021 (or 400 -2022 when the cancel failed too) with the limit's error as the new order's answer.
     */
    private Future<Buffer> cancelOnly(Market m, CancelOrder cancel, ApiException limited) {
        return submit(cancel).map(result -> cancelReplaceAnswer(m, cancelled(appliedEvents(result)),
                cancel.newClientOrderId(), result, "FAILURE",
                g -> JsonOut.error(g, limited.code(), limited.getMessage())));
    }

    /**
     * Binance's cancelReplace answer: the two halves' results and responses, as they are when both succeeded (200);
     * otherwise wrapped in {@code code}, {@code msg} and {@code data} and thrown: 400 -2022 when neither half was
     * done, 409 -2021 when one was.
     */
    private static Buffer cancelReplaceAnswer(Market m, List<OrderState> cancelled, String cancelClientId,
                                              CommandResult result, String newOrderResult,
                                              JsonOut.Writer newOrderResponse) {
        boolean cancelDone = !cancelled.isEmpty();
        boolean placeDone = newOrderResult.equals("SUCCESS");
        Buffer body = JsonOut.write(g -> {
            g.writeStartObject();
            if (!cancelDone || !placeDone) {
                g.writeNumberField("code", cancelDone || placeDone ? -2021 : -2022);
                g.writeStringField("msg", cancelDone || placeDone ? "Order cancel-replace partially failed."
                        : "Order cancel-replace failed.");
                g.writeObjectFieldStart("data");
            }
            g.writeStringField("cancelResult", cancelDone ? "SUCCESS" : "FAILURE");
            g.writeStringField("newOrderResult", newOrderResult);
            g.writeFieldName("cancelResponse");
            if (cancelDone) {
                OrderJson.cancel(g, m.wire(), cancelled.getFirst(), cancelClientId, result.timestampMs());
            } else {
                JsonOut.error(g, result.reject().code(), result.reject().message());
            }
            g.writeFieldName("newOrderResponse");
            newOrderResponse.write(g);
            if (!cancelDone || !placeDone) {
                g.writeEndObject();
            }
            g.writeEndObject();
        });
        if (!cancelDone || !placeDone) {
            throw new ApiException.WithBody(cancelDone || placeDone ? 409 : 400, body);
        }
        return body;
    }

    /** Lowers an open order's quantity keeping its place in the queue ({@code order/amend/keepPriority}). */
    private Future<Buffer> amend(Request r) {
        ApiKey key = auth.signed(r, Permission.TRADE);
        Params p = r.params();
        Market m = market(p);
        OrderRequests.OrderRef ref = OrderRequests.orderRef(p, "orderId", "origClientOrderId");
        long newQty = OrderRequests.decimal(p, "newQty", scale(m.spec().baseAssetId()), true);
        // as on Binance, the amended order gets a new client id: the one sent, or one made up
        String newClientId = requestedOrNewClientId(p);
        AmendOrder amend = new AmendOrder(m.spec().id(), key.userId(), ref.orderId(), ref.clientOrderId(), newQty,
                newClientId);
        // the id it had, for the answer: named in the request, or read once the user's earlier commands are seen
        Future<String> before = ref.clientOrderId() != null ? Future.succeededFuture(ref.clientOrderId())
                : caughtUp().map(v -> {
                    OrderState known = users.user(key.userId()).order(ref.orderId());
                    return known == null ? null : known.clientOrderId();
                });
        return before.compose(origClientId -> submit(amend)
                .map(result -> {
                    OrderState o = acceptedEvents(result).stream()
                            .filter(e -> e instanceof EngineEvent.OrderUpdated u
                                    && u.execType() == io.bourse.engine.ExecType.REPLACED)
                            .map(e -> ((EngineEvent.OrderUpdated) e).order()).findFirst().orElseThrow();
                    WireFormat w = m.wire();
                    return JsonOut.write(g -> {
                        g.writeStartObject();
                        g.writeNumberField("transactTime", result.timestampMs());
                        g.writeNumberField("executionId", result.sequence());
                        g.writeObjectFieldStart("amendedOrder");
                        g.writeStringField("symbol", m.spec().name());
                        g.writeNumberField("orderId", o.orderId());
                        g.writeNumberField("orderListId", o.orderListId());
                        g.writeStringField("origClientOrderId", origClientId);
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
                }));
    }

    /** The request's {@code newClientOrderId}, or a new one when it sends none (a cancel's id, an amended order's). */
    private static String requestedOrNewClientId(Params p) {
        String id = OrderRequests.clientId(p, "newClientOrderId");
        return id == null ? OrderRequests.generatedClientId() : id;
    }

    private static List<OrderState> cancelled(List<EngineEvent> events) {
        return events.stream().filter(e -> e instanceof EngineEvent.OrderUpdated u
                        && u.execType() == io.bourse.engine.ExecType.CANCELED)
                .map(e -> ((EngineEvent.OrderUpdated) e).order()).toList();
    }
}
