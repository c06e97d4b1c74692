package io.bourse.api.wallet;

import io.bourse.api.account.Blocking;
import io.bourse.api.account.WebSessions;
import io.bourse.api.http.ApiException;
import io.bourse.api.http.Endpoint;
import io.bourse.api.http.JsonOut;
import io.bourse.api.http.Params;
import io.bourse.platform.Refused;
import io.bourse.wallet.HistoryFilter;
import io.bourse.wallet.Wallet;
import io.bourse.wallet.deposit.DepositRecord;
import io.bourse.wallet.fiat.FiatDeposits;
import io.bourse.wallet.fiat.PaymentGateway;
import io.bourse.wallet.fiat.SandboxGateway;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;

import java.util.List;
import java.util.Set;

/**
 * Fiat deposits under {@code /bourse/v1/fiat}: start a card or bank payment, list them, the gateway's webhook
 * (signature checked, replays refused), and the sandbox checkout where a demo customer "pays".
 */
public final class FiatRoutes {
    private static final Set<String> FIAT_METHODS = Set.of("CARD", "BANK");

    private final Vertx vertx;
    private final WebSessions web;
    private final Wallet wallet;

    public FiatRoutes(Vertx vertx, WebSessions web, Wallet wallet) {
        this.vertx = vertx;
        this.web = web;
        this.wallet = wallet;
    }

    public List<Endpoint> endpoints() {
        FiatDeposits fiat = wallet.fiat();
        return List.of(
                Endpoint.of(HttpMethod.POST, "/bourse/v1/fiat/deposits", 1, r -> {
                    Params p = r.params();
                    String currency = p.require("currency");
                    String amount = p.require("amount");
                    String method = p.get("method");
                    return Blocking.run(vertx, () -> {
                        FiatDeposits.Payment pay = fiat.start(web.require(r).userId(), currency, amount, method);
                        return JsonOut.write(g -> {
                            g.writeStartObject();
                            g.writeNumberField("id", pay.depositId());
                            g.writeStringField("paymentId", pay.paymentId());
                            g.writeStringField("currency", pay.currency());
                            g.writeStringField("amount", pay.amount());
                            g.writeStringField("method", pay.method());
                            g.writeStringField("checkoutUrl", pay.checkoutUrl());
                            g.writeEndObject();
                        });
                    });
                }),
                Endpoint.of(HttpMethod.GET, "/bourse/v1/fiat/deposits", 1, r -> Blocking.run(vertx, () -> {
                    List<DepositRecord> list = wallet.deposits().of(web.require(r).userId(), HistoryFilter.newest(500))
                            .stream().filter(d -> FIAT_METHODS.contains(d.network())).toList();
                    return JsonOut.write(g -> {
                        g.writeStartArray();
                        for (DepositRecord d : list) {
                            g.writeStartObject();
                            g.writeNumberField("id", d.depositId());
                            g.writeStringField("paymentId", d.txId());
                            g.writeStringField("currency", d.asset());
                            g.writeNumberField("amountUnits", d.amount());
                            g.writeStringField("method", d.network());
                            g.writeStringField("status", d.status());
                            g.writeNumberField("createdAt", d.detectedAt().toEpochMilli());
                            g.writeEndObject();
                        }
                        g.writeEndArray();
                    });
                })),
                Endpoint.upload("/bourse/v1/fiat/webhooks/" + fiat.gateway().name(), 1, 64 * 1024, r -> {
                    String signature = r.headers().get(SandboxGateway.SIGNATURE_HEADER);
                    byte[] body = r.upload().getBytes();
                    return Blocking.run(vertx, () -> {
                        try {
                            fiat.onWebhook(signature, body);
                            return JsonOut.EMPTY_OBJECT;
                        } catch (PaymentGateway.BadWebhook e) {
                            throw new ApiException(400, -7040, e.getMessage());
                        } catch (FiatDeposits.Replayed e) {
                            throw new ApiException(409, -7041, e.getMessage());
                        }
                    });
                }),
                Endpoint.of(HttpMethod.POST, "/bourse/v1/fiat/sandbox/checkout", 1, r -> {
                    String paymentId = r.params().require("paymentId");
                    String outcome = r.params().get("outcome") == null ? "succeeded" : r.params().get("outcome");
                    if (!(fiat.gateway() instanceof SandboxGateway sandbox)) {
                        throw ApiException.badRequest(-1130, "Payments go through " + fiat.gateway().name()
                                + " here, not the sandbox.");
                    }
                    if (!outcome.equals("succeeded") && !outcome.equals("failed")) {
                        throw ApiException.invalidValue("outcome");
                    }
                    return Blocking.runThenEmpty(vertx, () -> {
                        long userId = web.require(r).userId();
                        DepositRecord d = wallet.deposits().of(userId, HistoryFilter.newest(500)).stream()
                                .filter(x -> x.txId().equals(paymentId) && FIAT_METHODS.contains(x.network()))
                                .findFirst().orElseThrow(() -> Refused.notFound("Payment"));
                        SandboxGateway.Delivery delivery = sandbox.webhook("evt_" + paymentId + "_" + outcome,
                                paymentId, outcome, d.asset(), io.bourse.wallet.network.Amounts.format(d.amount(),
                                        scale(d.asset())), System.currentTimeMillis());
                        fiat.onWebhook(delivery.signatureHeader(), delivery.body());
                    });
                }));
    }

    private int scale(String currency) {
        return wallet.fiat().currency(currency).scale();
    }
}
