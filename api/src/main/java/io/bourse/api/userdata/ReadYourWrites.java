package io.bourse.api.userdata;

import io.bourse.runtime.ExchangeCore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/**
 * Read-what-was-acknowledged for queries answered from the user-data reader's memory: {@link #caughtUp} completes
 * once the reader has applied every command the journal had made durable when it was asked — the caller's own, and
 * another user's that filled one of the caller's orders or credited a deposit. A client told of a change, in any
 * response or stream, then sees it in what it reads next. The wait polls on a 1 ms timer and gives up after 2 s
 * (the answer is then as fresh as the reader is).
 */
public final class ReadYourWrites {
    private static final long TIMEOUT_MS = 2_000;

    private final Vertx vertx;
    private final ExchangeCore core;
    private final UserData users;

    public ReadYourWrites(Vertx vertx, ExchangeCore core, UserData users) {
        this.vertx = vertx;
        this.core = core;
        this.users = users;
    }

    public Future<Void> caughtUp() {
        long wanted = core.durableSequence();
        if (users.lastSequence() >= wanted) {
            return Future.succeededFuture();
        }
        Promise<Void> caughtUp = Promise.promise();
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        vertx.setPeriodic(1, id -> {
            if (users.lastSequence() >= wanted || System.currentTimeMillis() > deadline) {
                vertx.cancelTimer(id);
                caughtUp.complete();
            }
        });
        return caughtUp.future();
    }
}
