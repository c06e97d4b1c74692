package io.bourse.api.trade;

import io.bourse.api.auth.Authenticator;
import io.bourse.api.http.Endpoint;
import io.bourse.api.userdata.ReadYourWrites;
import io.bourse.api.userdata.UserData;
import io.bourse.history.History;
import io.bourse.marketdata.MarketData;
import io.bourse.runtime.ExchangeCore;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.List;

/**
 * The signed endpoints: placing, cancelling and querying orders, order lists, the account and its trades. Commands
 * go to the core; answers are built from the events the engine returned. Queries read the user-data reader, after
 * waiting (briefly) until it has applied every command acknowledged so far, so a client always reads its own writes
 * and the fills other users' commands made to its orders.
 */
public final class TradeRoutes {
    private final List<Endpoint> endpoints = new ArrayList<>();

    /** {@code history} may be null: then queries answer from the user-data reader's memory only. */
    public TradeRoutes(Vertx vertx, ExchangeCore core, MarketData md, UserData users, Authenticator auth,
                       History history, ReadYourWrites readYourWrites, int ordersPer10s, int ordersPerDay) {
        SignedContext c = new SignedContext(vertx, core, md, users, auth, history,
                new OrderLimiter(ordersPer10s, ordersPerDay), readYourWrites);
        endpoints.addAll(new OrderRoutes(c).endpoints());
        endpoints.addAll(new OrderListRoutes(c).endpoints());
        endpoints.addAll(new OrderQueryRoutes(c).endpoints());
        endpoints.addAll(new AccountInfoRoutes(c).endpoints());
    }

    public List<Endpoint> endpoints() {
        return List.copyOf(endpoints);
    }
}
