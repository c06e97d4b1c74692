package io.bourse.api.http;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Writes one JSON document with Jackson's streaming generator; {@link #toBuffer()} ends it. */
public final class JsonOut {
    private static final JsonFactory FACTORY = new JsonFactory();

    /** Writes the body of a document. */
    @FunctionalInterface
    public interface Writer {
        void write(JsonGenerator g) throws IOException;
    }

    /** {@code {}}: what ping, order/test and the listenKey keep-alive answer. */
    public static final Buffer EMPTY_OBJECT = Buffer.buffer("{}");

    private JsonOut() {
    }

    public static Buffer write(Writer writer) {
        try (ByteArrayBuilder bytes = new ByteArrayBuilder(512)) {
            try (JsonGenerator g = FACTORY.createGenerator(bytes, JsonEncoding.UTF8)) {
                writer.write(g);
            }
            return Buffer.buffer(bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String string(Writer writer) {
        return write(writer).toString();
    }

    /** A request id echoed back: a JSON number, string or null as it came. */
    public static String id(Object id) {
        if (id == null) {
            return "null";
        }
        return id instanceof Number ? id.toString() : string(g -> g.writeString(id.toString()));
    }

    public static Buffer error(int code, String message) {
        return write(g -> error(g, code, message));
    }

    /** Writes Binance's error object {@code {"code":…,"msg":…}} (also nested, as in cancelReplace's answers). */
    public static void error(JsonGenerator g, int code, String message) throws IOException {
        g.writeStartObject();
        g.writeNumberField("code", code);
        g.writeStringField("msg", message);
        g.writeEndObject();
    }
}
