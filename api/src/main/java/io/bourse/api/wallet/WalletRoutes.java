package io.bourse.api.wallet;

import io.bourse.api.account.Blocking;
import io.bourse.api.account.WebSessions;
import io.bourse.api.http.ApiException;
import io.bourse.api.http.Endpoint;
import io.bourse.api.http.JsonOut;
import io.bourse.api.http.Params;
import io.bourse.platform.Refused;
import io.bourse.platform.account.Session;
import io.bourse.wallet.HistoryFilter;
import io.bourse.wallet.Wallet;
import io.bourse.wallet.network.NetworkAsset;
import io.bourse.wallet.withdraw.AddressBook;
import io.bourse.wallet.withdraw.WithdrawalRecord;
import io.bourse.wallet.withdraw.Withdrawals;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;

import java.util.List;

/**
 * The web app's wallet under {@code /bourse/v1/wallet}: networks, deposit address, deposit and withdrawal history,
 * withdraw (with the two-factor code when 2FA is on), cancel a withdrawal waiting for approval, and the address
 * book with its whitelist switch.
 */
public final class WalletRoutes {
    private static final String W = "/bourse/v1/wallet";

    private final Vertx vertx;
    private final WebSessions web;
    private final Wallet wallet;

    public WalletRoutes(Vertx vertx, WebSessions web, Wallet wallet) {
        this.vertx = vertx;
        this.web = web;
        this.wallet = wallet;
    }

    public List<Endpoint> endpoints() {
        return List.of(
                Endpoint.get(W + "/networks", 1, r -> JsonOut.write(g -> {
                    g.writeStartArray();
                    for (NetworkAsset n : wallet.networks().all()) {
                        WalletJson.network(g, n);
                    }
                    g.writeEndArray();
                })),
                Endpoint.of(HttpMethod.GET, W + "/deposit-address", 1, r -> {
                    String coin = r.params().require("coin");
                    String network = r.params().get("network");
                    return Blocking.run(vertx, () -> {
                        Session s = web.require(r);
                        NetworkAsset n = wallet.networks().find(coin, network).filter(NetworkAsset::depositEnabled)
                                .orElseThrow(() -> Refused.invalid("No deposits of " + coin + " on that network."));
                        String address = wallet.addresses().addressOf(s.userId(), n.network());
                        return JsonOut.write(g -> {
                            g.writeStartObject();
                            g.writeStringField("coin", n.asset());
                            g.writeStringField("network", n.network());
                            g.writeStringField("address", address);
                            g.writeNumberField("confirmations", n.confirmations());
                            g.writeEndObject();
                        });
                    });
                }),
                Endpoint.of(HttpMethod.GET, W + "/deposits", 1, r -> {
                    int limit = r.params().limit("limit", 100, 1, 1000);
                    return Blocking.run(vertx, () -> {
                        return WalletJson.deposits(wallet.deposits().crypto(web.require(r).userId(),
                                HistoryFilter.newest(limit)), wallet.networks());
                    });
                }),
                Endpoint.of(HttpMethod.GET, W + "/withdrawals", 1, r -> {
                    int limit = r.params().limit("limit", 100, 1, 1000);
                    return Blocking.run(vertx, () -> {
                        return WalletJson.withdrawals(wallet.withdrawals().history(web.require(r).userId(),
                                HistoryFilter.newest(limit)), wallet.networks());
                    });
                }),
                Endpoint.of(HttpMethod.POST, W + "/withdraw", 1, r -> {
                    Params p = r.params();
                    String coin = p.require("coin");
                    String network = p.get("network");
                    String address = p.require("address");
                    String amount = p.require("amount");
                    String code = p.get("totpCode");
                    return Blocking.run(vertx, () -> {
                        long userId = web.require(r).userId();
                        WithdrawalRecord w = wallet.withdrawals().apply(new Withdrawals.Request(userId, coin, network,
                                address, amount, null, code, false));
                        return JsonOut.write(g -> WalletJson.withdrawal(g, w, wallet.networks()));
                    });
                }),
                Endpoint.of(HttpMethod.POST, W + "/withdrawals/cancel", 1, r -> {
                    long id = r.params().requireLong("withdrawalId");
                    return Blocking.runThenEmpty(vertx, () -> wallet.withdrawals().cancel(web.require(r).userId(), id));
                }),
                Endpoint.of(HttpMethod.GET, W + "/address-book", 1, r -> Blocking.run(vertx, () -> {
                    AddressBook.Book book = wallet.addressBook().of(web.require(r).userId());
                    return JsonOut.write(g -> {
                        g.writeStartObject();
                        g.writeBooleanField("whitelistOnly", book.whitelistOnly());
                        g.writeArrayFieldStart("addresses");
                        for (AddressBook.Entry e : book.entries()) {
                            g.writeStartObject();
                            g.writeStringField("network", e.network());
                            g.writeStringField("address", e.address());
                            g.writeStringField("label", e.label());
                            g.writeNumberField("createdAt", e.createdAt().toEpochMilli());
                            g.writeEndObject();
                        }
                        g.writeEndArray();
                        g.writeEndObject();
                    });
                })),
                Endpoint.of(HttpMethod.POST, W + "/address-book", 1, r -> {
                    Params p = r.params();
                    String network = p.require("network");
                    String address = p.require("address");
                    return Blocking.runThenEmpty(vertx, () -> wallet.addressBook().add(web.require(r).userId(),
                            network, address, p.get("label"), p.get("totpCode")));
                }),
                Endpoint.of(HttpMethod.DELETE, W + "/address-book", 1, r -> {
                    Params p = r.params();
                    String network = p.require("network");
                    String address = p.require("address");
                    return Blocking.runThenEmpty(vertx, () -> wallet.addressBook().remove(web.require(r).userId(),
                            network, address, p.get("totpCode")));
                }),
                Endpoint.of(HttpMethod.POST, W + "/address-book/whitelist-only", 1, r -> {
                    boolean on = switch (r.params().require("enabled")) {
                        case "true" -> true;
                        case "false" -> false;
                        default -> throw ApiException.invalidValue("enabled");
                    };
                    return Blocking.runThenEmpty(vertx, () -> wallet.addressBook().whitelistOnly(
                            web.require(r).userId(), on, r.params().get("totpCode")));
                }));
    }
}
