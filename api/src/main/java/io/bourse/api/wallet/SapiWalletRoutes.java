package io.bourse.api.wallet;

import io.bourse.api.account.Blocking;
import io.bourse.api.auth.ApiKey;
import io.bourse.api.auth.Authenticator;
import io.bourse.api.auth.Permission;
import io.bourse.api.http.ApiException;
import io.bourse.api.http.Decimals;
import io.bourse.api.http.Endpoint;
import io.bourse.api.http.JsonOut;
import io.bourse.api.http.Params;
import io.bourse.api.http.Request;
import io.bourse.api.userdata.ReadYourWrites;
import io.bourse.api.userdata.UserData;
import io.bourse.api.userdata.UserState;
import io.bourse.engine.market.AssetSpec;
import io.bourse.marketdata.MarketData;
import io.bourse.platform.Platform;
import io.bourse.platform.Refused;
import io.bourse.platform.account.UserRow;
import io.bourse.wallet.HistoryFilter;
import io.bourse.wallet.Wallet;
import io.bourse.wallet.network.NetworkAsset;
import io.bourse.wallet.withdraw.WithdrawalRecord;
import io.bourse.wallet.withdraw.Withdrawals;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Binance's wallet endpoints under {@code /sapi/v1/capital}, signed like the rest of the API: coins and their
 * networks with the caller's balances, deposit address, deposit and withdrawal history, and withdraw (a key with
 * the WITHDRAW permission). What CCXT's fetchCurrencies, fetchDepositAddress, fetchDeposits, fetchWithdrawals and
 * withdraw call.
 */
public final class SapiWalletRoutes {
    private final Vertx vertx;
    private final Authenticator auth;
    private final MarketData md;
    private final UserData users;
    private final ReadYourWrites readYourWrites;
    private final Platform platform;
    private final Wallet wallet;

    public SapiWalletRoutes(Vertx vertx, Authenticator auth, MarketData md, UserData users,
                            ReadYourWrites readYourWrites, Platform platform, Wallet wallet) {
        this.vertx = vertx;
        this.auth = auth;
        this.md = md;
        this.users = users;
        this.readYourWrites = readYourWrites;
        this.platform = platform;
        this.wallet = wallet;
    }

    public List<Endpoint> endpoints() {
        return List.of(
                Endpoint.of(HttpMethod.GET, "/sapi/v1/capital/config/getall", 10, this::coins),
                Endpoint.of(HttpMethod.GET, "/sapi/v1/capital/deposit/address", 10, this::depositAddress),
                Endpoint.of(HttpMethod.GET, "/sapi/v1/capital/deposit/hisrec", 1, this::deposits),
                Endpoint.of(HttpMethod.GET, "/sapi/v1/capital/withdraw/history", 10, this::withdrawals),
                Endpoint.of(HttpMethod.POST, "/sapi/v1/capital/withdraw/apply", 900, this::withdraw));
    }

    private Future<Buffer> coins(Request r) {
        ApiKey key = auth.signed(r, Permission.READ);
        return readYourWrites.caughtUp().map(v -> coins(users.user(key.userId())));
    }

    /** Every listed coin with the user's balance and its networks, as Binance's {@code capital/config/getall}. */
    private Buffer coins(UserState state) {
        Map<String, List<NetworkAsset>> byAsset = wallet.networks().byAsset();
        return JsonOut.write(g -> {
            g.writeStartArray();
            for (AssetSpec asset : md.listing().assets()) {
                List<NetworkAsset> networks = byAsset.getOrDefault(asset.name(), List.of());
                long free = 0;
                long locked = 0;
                for (UserState.Balance b : state.balances()) {
                    if (b.assetId() == asset.id()) {
                        free = b.free();
                        locked = b.locked();
                    }
                }
                g.writeStartObject();
                g.writeStringField("coin", asset.name());
                g.writeBooleanField("depositAllEnable", networks.stream().anyMatch(NetworkAsset::depositEnabled));
                g.writeBooleanField("withdrawAllEnable", networks.stream().anyMatch(NetworkAsset::withdrawEnabled));
                g.writeStringField("name", asset.name());
                g.writeStringField("free", Decimals.format(free, asset.scale()));
                g.writeStringField("locked", Decimals.format(locked, asset.scale()));
                g.writeStringField("freeze", "0");
                g.writeStringField("withdrawing", "0");
                g.writeStringField("ipoing", "0");
                g.writeStringField("ipoable", "0");
                g.writeStringField("storage", "0");
                g.writeBooleanField("isLegalMoney", false);
                g.writeBooleanField("trading", true);
                g.writeArrayFieldStart("networkList");
                for (NetworkAsset n : networks) {
                    WalletJson.network(g, n);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    private Future<Buffer> depositAddress(Request r) {
        ApiKey key = auth.signed(r, Permission.READ);
        NetworkAsset n = network(r.params(), NetworkAsset::depositEnabled, "deposit");
        return Blocking.run(vertx, () -> {
            UserRow u = platform.user(key.userId()).orElseThrow(() -> Refused.notFound("User"));
            if (!u.emailVerified()) {
                throw Refused.emailNotVerified();
            }
            String address = wallet.addresses().addressOf(key.userId(), n.network());
            return JsonOut.write(g -> {
                g.writeStartObject();
                g.writeStringField("address", address);
                g.writeStringField("coin", n.asset());
                g.writeStringField("tag", "");
                g.writeStringField("url", "");
                g.writeEndObject();
            });
        });
    }

    /** The filters both history endpoints take: coin, Binance's status number, time range, page. */
    private record HistoryQuery(String coin, Integer status, Long from, Long to, int offset, int limit) {
        static HistoryQuery of(Params p) {
            return new HistoryQuery(p.get("coin"), p.optInt("status").isPresent() ? p.optInt("status").getAsInt() : null,
                    p.optLong("startTime").isPresent() ? p.optLong("startTime").getAsLong() : null,
                    p.optLong("endTime").isPresent() ? p.optLong("endTime").getAsLong() : null,
                    p.limit("offset", 0, 0, 1_000_000), p.limit("limit", 1000, 1, 1000));
        }

        HistoryFilter filter(List<String> statuses) {
            return new HistoryFilter(coin, status == null ? List.of() : statuses, from, to, offset, limit);
        }
    }

    private Future<Buffer> deposits(Request r) {
        ApiKey key = auth.signed(r, Permission.READ);
        HistoryQuery q = HistoryQuery.of(r.params());
        HistoryFilter filter = q.filter(q.status() == null ? List.of() : WalletJson.depositStatuses(q.status()));
        return Blocking.run(vertx, () -> {
            return WalletJson.deposits(wallet.deposits().crypto(key.userId(), filter), wallet.networks());
        });
    }

    private Future<Buffer> withdrawals(Request r) {
        ApiKey key = auth.signed(r, Permission.READ);
        HistoryQuery q = HistoryQuery.of(r.params());
        HistoryFilter filter = q.filter(q.status() == null ? List.of() : WithdrawalRecord.statusesOf(q.status()));
        String clientId = r.params().get("withdrawOrderId");
        return Blocking.run(vertx, () -> {
            return WalletJson.withdrawals(wallet.withdrawals().history(key.userId(), filter, clientId),
                    wallet.networks());
        });
    }

    private Future<Buffer> withdraw(Request r) {
        ApiKey key = auth.signed(r, Permission.WITHDRAW);
        Params p = r.params();
        NetworkAsset n = network(p, NetworkAsset::withdrawEnabled, "withdrawal");
        if (p.has("addressTag") && !p.get("addressTag").isEmpty()) {
            throw ApiException.badRequest(-1130, "Network " + n.network() + " takes no address tag.");
        }
        Withdrawals.Request request = new Withdrawals.Request(key.userId(), n.asset(), n.network(),
                p.require("address"), p.require("amount"), p.get("withdrawOrderId"), null, true);
        return Blocking.run(vertx, () -> {
            WithdrawalRecord w = wallet.withdrawals().apply(request);
            return JsonOut.write(g -> {
                g.writeStartObject();
                g.writeStringField("id", Long.toString(w.withdrawalId()));
                g.writeEndObject();
            });
        });
    }

    private NetworkAsset network(Params p, Predicate<NetworkAsset> enabled, String what) {
        String coin = p.require("coin");
        String network = p.get("network");
        NetworkAsset n = wallet.networks().find(coin, network)
                .orElseThrow(() -> ApiException.badRequest(-4018, "We don't have this asset."));
        if (!enabled.test(n)) {
            throw ApiException.badRequest(-4019, "Current asset is not open for " + what + ".");
        }
        return n;
    }
}
