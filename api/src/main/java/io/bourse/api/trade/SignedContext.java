package io.bourse.api.trade;

import io.bourse.api.auth.Authenticator;
import io.bourse.api.userdata.ReadYourWrites;
import io.bourse.api.userdata.UserData;
import io.bourse.history.History;
import io.bourse.marketdata.MarketData;
import io.bourse.runtime.ExchangeCore;
import io.vertx.core.Vertx;

/** The state the signed route sets share. */
record SignedContext(Vertx vertx, ExchangeCore core, MarketData md, UserData users, Authenticator auth,
                     History history, OrderLimiter orders, ReadYourWrites readYourWrites) {
}
