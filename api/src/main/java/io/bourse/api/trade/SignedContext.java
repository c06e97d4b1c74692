package io.bourse.api.trade;

import io.bourse.api.auth.Authenticator;
import io.bourse.api.userdata.UserData;
import io.bourse.history.History;
import io.bourse.marketdata.MarketData;
import io.bourse.runtime.ExchangeCore;
import io.vertx.core.Vertx;

import java.util.concurrent.ConcurrentHashMap;

/** The state the signed route sets share; {@code lastAcknowledged} is each user's last acknowledged sequence. */
record SignedContext(Vertx vertx, ExchangeCore core, MarketData md, UserData users, Authenticator auth,
                     History history, OrderLimiter orders, ConcurrentHashMap<Long, Long> lastAcknowledged) {
}
