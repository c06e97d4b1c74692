package io.bourse.api.trade;

import com.fasterxml.jackson.core.JsonGenerator;
import io.bourse.api.auth.ApiKey;
import io.bourse.api.auth.Permission;
import io.bourse.api.http.Endpoint;
import io.bourse.api.http.JsonOut;
import io.bourse.api.http.Request;
import io.bourse.api.userdata.UserState;
import io.bourse.engine.market.Rates;
import io.bourse.engine.market.SymbolSpec;
import io.bourse.marketdata.Listing;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;

/** The account: balances and permissions, commission rates, and the ORDERS rate-limit usage. */
final class AccountInfoRoutes extends SignedRoutes {
    AccountInfoRoutes(SignedContext context) {
        super(context);
    }

    List<Endpoint> endpoints() {
        return List.of(
                Endpoint.of(HttpMethod.GET, "/api/v3/account", 20, this::account),
                Endpoint.of(HttpMethod.GET, "/api/v3/rateLimit/order", 40, this::rateLimits),
                Endpoint.of(HttpMethod.GET, "/api/v3/account/commission", 20, this::commission),
                Endpoint.of(HttpMethod.GET, "/sapi/v1/asset/tradeFee", 1, this::tradeFees));
    }

    private Future<Buffer> account(Request r) {
        ApiKey key = auth.signed(r, Permission.READ);
        boolean omitZero = r.params().optBoolean("omitZeroBalances");
        Listing listing = md.listing();
        return afterAcknowledgedWrites(() -> {
            UserState u = users.user(key.userId());
            long[] rates = users.feeRates(u.feeTier());
            return JsonOut.write(g -> {
                g.writeStartObject();
                g.writeNumberField("makerCommission", rates[0] * 10_000 / Rates.ONE);
                g.writeNumberField("takerCommission", rates[1] * 10_000 / Rates.ONE);
                g.writeNumberField("buyerCommission", 0);
                g.writeNumberField("sellerCommission", 0);
                g.writeObjectFieldStart("commissionRates");
                g.writeStringField("maker", io.bourse.api.http.Decimals.format(rates[0], 8));
                g.writeStringField("taker", io.bourse.api.http.Decimals.format(rates[1], 8));
                g.writeStringField("buyer", "0.00000000");
                g.writeStringField("seller", "0.00000000");
                g.writeEndObject();
                g.writeBooleanField("canTrade", key.permissions().contains(Permission.TRADE));
                g.writeBooleanField("canWithdraw", key.permissions().contains(Permission.WITHDRAW));
                g.writeBooleanField("canDeposit", true);
                g.writeBooleanField("brokered", false);
                g.writeBooleanField("requireSelfTradePrevention", false);
                g.writeBooleanField("preventSor", false);
                g.writeNumberField("updateTime", u.updateTimeMs());
                g.writeStringField("accountType", "SPOT");
                g.writeArrayFieldStart("balances");
                for (UserState.Balance b : u.balances()) {
                    if (b.assetId() >= listing.assets().size() || (omitZero && b.free() == 0 && b.locked() == 0)) {
                        continue;
                    }
                    int scale = listing.asset(b.assetId()).scale();
                    g.writeStartObject();
                    g.writeStringField("asset", listing.asset(b.assetId()).name());
                    g.writeStringField("free", io.bourse.api.http.Decimals.format(b.free(), scale));
                    g.writeStringField("locked", io.bourse.api.http.Decimals.format(b.locked(), scale));
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeArrayFieldStart("permissions");
                g.writeString("SPOT");
                g.writeEndArray();
                g.writeNumberField("uid", key.userId());
                g.writeEndObject();
            });
        });
    }

    /** The account's commission rates on a symbol: its fee tier's, no special or tax rates, no discount. */
    private Future<Buffer> commission(Request r) {
        ApiKey key = auth.signed(r, Permission.READ);
        Market m = market(r.params());
        long[] rates = users.feeRates(users.user(key.userId()).feeTier());
        return Future.succeededFuture(JsonOut.write(g -> {
            g.writeStartObject();
            g.writeStringField("symbol", m.spec().name());
            CommissionJson.write(g, "", rates, true);
            g.writeEndObject();
        }));
    }

    /**
     * The wallet's view of trading fees ({@code /sapi/v1/asset/tradeFee}, what CCXT's fetchTradingFees reads): the
     * account's maker and taker rates on one symbol, or on every listed one.
     */
    private Future<Buffer> tradeFees(Request r) {
        ApiKey key = auth.signed(r, Permission.READ);
        List<SymbolSpec> symbols = r.params().has("symbol") ? List.of(market(r.params()).spec())
                : md.listing().symbols();
        long[] rates = users.feeRates(users.user(key.userId()).feeTier());
        String maker = plainRate(rates[0]);
        String taker = plainRate(rates[1]);
        return Future.succeededFuture(JsonOut.write(g -> {
            g.writeStartArray();
            for (SymbolSpec s : symbols) {
                g.writeStartObject();
                g.writeStringField("symbol", s.name());
                g.writeStringField("makerCommission", maker);
                g.writeStringField("takerCommission", taker);
                g.writeEndObject();
            }
            g.writeEndArray();
        }));
    }

    /** A rate as this endpoint writes it: "0.001", not "0.00100000". */
    private static String plainRate(long rate) {
        return BigDecimal.valueOf(rate, 8).stripTrailingZeros().toPlainString();
    }

    private Future<Buffer> rateLimits(Request r) {
        ApiKey key = auth.signed(r, Permission.READ);
        OrderLimiter.Usage usage = orders.usage(key.userId(), r.nowMs());
        return Future.succeededFuture(JsonOut.write(g -> {
            g.writeStartArray();
            orderLimit(g, "SECOND", 10, orders.per10Seconds, usage.tenSeconds());
            orderLimit(g, "DAY", 1, orders.perDay, usage.day());
            g.writeEndArray();
        }));
    }

    private static void orderLimit(JsonGenerator g, String interval, int num, int limit, int count)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("rateLimitType", "ORDERS");
        g.writeStringField("interval", interval);
        g.writeNumberField("intervalNum", num);
        g.writeNumberField("limit", limit);
        g.writeNumberField("count", count);
        g.writeEndObject();
    }
}
