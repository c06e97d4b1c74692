package io.bourse.api.http;

import io.vertx.core.MultiMap;

/**
 * What a handler sees of an HTTP request: its parameters, headers, the caller's address and the server time; and
 * headers to add to the response (order counts).
 */
public record Request(String method, String path, Params params, MultiMap headers, String clientIp, long nowMs,
                      MultiMap responseHeaders) {
}
