package io.bourse.api.wsapi;

import io.bourse.api.auth.ApiKey;
import io.bourse.api.auth.Authenticator;
import io.bourse.api.auth.Permission;
import io.bourse.api.http.ApiException;
import io.bourse.api.http.Endpoint;
import io.bourse.api.http.JsonOut;
import io.bourse.api.http.Params;
import io.bourse.api.http.Request;
import io.bourse.api.http.WeightLimiter;
import io.bourse.api.userstream.UserSink;
import io.bourse.api.userstream.UserStreams;
import io.vertx.core.MultiMap;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Binance's WebSocket API at {@code /ws-api/v3}: request/response over one connection, each method served by
 * the same handler as its REST endpoint (so answers and errors are identical), plus the user data stream
 * subscription by signature. Signed requests carry {@code apiKey}, {@code timestamp} and {@code signature} in
 * {@code params}; the signed payload is every other parameter sorted by name and joined {@code k=v&…}.
 */
public final class WsApi {
    private static final Logger LOG = LoggerFactory.getLogger(WsApi.class);

    /** WebSocket API method → REST endpoint that answers it. */
    private static final Map<String, String> METHODS = Map.ofEntries(
            Map.entry("ping", "GET /api/v3/ping"), Map.entry("time", "GET /api/v3/time"),
            Map.entry("exchangeInfo", "GET /api/v3/exchangeInfo"), Map.entry("depth", "GET /api/v3/depth"),
            Map.entry("trades.recent", "GET /api/v3/trades"),
            Map.entry("trades.historical", "GET /api/v3/historicalTrades"),
            Map.entry("trades.aggregate", "GET /api/v3/aggTrades"), Map.entry("klines", "GET /api/v3/klines"),
            Map.entry("uiKlines", "GET /api/v3/uiKlines"), Map.entry("avgPrice", "GET /api/v3/avgPrice"),
            Map.entry("ticker.24hr", "GET /api/v3/ticker/24hr"),
            Map.entry("ticker.tradingDay", "GET /api/v3/ticker/tradingDay"), Map.entry("ticker", "GET /api/v3/ticker"),
            Map.entry("ticker.price", "GET /api/v3/ticker/price"),
            Map.entry("ticker.book", "GET /api/v3/ticker/bookTicker"),
            Map.entry("order.place", "POST /api/v3/order"), Map.entry("order.test", "POST /api/v3/order/test"),
            Map.entry("order.status", "GET /api/v3/order"), Map.entry("order.cancel", "DELETE /api/v3/order"),
            Map.entry("openOrders.status", "GET /api/v3/openOrders"),
            Map.entry("openOrders.cancelAll", "DELETE /api/v3/openOrders"),
            Map.entry("allOrders", "GET /api/v3/allOrders"), Map.entry("myTrades", "GET /api/v3/myTrades"),
            Map.entry("myPreventedMatches", "GET /api/v3/myPreventedMatches"),
            Map.entry("order.amendments", "GET /api/v3/order/amendments"),
            Map.entry("order.cancelReplace", "POST /api/v3/order/cancelReplace"),
            Map.entry("order.amend.keepPriority", "PUT /api/v3/order/amend/keepPriority"),
            Map.entry("orderList.place.oco", "POST /api/v3/orderList/oco"),
            Map.entry("orderList.place", "POST /api/v3/order/oco"),
            Map.entry("orderList.status", "GET /api/v3/orderList"),
            Map.entry("orderList.cancel", "DELETE /api/v3/orderList"),
            Map.entry("openOrderLists.status", "GET /api/v3/openOrderList"),
            Map.entry("allOrderLists", "GET /api/v3/allOrderList"),
            Map.entry("account.status", "GET /api/v3/account"),
            Map.entry("account.commission", "GET /api/v3/account/commission"),
            Map.entry("account.rateLimits.orders", "GET /api/v3/rateLimit/order"));

    private final Map<String, Endpoint> endpoints = new HashMap<>();
    private final io.vertx.core.Vertx vertx;
    private final io.bourse.api.auth.ApiKeys keys;
    private final WeightLimiter limiter;
    private final Authenticator auth;
    private final UserStreams userStreams;

    public WsApi(io.vertx.core.Vertx vertx, io.bourse.api.auth.ApiKeys keys, List<Endpoint> restEndpoints,
                 WeightLimiter limiter, Authenticator auth, UserStreams userStreams) {
        this.vertx = vertx;
        this.keys = keys;
        for (Endpoint e : restEndpoints) {
            endpoints.put(e.method().name() + " " + e.path(), e);
        }
        this.limiter = limiter;
        this.auth = auth;
        this.userStreams = userStreams;
    }

    /** One connection: its user data subscriptions (id → the user and the sink attached for it) and its logon. */
    private static final class Session {
        final ServerWebSocket socket;
        final AtomicInteger nextSubscription = new AtomicInteger();
        final Map<Integer, Map.Entry<Long, UserSink>> subscriptions = new ConcurrentHashMap<>();
        final long connectedSince = System.currentTimeMillis();
        volatile ApiKey loggedOn;
        volatile long authorizedSince;

        Session(ServerWebSocket socket) {
            this.socket = socket;
        }
    }

    public void accept(ServerWebSocket ws) {
        Session session = new Session(ws);
        ws.textMessageHandler(text -> {
            String key = apiKeyOf(text);
            if (key == null || keys.answersFromMemory(key)) {
                handle(session, text);
            } else {
                // the key's first use: look it up on a worker thread, never on the event loop
                vertx.executeBlocking(() -> keys.find(key)).onComplete(found -> handle(session, text));
            }
        });
        ws.closeHandler(v -> session.subscriptions.values()
                .forEach(s -> userStreams.detach(s.getKey(), s.getValue())));
    }

    /** The {@code apiKey} parameter of a request's text, found without parsing it, or null. */
    private static String apiKeyOf(String text) {
        int at = text.indexOf("\"apiKey\"");
        if (at < 0) {
            return null;
        }
        int open = text.indexOf('"', text.indexOf(':', at) + 1);
        int close = open < 0 ? -1 : text.indexOf('"', open + 1);
        return close < 0 || close - open > 129 ? null : text.substring(open + 1, close);
    }

    private void handle(Session session, String text) {
        JsonObject request;
        try {
            request = new JsonObject(text);
        } catch (DecodeException | ClassCastException e) {
            reply(session, null, 400, null, new ApiException(400, -1000, "Malformed request."), 0);
            return;
        }
        Object id = request.getValue("id");
        String method = request.getValue("method") instanceof String m ? m.replaceFirst("^v3/", "") : "";
        JsonObject params = request.getValue("params") instanceof JsonObject p ? p : new JsonObject();
        long now = System.currentTimeMillis();
        String ip = session.socket.remoteAddress() == null ? "?" : session.socket.remoteAddress().host();
        Request r;
        try {
            r = request(params, ip, now, session.loggedOn);
        } catch (ApiException e) {
            reply(session, id, e.status(), null, e, 0);
            return;
        }
        switch (method) {
            case "userDataStream.subscribe.signature" -> subscribe(session, id, r);
            case "userDataStream.subscribe" -> {
                if (session.loggedOn == null) {
                    reply(session, id, 401, null, new ApiException(401, -2015,
                            "Invalid API-key, IP, or permissions for action."), 0);
                } else {
                    subscribe(session, id, withSession(r, session.loggedOn, now));
                }
            }
            case "session.logon" -> logon(session, id, r, now);
            case "session.status" -> reply(session, id, 200, status(session, now), null, 0);
            case "session.logout" -> {
                session.loggedOn = null;
                reply(session, id, 200, status(session, now), null, 0);
            }
            case "userDataStream.unsubscribe" -> unsubscribe(session, id, params);
            case "session.subscriptions" -> {
                JsonArray list = new JsonArray();
                session.subscriptions.keySet().forEach(n -> list.add(new JsonObject().put("subscriptionId", n)));
                reply(session, id, 200, list.encode(), null, 0);
            }
            default -> call(session, id, method, r, ip, now);
        }
    }

    private void call(Session session, Object id, String method, Request r, String ip, long now) {
        Endpoint e = METHODS.containsKey(method) ? endpoints.get(METHODS.get(method)) : null;
        if (e == null) {
            reply(session, id, 400, null, new ApiException(400, -1020, "This operation is not supported."), 0);
            return;
        }
        int used = 0;
        try {
            WeightLimiter.Verdict verdict = limiter.charge(ip, e.weight().applyAsInt(r.params()), now);
            used = verdict.usedWeight();
            if (!verdict.allowed()) {
                throw new ApiException(verdict.status(), -1003, "Too much request weight used; current limit is "
                        + limiter.limitPerMinute() + " request weight per 1 MINUTE.");
            }
            int weight = used;
            e.handler().handle(r).onComplete(result -> {
                if (result.succeeded()) {
                    reply(session, id, 200, result.result().toString(), null, weight);
                } else {
                    fail(session, id, result.cause(), weight);
                }
            });
        } catch (RuntimeException ex) {
            fail(session, id, ex, used);
        }
    }

    private void fail(Session session, Object id, Throwable cause, int used) {
        if (cause instanceof ApiException a) {
            reply(session, id, a.status(), null, a, used);
        } else if (cause instanceof ApiException.WithBody b) {
            write(session, id, b.status(), null, b.body().toString(), used);
        } else {
            LOG.error("ws-api: request failed", cause);
            reply(session, id, 500, null, new ApiException(500, -1000,
                    "An unknown error occurred while processing the request."), used);
        }
    }

    private void subscribe(Session session, Object id, Request r) {
        ApiKey key;
        try {
            key = auth.signed(r, Permission.READ);
        } catch (ApiException e) {
            reply(session, id, e.status(), null, e, 0);
            return;
        }
        if (session.subscriptions.values().stream().anyMatch(s -> s.getKey() == key.userId())) {
            reply(session, id, 400, null, new ApiException(400, -2035,
                    "User Data Stream subscription already active."), 0);
            return;
        }
        int subscriptionId = session.nextSubscription.getAndIncrement();
        UserSink sink = event -> session.socket.writeTextMessage("{\"subscriptionId\":" + subscriptionId
                + ",\"event\":" + event + "}");
        session.subscriptions.put(subscriptionId, Map.entry(key.userId(), sink));
        userStreams.attach(key.userId(), sink);
        reply(session, id, 200, "{\"subscriptionId\":" + subscriptionId + "}", null, 0);
    }

    /**
     * {@code session.logon}: a signed request binds its Ed25519 key to the connection (as on Binance, HMAC keys
     * cannot log on); later requests may then omit {@code apiKey} and {@code signature}.
     */
    private void logon(Session session, Object id, Request r, long now) {
        ApiKey key;
        try {
            key = auth.signed(new Request(r.method(), r.path(), r.params(), r.headers(), r.clientIp(), r.nowMs(),
                    r.responseHeaders(), null, null, null), Permission.READ);
        } catch (ApiException e) {
            reply(session, id, e.status(), null, e, 0);
            return;
        }
        if (key.ed25519() == null) {
            reply(session, id, 400, null, new ApiException(400, -4056, "HMAC_SHA256 API key is not supported."), 0);
            return;
        }
        session.loggedOn = key;
        session.authorizedSince = now;
        reply(session, id, 200, status(session, now), null, 0);
    }

    private static String status(Session session, long now) {
        ApiKey key = session.loggedOn;
        return new JsonObject().put("apiKey", key == null ? null : key.key())
                .put("authorizedSince", key == null ? null : session.authorizedSince)
                .put("connectedSince", session.connectedSince).put("returnRateLimits", true).put("serverTime", now)
                .put("userDataStream", !session.subscriptions.isEmpty()).encode();
    }

    /** A request that carries the session's key as if it were signed now (the subscribe that needs no params). */
    private static Request withSession(Request r, ApiKey key, long now) {
        TreeMap<String, String> values = new TreeMap<>();
        values.put("timestamp", Long.toString(now));
        return new Request(r.method(), r.path(), Params.ofDecoded(values, "timestamp=" + now), r.headers(),
                r.clientIp(), now, r.responseHeaders(), null, null, key);
    }

    private void unsubscribe(Session session, Object id, JsonObject params) {
        Integer only = params.getValue("subscriptionId") instanceof Number n ? n.intValue() : null;
        if (only != null && !session.subscriptions.containsKey(only)) {
            reply(session, id, 400, null, new ApiException(400, -2036,
                    "User Data Stream subscription not active."), 0);
            return;
        }
        session.subscriptions.entrySet().removeIf(s -> {
            if (only == null || s.getKey().equals(only)) {
                userStreams.detach(s.getValue().getKey(), s.getValue().getValue());
                return true;
            }
            return false;
        });
        reply(session, id, 200, "{}", null, 0);
    }

    /** A REST-shaped request from WebSocket API params: the key from {@code apiKey}, the payload sorted. */
    private static Request request(JsonObject params, String ip, long now, ApiKey sessionKey) {
        TreeMap<String, String> values = new TreeMap<>();
        for (Map.Entry<String, Object> e : params) {
            Object v = e.getValue();
            values.put(e.getKey(), v instanceof JsonArray a ? a.encode() : String.valueOf(v));
        }
        StringBuilder payload = new StringBuilder();
        values.forEach((k, v) -> {
            if (!k.equals("signature")) {
                payload.append(payload.isEmpty() ? "" : "&").append(k).append('=').append(v);
            }
        });
        if (values.containsKey("signature")) {
            // as a REST client would send it: percent-encoded (an Ed25519 signature is base64, with '+' and '/')
            payload.append("&signature=").append(java.net.URLEncoder.encode(values.get("signature"),
                    java.nio.charset.StandardCharsets.UTF_8));
        }
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        if (values.containsKey("apiKey")) {
            headers.set(Authenticator.KEY_HEADER, values.get("apiKey"));
        }
        return new Request("WS", "/ws-api/v3", Params.ofDecoded(values, payload.toString()), headers, ip, now,
                MultiMap.caseInsensitiveMultiMap(), null, null, sessionKey);
    }

    private void reply(Session session, Object id, int status, String result, ApiException error, int used) {
        write(session, id, status, result, error == null ? null : new JsonObject().put("code", error.code())
                .put("msg", error.getMessage()).encode(), used);
    }

    /** Writes a response: {@code result} JSON on success, else {@code error} JSON ({@code code}, {@code msg}…). */
    private void write(Session session, Object id, int status, String result, String error, int used) {
        JsonObject rate = new JsonObject().put("rateLimitType", "REQUEST_WEIGHT").put("interval", "MINUTE")
                .put("intervalNum", 1).put("limit", limiter.limitPerMinute()).put("count", used);
        StringBuilder out = new StringBuilder("{\"id\":").append(JsonOut.id(id)).append(",\"status\":").append(status);
        if (error == null) {
            out.append(",\"result\":").append(result);
        } else {
            out.append(",\"error\":").append(error);
        }
        out.append(",\"rateLimits\":[").append(rate.encode()).append("]}");
        session.socket.writeTextMessage(out.toString());
    }

}
