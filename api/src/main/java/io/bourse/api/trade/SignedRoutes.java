package io.bourse.api.trade;

import io.bourse.api.auth.ApiKey;
import io.bourse.api.auth.Authenticator;
import io.bourse.api.http.ApiException;
import io.bourse.api.http.Params;
import io.bourse.api.http.Request;
import io.bourse.api.http.WireFormat;
import io.bourse.api.userdata.ReadYourWrites;
import io.bourse.api.userdata.UserData;
import io.bourse.engine.command.Command;
import io.bourse.engine.event.EngineEvent;
import io.bourse.engine.market.SymbolSpec;
import io.bourse.history.History;
import io.bourse.marketdata.Listing;
import io.bourse.marketdata.MarketData;
import io.bourse.runtime.ExchangeCore;
import io.bourse.runtime.pipeline.CommandCallback;
import io.bourse.runtime.pipeline.CommandResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import java.util.List;

/**
 * What every signed route set shares: the core, the readers, authentication, the ORDERS limiter, and
 * read-what-was-acknowledged (a query waits, briefly, until the user-data reader has applied every command
 * acknowledged so far).
 */
abstract class SignedRoutes {
    protected final Vertx vertx;
    protected final ExchangeCore core;
    protected final MarketData md;
    protected final UserData users;
    protected final Authenticator auth;
    /** May be null: then queries answer from the user-data reader's memory only. */
    protected final History history;
    protected final OrderLimiter orders;
    private final ReadYourWrites readYourWrites;

    SignedRoutes(SignedContext c) {
        this.vertx = c.vertx();
        this.core = c.core();
        this.md = c.md();
        this.users = c.users();
        this.auth = c.auth();
        this.history = c.history();
        this.orders = c.orders();
        this.readYourWrites = c.readYourWrites();
    }

    protected record Market(SymbolSpec spec, WireFormat wire) {
    }

    protected Market market(Params p) {
        String name = p.require("symbol");
        Listing listing = md.listing();
        SymbolSpec s = listing.symbol(name).orElseThrow(ApiException::invalidSymbol);
        return new Market(s, WireFormat.of(listing, s));
    }

    /** Submits a command; the future completes on the caller's Vert.x context with the result. */
    protected Future<CommandResult> submit(Command command) {
        Context context = vertx.getOrCreateContext();
        Promise<CommandResult> promise = Promise.promise();
        CommandCallback answer = result -> context.runOnContext(v -> promise.complete(result));
        if (context.isEventLoopContext() && Context.isOnEventLoopThread()) {
            core.submit(command, answer, ((io.vertx.core.internal.ContextInternal) context).nettyEventLoop());
        } else {
            core.submit(command, answer);
        }
        return promise.future();
    }

    /** A command's outcome: the engine's refusal as a Binance error, or the events to answer from. */
    protected static List<EngineEvent> acceptedEvents(CommandResult r) {
        if (r.status() == CommandResult.Status.REJECTED) {
            throw ApiException.badRequest(r.reject().code(), r.reject().message());
        }
        return appliedEvents(r);
    }

    /** The events of a command the engine applied, accepted or refused; a journal failure or stop is an error. */
    protected static List<EngineEvent> appliedEvents(CommandResult r) {
        return switch (r.status()) {
            case ACCEPTED, REJECTED -> r.events();
            case UNKNOWN -> throw new ApiException(503, -1007, "Timeout waiting for response from backend server. "
                    + "Send status unknown; execution status unknown.");
            case REFUSED -> throw new ApiException(503, -1008,
                    "Server is currently overloaded with other requests. Please try again in a few minutes.");
        };
    }

    /**
     * Runs {@code query}, which reads memory only, once the user-data reader has applied every command acknowledged
     * so far — the user's own, and another user's that filled one of theirs (a client that was told of a fill, in
     * any response or stream, then sees it in its order).
     */
    protected Future<Buffer> afterAcknowledgedWrites(java.util.function.Supplier<Buffer> query) {
        return caughtUp().map(v -> query.get());
    }

    /** As {@link #afterAcknowledgedWrites}, for a query that may read the history store (then on a worker thread). */
    protected Future<Buffer> afterAcknowledgedWritesWithHistory(java.util.function.Supplier<Buffer> query) {
        return caughtUp().compose(v -> history == null ? Future.succeededFuture(query.get())
                : vertx.executeBlocking(query::get));
    }

    /**
     * Rows from the history store (when there is one) and from the user-data reader, one per key, by key; where
     * both have a row, the reader's wins: it is never older. {@code held} is read before the store is asked (the
     * caller evaluates it first), so what the reader lets go of in between is already stored.
     */
    protected <T> List<T> storedThenHeld(java.util.function.Function<History, List<T>> stored, List<T> held,
                                         java.util.function.ToLongFunction<T> key) {
        java.util.TreeMap<Long, T> merged = new java.util.TreeMap<>();
        if (history != null) {
            stored.apply(history).forEach(x -> merged.put(key.applyAsLong(x), x));
        }
        held.forEach(x -> merged.put(key.applyAsLong(x), x));
        return List.copyOf(merged.values());
    }

    /** Completes once the user-data reader has applied every command acknowledged so far (or after 2 s). */
    protected Future<Void> caughtUp() {
        return readYourWrites.caughtUp();
    }

    /** Counts a new order against the account's ORDERS limits (not for unlimited keys) and reports the counts. */
    protected void countOrder(ApiKey key, Request r) {
        OrderLimiter.Usage usage = key.unlimited() ? orders.usage(key.userId(), r.nowMs())
                : orders.charge(key.userId(), r.nowMs());
        r.responseHeaders().set("x-mbx-order-count-10s", Integer.toString(usage.tenSeconds()))
                .set("x-mbx-order-count-1d", Integer.toString(usage.day()));
    }

    protected int scale(int assetId) {
        return md.listing().asset(assetId).scale();
    }
}
