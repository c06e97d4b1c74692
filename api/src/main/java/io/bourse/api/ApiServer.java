package io.bourse.api;

import io.bourse.api.account.AccountRoutes;
import io.bourse.api.account.KycRoutes;
import io.bourse.api.account.PageRoutes;
import io.bourse.api.account.WebSessions;
import io.bourse.api.auth.ApiKey;
import io.bourse.api.auth.ApiKeys;
import io.bourse.api.auth.Authenticator;
import io.bourse.api.http.ApiException;
import io.bourse.api.http.Endpoint;
import io.bourse.api.http.JsonOut;
import io.bourse.api.http.Params;
import io.bourse.api.http.Request;
import io.bourse.api.http.WeightLimiter;
import io.bourse.api.rest.MarketRoutes;
import io.bourse.api.stream.StreamHub;
import io.bourse.api.trade.TradeRoutes;
import io.bourse.api.userdata.ReadYourWrites;
import io.bourse.api.userstream.ListenKeys;
import io.bourse.api.userstream.UserStreamRoutes;
import io.bourse.api.userstream.UserStreams;
import io.bourse.api.wsapi.WsApi;
import io.bourse.api.operator.AuditRoutes;
import io.bourse.api.operator.KycReviewRoutes;
import io.bourse.api.operator.WalletOperatorRoutes;
import io.bourse.api.wallet.FiatRoutes;
import io.bourse.api.wallet.SapiWalletRoutes;
import io.bourse.api.wallet.WalletRoutes;
import io.bourse.api.operator.OperatorAuth;
import io.bourse.api.operator.OperatorRoutes;
import io.bourse.marketdata.MarketData;
import io.bourse.platform.Refused;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * The Binance-compatible HTTP server. Every request is weighed against its IP's REQUEST_WEIGHT budget, answered
 * in JSON, and refused with Binance's error body ({@code {"code":…,"msg":…}}) and status; a fault of ours is a
 * 500 with -1000 and a log line, never a stack trace to the client.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private final Vertx vertx;
    private final Listening listening;
    private final StreamHub streams;

    private ApiServer(Vertx vertx, Listening listening, StreamHub streams) {
        this.vertx = vertx;
        this.listening = listening;
        this.streams = streams;
    }

    /**
     * Starts listening on {@code config.host():config.port()} (port 0 picks a free one). The readers in
     * {@code b} must be consumers of its core.
     */
    public static ApiServer start(Vertx vertx, ApiConfig config, Backends b) {
        WeightLimiter limiter = new WeightLimiter(config.weightPerMinute(), config.rawPer5Min(), 3, config.banMs());
        MarketData marketData = b.marketData();
        List<Endpoint> endpoints = new ArrayList<>(new MarketRoutes(marketData, limiter, config, vertx, b.history()).endpoints());
        Authenticator auth = new Authenticator(b.keys());
        ListenKeys listenKeys = new ListenKeys();
        UserStreams userStreams = new UserStreams(b.userData(), marketData);
        ReadYourWrites readYourWrites = new ReadYourWrites(vertx, b.core(), b.userData());
        endpoints.addAll(new TradeRoutes(vertx, b.core(), marketData, b.userData(), auth, b.history(),
                readYourWrites, config.ordersPer10s(), config.ordersPerDay()).endpoints());
        endpoints.addAll(new UserStreamRoutes(auth, listenKeys).endpoints());
        WebSessions web = b.platform() == null ? null : new WebSessions(b.platform().sessions(), config.secureCookies());
        if (web != null) {
            endpoints.addAll(new AccountRoutes(vertx, b.platform(), web, b.keys()).endpoints());
            endpoints.addAll(new KycRoutes(vertx, b.platform(), web).endpoints());
            endpoints.addAll(new PageRoutes().endpoints());
            if (b.wallet() != null) {
                endpoints.addAll(new WalletRoutes(vertx, web, b.wallet()).endpoints());
                endpoints.addAll(new FiatRoutes(vertx, web, b.wallet()).endpoints());
                endpoints.addAll(new SapiWalletRoutes(vertx, auth, marketData, b.userData(), readYourWrites,
                        b.platform(), b.wallet()).endpoints());
            }
        }
        if (b.accounts() != null) {
            OperatorAuth operators = new OperatorAuth(b.operatorToken(), web, b.platform());
            endpoints.addAll(new OperatorRoutes(vertx, b.core(), marketData, b.accounts(), b.platform(), operators)
                    .endpoints());
            if (b.platform() != null) {
                endpoints.addAll(new AuditRoutes(vertx, b.platform(), operators).endpoints());
                endpoints.addAll(new KycReviewRoutes(vertx, b.platform(), operators).endpoints());
                if (b.wallet() != null) {
                    endpoints.addAll(new WalletOperatorRoutes(vertx, b.wallet(), operators).endpoints());
                }
            }
        }
        Router router = Router.router(vertx);
        for (Endpoint e : endpoints) {
            router.route(e.method(), e.path()).handler(ctx -> dispatch(ctx, e, limiter, b.keys()));
        }
        router.route().last().handler(ctx -> send(ctx.response(), 404,
                JsonOut.error(-1000, "Unknown endpoint: " + ctx.request().method() + " " + ctx.request().path()),
                -1));
        StreamHub streams = new StreamHub(vertx, marketData, listenKeys, userStreams, config.streamLimits());
        WsApi wsApi = new WsApi(vertx, b.keys(), endpoints, limiter, auth, userStreams);
        Listening listening = listen(vertx, config, router, ws -> {
            if (ws.path().equals("/ws-api/v3")) {
                wsApi.accept(ws);
            } else {
                streams.accept(ws);
            }
        }, ApiServer::freePort);
        LOG.info("api: listening on http://{}:{} ({} event loops)", config.host(), listening.port(),
                listening.servers());
        return new ApiServer(vertx, listening, streams);
    }

    /**
     * Starts one server per event loop on the same port, each deployed on its own event loop (servers made from one
     * thread would all share that thread's context, hence one loop); Vert.x spreads connections over them. Port 0 is
     * resolved to a free port first, so that every server shares that one; as another process may take that port
     * between the probe and the bind, a failed bind on a probed port is retried with a new one.
     */
    static Listening listen(Vertx vertx, ApiConfig config, Router router,
                            io.vertx.core.Handler<io.vertx.core.http.ServerWebSocket> webSockets,
                            java.util.function.IntSupplier freePorts) {
        boolean probe = config.port() == 0 && config.eventLoops() > 1;
        for (int attempt = 1; ; attempt++) {
            int port = probe ? freePorts.getAsInt() : config.port();
            try {
                return listenOn(vertx, config, router, webSockets, port);
            } catch (java.util.concurrent.CompletionException e) {
                if (!probe || attempt == 5) {
                    throw e;
                }
                LOG.warn("api: probed port {} was taken before the bind ({}); trying another", port,
                        e.getCause() == null ? e : e.getCause().getMessage());
            }
        }
    }

    static int freePort() {
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            return probe.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Listening listenOn(Vertx vertx, ApiConfig config, Router router,
                                      io.vertx.core.Handler<io.vertx.core.http.ServerWebSocket> webSockets, int port) {
        List<HttpServer> servers = java.util.Collections.synchronizedList(new ArrayList<>());
        String deployment = vertx.deployVerticle(() -> new io.vertx.core.VerticleBase() {
                    @Override
                    public io.vertx.core.Future<?> start() {
                        return vertx.createHttpServer().requestHandler(router).webSocketHandler(webSockets)
                                .listen(port, config.host()).onSuccess(servers::add);
                    }
                }, new io.vertx.core.DeploymentOptions().setInstances(Math.max(1, config.eventLoops())))
                .toCompletionStage().toCompletableFuture().join();
        return new Listening(deployment, servers.get(0).actualPort(), servers.size());
    }

    /** The deployment holding the servers (undeploying it closes them), and their port. */
    record Listening(String deployment, int port, int servers) {
    }

    public int port() {
        return listening.port();
    }

    /**
     * Reads the body (a form of at most {@link #MAX_BODY_BYTES}, or an upload of at most the endpoint's limit;
     * form text is parsed by {@link Params}, not by Vert.x, whose form decoder costs an exception per request), then
     * answers.
     */
    private static void dispatch(RoutingContext ctx, Endpoint endpoint, WeightLimiter limiter, ApiKeys keys) {
        io.vertx.core.http.HttpServerRequest request = ctx.request();
        if (request.method() == io.vertx.core.http.HttpMethod.GET) {
            answer(ctx, endpoint, limiter, keys, null);
            return;
        }
        int limit = endpoint.rawBodyLimit() > 0 ? endpoint.rawBodyLimit() : MAX_BODY_BYTES;
        Buffer body = Buffer.buffer();
        request.handler(chunk -> {
            if (body.length() + chunk.length() > limit) {
                request.handler(null);
                send(ctx.response(), 413, JsonOut.error(-1000, "Request body larger than " + limit + " bytes."), -1);
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(v -> {
            if (!ctx.response().ended()) {
                answer(ctx, endpoint, limiter, keys, body);
            }
        });
    }

    /** Looks the request's key up on a worker thread first if that would take the database, then answers. */
    private static void answer(RoutingContext ctx, Endpoint endpoint, WeightLimiter limiter, ApiKeys keys,
                               Buffer body) {
        String key = ctx.request().getHeader(Authenticator.KEY_HEADER);
        if (key == null || key.length() > 128 || keys.answersFromMemory(key)) {
            answerNow(ctx, endpoint, limiter, keys, body);
        } else {
            ctx.vertx().executeBlocking(() -> keys.find(key))
                    .onComplete(found -> answerNow(ctx, endpoint, limiter, keys, body));
        }
    }

    private static void answerNow(RoutingContext ctx, Endpoint endpoint, WeightLimiter limiter, ApiKeys keys,
                                  Buffer body) {
        long now = System.currentTimeMillis();
        String ip = ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().host();
        int used = -1;
        try {
            boolean upload = endpoint.rawBodyLimit() > 0;
            Params params = Params.of(ctx.request().query(),
                    upload || body == null ? null : body.toString(java.nio.charset.StandardCharsets.UTF_8));
            if (!unlimited(ctx.request().getHeader(Authenticator.KEY_HEADER), keys)) {
                WeightLimiter.Verdict verdict = limiter.charge(ip, weigh(endpoint, params), now);
                used = verdict.usedWeight();
                if (!verdict.allowed()) {
                    refuse(ctx.response(), verdict, limiter.limitPerMinute(), limiter.rawPerFiveMinutes());
                    return;
                }
            }
            Request request = new Request(ctx.request().method().name(), ctx.request().path(), params,
                    ctx.request().headers(), ip, now, ctx.response().headers(), upload ? body : null,
                    ctx.request().authority(), null);
            int weight = used;
            Future<Buffer> answer = endpoint.handler().handle(request);
            answer.onComplete(result -> {
                if (result.succeeded()) {
                    send(ctx.response(), 200, result.result(), weight);
                } else {
                    fail(ctx.response(), result.cause(), weight);
                }
            });
        } catch (RuntimeException e) {
            fail(ctx.response(), e, used);
        }
    }

    /** Whether the request carries a key of the exchange's own market makers (not weighed). */
    private static boolean unlimited(String header, ApiKeys keys) {
        return header != null && header.length() <= 128 && keys.find(header).map(ApiKey::unlimited).orElse(false);
    }

    /** The request's weight; a request too malformed to weigh (a bad {@code limit}) costs 1 and is refused. */
    private static int weigh(Endpoint endpoint, Params params) {
        try {
            return endpoint.weight().applyAsInt(params);
        } catch (ApiException e) {
            return 1;
        }
    }

    private static void refuse(HttpServerResponse response, WeightLimiter.Verdict verdict, int limit, int rawLimit) {
        response.putHeader(HttpHeaders.RETRY_AFTER, Long.toString((verdict.retryAfterMs() + 999) / 1000));
        String message = verdict.status() == 418
                ? "Way too much request weight used; IP banned until " + verdict.bannedUntilMs()
                        + ". Please use WebSocket Streams for live updates to avoid bans."
                : verdict.rawLimit()
                ? "Too many requests; current limit is " + rawLimit + " requests per 5 MINUTE. Please use WebSocket"
                        + " Streams for live updates to avoid polling the API."
                : "Too much request weight used; current limit is " + limit
                        + " request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid"
                        + " polling the API.";
        send(response, verdict.status(), JsonOut.error(-1003, message), verdict.usedWeight());
    }

    private static void fail(HttpServerResponse response, Throwable cause, int usedWeight) {
        if (cause instanceof ApiException e) {
            send(response, e.status(), JsonOut.error(e.code(), e.getMessage()), usedWeight);
        } else if (cause instanceof Refused r) {
            send(response, r.status(), JsonOut.error(r.code(), r.getMessage()), usedWeight);
        } else if (cause instanceof ApiException.WithBody e) {
            send(response, e.status(), e.body(), usedWeight);
        } else {
            LOG.error("api: request failed", cause);
            send(response, 500, JsonOut.error(-1000, "An unknown error occurred while processing the request."),
                    usedWeight);
        }
    }

    private static void send(HttpServerResponse response, int status, Buffer body, int usedWeight) {
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(status);
        if (status != 200 || !response.headers().contains(HttpHeaders.CONTENT_TYPE)) {
            response.putHeader(HttpHeaders.CONTENT_TYPE, "application/json;charset=UTF-8");
        }
        if (usedWeight >= 0) {
            response.putHeader("x-mbx-used-weight", Integer.toString(usedWeight))
                    .putHeader("x-mbx-used-weight-1m", Integer.toString(usedWeight));
        }
        response.end(body);
    }

    @Override
    public void close() {
        streams.stop();
        vertx.undeploy(listening.deployment()).toCompletionStage().toCompletableFuture().join();
    }
}
