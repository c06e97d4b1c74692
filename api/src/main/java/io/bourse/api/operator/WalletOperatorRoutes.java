package io.bourse.api.operator;

import io.bourse.api.account.Blocking;
import io.bourse.api.http.ApiException;
import io.bourse.api.http.Endpoint;
import io.bourse.api.http.JsonOut;
import io.bourse.api.http.Params;
import io.bourse.platform.operator.OperatorRole;
import io.bourse.wallet.Wallet;
import io.bourse.wallet.chain.ChainAdapter;
import io.bourse.wallet.chain.SimulatedChain;
import io.bourse.wallet.network.Amounts;
import io.bourse.wallet.network.NetworkAsset;
import io.bourse.wallet.withdraw.WithdrawalRecord;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;

import java.util.List;

/**
 * Finance's side of the wallet: withdrawals waiting for approval, approve and reject; and, on a simulated chain,
 * the faucet, mining and reorgs (how a demo or a test makes deposits happen).
 */
public final class WalletOperatorRoutes {
    private final Vertx vertx;
    private final Wallet wallet;
    private final OperatorAuth auth;

    public WalletOperatorRoutes(Vertx vertx, Wallet wallet, OperatorAuth auth) {
        this.vertx = vertx;
        this.wallet = wallet;
        this.auth = auth;
    }

    public List<Endpoint> endpoints() {
        return List.of(
                Endpoint.of(HttpMethod.GET, "/bourse/operator/withdrawals/pending", 1, r -> Blocking.run(vertx, () -> {
                    auth.require(r, OperatorRole.FINANCE);
                    List<WithdrawalRecord> list = wallet.withdrawals().awaitingApproval(500);
                    return JsonOut.write(g -> {
                        g.writeStartArray();
                        for (WithdrawalRecord w : list) {
                            int scale = wallet.networks().find(w.asset(), w.network()).map(NetworkAsset::scale)
                                    .orElse(8);
                            g.writeStartObject();
                            g.writeNumberField("withdrawalId", w.withdrawalId());
                            g.writeNumberField("userId", w.userId());
                            g.writeStringField("coin", w.asset());
                            g.writeStringField("network", w.network());
                            g.writeStringField("address", w.address());
                            g.writeStringField("amount", Amounts.format(w.amount(), scale));
                            g.writeStringField("valueUsdt", w.valueUsdt().stripTrailingZeros().toPlainString());
                            g.writeNumberField("requestedAt", w.requestedAt().toEpochMilli());
                            g.writeEndObject();
                        }
                        g.writeEndArray();
                    });
                })),
                Endpoint.of(HttpMethod.POST, "/bourse/operator/withdrawals/approve", 1, r -> {
                    long id = r.params().requireLong("withdrawalId");
                    return Blocking.runThenEmpty(vertx, () -> wallet.withdrawals().approve(
                            auth.require(r, OperatorRole.FINANCE), id));
                }),
                Endpoint.of(HttpMethod.POST, "/bourse/operator/withdrawals/reject", 1, r -> {
                    long id = r.params().requireLong("withdrawalId");
                    String reason = r.params().get("reason");
                    return Blocking.runThenEmpty(vertx, () -> wallet.withdrawals().reject(
                            auth.require(r, OperatorRole.FINANCE), id, reason));
                }),
                Endpoint.of(HttpMethod.POST, "/bourse/operator/sim-chain/send", 1, r -> {
                    Params p = r.params();
                    SimulatedChain chain = simulated(p.require("network"));
                    String coin = p.require("coin");
                    NetworkAsset n = wallet.networks().find(coin, chain.network())
                            .orElseThrow(() -> ApiException.badRequest(-1130, coin + " does not live on "
                                    + chain.network() + "."));
                    String to = p.require("address");
                    long amount = Amounts.parse(p.require("amount"), n.scale(), "amount");
                    return Blocking.run(vertx, () -> {
                        auth.require(r, OperatorRole.FINANCE);
                        String txId = chain.transfer("faucet", to, coin, amount);
                        return JsonOut.write(g -> {
                            g.writeStartObject();
                            g.writeStringField("txId", txId);
                            g.writeEndObject();
                        });
                    });
                }),
                Endpoint.of(HttpMethod.POST, "/bourse/operator/sim-chain/mine", 1, r -> {
                    SimulatedChain chain = simulated(r.params().require("network"));
                    int blocks = r.params().limit("blocks", 1, 1, 1000);
                    return Blocking.run(vertx, () -> {
                        auth.require(r, OperatorRole.FINANCE);
                        long tip = chain.mine(blocks);
                        wallet.tick();
                        return JsonOut.write(g -> {
                            g.writeStartObject();
                            g.writeNumberField("height", tip);
                            g.writeEndObject();
                        });
                    });
                }),
                Endpoint.of(HttpMethod.POST, "/bourse/operator/sim-chain/reorg", 1, r -> {
                    SimulatedChain chain = simulated(r.params().require("network"));
                    int depth = r.params().limit("depth", 1, 1, 100);
                    String spent = r.params().get("doubleSpend");
                    return Blocking.runThenEmpty(vertx, () -> {
                        auth.require(r, OperatorRole.ADMIN);
                        chain.reorg(depth, spent == null ? List.of() : List.of(spent.split(",")));
                    });
                }));
    }

    private SimulatedChain simulated(String network) {
        ChainAdapter chain = wallet.chain(network);
        if (chain instanceof SimulatedChain sim) {
            return sim;
        }
        throw ApiException.badRequest(-1130, "Network " + network + " is not a simulated chain here.");
    }
}
