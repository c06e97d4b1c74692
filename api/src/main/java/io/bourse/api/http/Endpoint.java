package io.bourse.api.http;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;

import java.util.function.ToIntFunction;

/**
 * One route: method, path, its request weight (which may depend on the parameters) and its handler. A route with
 * a {@code rawBodyLimit} takes a binary body of up to that many bytes (an upload; its parameters come from the
 * query only); any other route takes a form body of at most 64 KiB.
 */
public record Endpoint(HttpMethod method, String path, ToIntFunction<Params> weight, Handler handler,
                       int rawBodyLimit) {

    public Endpoint(HttpMethod method, String path, ToIntFunction<Params> weight, Handler handler) {
        this(method, path, weight, handler, 0);
    }

    /** Answers a request with a JSON body, now or later; throws {@link ApiException} to refuse it. */
    @FunctionalInterface
    public interface Handler {
        Future<Buffer> handle(Request request);
    }

    /** Answers at once. */
    @FunctionalInterface
    public interface SyncHandler {
        Buffer handle(Request request);
    }

    public static Endpoint of(HttpMethod method, String path, int weight, Handler handler) {
        return new Endpoint(method, path, p -> weight, handler);
    }

    /** A POST whose body is a file of at most {@code maxBytes}. */
    public static Endpoint upload(String path, int weight, int maxBytes, Handler handler) {
        return new Endpoint(HttpMethod.POST, path, p -> weight, handler, maxBytes);
    }

    public static Endpoint get(String path, int weight, SyncHandler handler) {
        return get(path, p -> weight, handler);
    }

    public static Endpoint get(String path, ToIntFunction<Params> weight, SyncHandler handler) {
        return new Endpoint(HttpMethod.GET, path, weight, r -> Future.succeededFuture(handler.handle(r)));
    }
}
