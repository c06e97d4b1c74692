package io.bourse.api.userstream;

import io.bourse.api.auth.ApiKey;
import io.bourse.api.auth.Authenticator;
import io.bourse.api.http.ApiException;
import io.bourse.api.http.Endpoint;
import io.bourse.api.http.JsonOut;
import io.bourse.api.http.Request;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;

import java.util.List;

/**
 * The legacy user data stream endpoints (key header only, weight 2): open or reuse a listen key, keep it alive,
 * close it. Binance retired them in 2026; clients still use them, so they stay.
 */
public final class UserStreamRoutes {
    private static final String PATH = "/api/v3/userDataStream";

    private final Authenticator auth;
    private final ListenKeys keys;

    public UserStreamRoutes(Authenticator auth, ListenKeys keys) {
        this.auth = auth;
        this.keys = keys;
    }

    public List<Endpoint> endpoints() {
        return List.of(
                Endpoint.of(HttpMethod.POST, PATH, 2, this::open),
                Endpoint.of(HttpMethod.PUT, PATH, 2, this::keepAlive),
                Endpoint.of(HttpMethod.DELETE, PATH, 2, this::close));
    }

    private Future<Buffer> open(Request r) {
        ApiKey key = auth.keyOnly(r);
        String listenKey = keys.open(key.userId(), r.nowMs());
        return Future.succeededFuture(JsonOut.write(g -> {
            g.writeStartObject();
            g.writeStringField("listenKey", listenKey);
            g.writeEndObject();
        }));
    }

    private Future<Buffer> keepAlive(Request r) {
        ApiKey key = auth.keyOnly(r);
        if (!keys.keepAlive(r.params().require("listenKey"), key.userId(), r.nowMs())) {
            throw unknown();
        }
        return empty();
    }

    private Future<Buffer> close(Request r) {
        ApiKey key = auth.keyOnly(r);
        if (!keys.close(r.params().require("listenKey"), key.userId())) {
            throw unknown();
        }
        return empty();
    }

    private static ApiException unknown() {
        return ApiException.badRequest(-1125, "This listenKey does not exist.");
    }

    private static Future<Buffer> empty() {
        return Future.succeededFuture(JsonOut.EMPTY_OBJECT.copy());
    }
}
