package io.bourse.api.account;

import io.bourse.api.http.ApiException;
import io.bourse.api.http.JsonOut;
import io.bourse.platform.Refused;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import java.util.concurrent.Callable;

/**
 * Runs platform work (SQL, password hashing) on a worker thread, unordered, so one slow login never queues the
 * next; a {@link Refused} becomes the API's error answer.
 */
public final class Blocking {
    private Blocking() {
    }

    public static Future<Buffer> run(Vertx vertx, Callable<Buffer> work) {
        return vertx.executeBlocking(() -> {
            try {
                return work.call();
            } catch (Refused r) {
                throw new ApiException(r.status(), r.code(), r.getMessage());
            }
        }, false);
    }

    /** Runs {@code work} and answers {@code {}}. */
    public static Future<Buffer> runThenEmpty(Vertx vertx, Runnable work) {
        return run(vertx, () -> {
            work.run();
            return JsonOut.EMPTY_OBJECT;
        });
    }
}
