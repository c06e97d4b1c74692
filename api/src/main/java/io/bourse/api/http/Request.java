package io.bourse.api.http;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/**
 * What a handler sees of an HTTP request: its parameters, headers, the caller's address and the server time;
 * headers to add to the response (order counts); for an upload, the file ({@code upload}, else null); and the
 * host and port it was addressed to ({@code authority}: the Host header, or HTTP/2's :authority; null if none).
 * {@code sessionKey} is the key a WebSocket API connection logged on with ({@code session.logon}; null otherwise,
 * and always null over HTTP): a request without a signature then acts with it.
 */
public record Request(String method, String path, Params params, MultiMap headers, String clientIp, long nowMs,
                      MultiMap responseHeaders, Buffer upload, io.vertx.core.net.HostAndPort authority,
                      io.bourse.api.auth.ApiKey sessionKey) {
}
