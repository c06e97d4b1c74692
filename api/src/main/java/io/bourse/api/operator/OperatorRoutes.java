package io.bourse.api.operator;

import io.bourse.api.account.Blocking;
import io.bourse.api.http.ApiException;
import io.bourse.api.http.Decimals;
import io.bourse.api.http.Endpoint;
import io.bourse.api.http.JsonOut;
import io.bourse.api.http.Params;
import io.bourse.api.http.Request;
import io.bourse.engine.command.Deposit;
import io.bourse.engine.market.AssetSpec;
import io.bourse.marketdata.MarketData;
import io.bourse.platform.Platform;
import io.bourse.platform.account.Emails;
import io.bourse.platform.mail.Mail;
import io.bourse.platform.operator.OperatorRole;
import io.bourse.runtime.ExchangeCore;
import io.bourse.runtime.pipeline.CommandResult;
import io.bourse.store.Accounts;
import io.bourse.store.StoredApiKey;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Operator endpoints under {@code /bourse/operator}, each allowed to some staff roles (see {@link OperatorAuth}):
 * creating demo users with funds and a key (what {@code bourse user create} calls), locking and unlocking
 * accounts, granting and revoking roles, and the local mailbox (what the outbox holds: in the embedded default,
 * the only place mail goes).
 */
public final class OperatorRoutes {
    private static final Pattern FUND = Pattern.compile("^[A-Z0-9]{1,20}=[0-9.]{1,40}$");

    private final Vertx vertx;
    private final ExchangeCore core;
    private final MarketData md;
    private final Accounts accounts;
    private final Platform platform;
    private final OperatorAuth auth;

    public OperatorRoutes(Vertx vertx, ExchangeCore core, MarketData md, Accounts accounts, Platform platform,
                          OperatorAuth auth) {
        this.vertx = vertx;
        this.core = core;
        this.md = md;
        this.accounts = accounts;
        this.platform = platform;
        this.auth = auth;
    }

    public List<Endpoint> endpoints() {
        List<Endpoint> list = new ArrayList<>();
        list.add(Endpoint.of(HttpMethod.POST, "/bourse/operator/users", 1, this::createUser));
        if (platform == null) {
            return list;
        }
        list.add(Endpoint.of(HttpMethod.POST, "/bourse/operator/users/lock", 1, r -> Blocking.runThenEmpty(vertx,
                () -> platform.locks().lock(auth.require(r, OperatorRole.SUPPORT, OperatorRole.COMPLIANCE),
                        r.params().requireLong("userId"), r.params().require("reason")))));
        list.add(Endpoint.of(HttpMethod.POST, "/bourse/operator/users/unlock", 1, r -> Blocking.runThenEmpty(vertx,
                () -> platform.locks().unlock(auth.require(r, OperatorRole.SUPPORT, OperatorRole.COMPLIANCE),
                        r.params().requireLong("userId")))));
        list.add(Endpoint.of(HttpMethod.POST, "/bourse/operator/roles", 1, r -> Blocking.runThenEmpty(vertx,
                () -> platform.roles().grant(auth.require(r, OperatorRole.ADMIN), r.params().requireLong("userId"),
                        r.params().requireEnum("role", OperatorRole.class)))));
        list.add(Endpoint.of(HttpMethod.DELETE, "/bourse/operator/roles", 1, r -> Blocking.runThenEmpty(vertx,
                () -> platform.roles().revoke(auth.require(r, OperatorRole.ADMIN), r.params().requireLong("userId"),
                        r.params().requireEnum("role", OperatorRole.class)))));
        list.add(Endpoint.of(HttpMethod.GET, "/bourse/operator/mailbox", 1, this::mailbox));
        return list;
    }

    private Future<Buffer> mailbox(Request r) {
        String to = r.params().get("to");
        int limit = r.params().limit("limit", 50, 1, 1000);
        return Blocking.run(vertx, () -> {
            auth.require(r, OperatorRole.SUPPORT);
            List<Mail> mails = platform.outbox().latest(to == null ? null : to.trim().toLowerCase(Locale.ROOT), limit);
            return JsonOut.write(g -> {
                g.writeStartArray();
                for (Mail m : mails) {
                    g.writeStartObject();
                    g.writeNumberField("id", m.id());
                    g.writeStringField("to", m.recipient());
                    g.writeStringField("subject", m.subject());
                    g.writeStringField("body", m.body());
                    g.writeNumberField("createdAt", m.createdAt().toEpochMilli());
                    if (m.sentAt() != null) {
                        g.writeNumberField("sentAt", m.sentAt().toEpochMilli());
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
            });
        });
    }

    private record Grant(AssetSpec asset, long amount) {
    }

    private Future<Buffer> createUser(Request r) {
        Params p = r.params();
        String email = Emails.normalize(p.require("email"));
        List<Grant> grants = grants(p.get("fund"));
        boolean withKey = "true".equalsIgnoreCase(p.get("apiKey"));
        return Blocking.run(vertx, () -> {
            auth.require(r, OperatorRole.ADMIN);
            long userId;
            try {
                userId = accounts.createUser(email);
            } catch (Accounts.DuplicateEmailException e) {
                throw ApiException.badRequest(-1130, "A user with this email already exists.");
            }
            for (Grant g : grants) {
                CommandResult result = core.submit(new Deposit(userId, g.asset.id(), g.amount, 0)).join();
                if (result.status() != CommandResult.Status.ACCEPTED) {
                    throw ApiException.badRequest(result.reject().code(), result.reject().message());
                }
            }
            StoredApiKey key = withKey ? accounts.createHmacKey(userId, "bourse user create",
                    Set.of("READ", "TRADE"), List.of()) : null;
            return JsonOut.write(g -> {
                g.writeStartObject();
                g.writeNumberField("userId", userId);
                if (key != null) {
                    g.writeStringField("apiKey", key.apiKey());
                    g.writeStringField("secretKey", new String(key.secret(), StandardCharsets.US_ASCII));
                }
                g.writeEndObject();
            });
        });
    }

    /** {@code USDT=100000,BTC=5} into exact amounts of listed assets. */
    private List<Grant> grants(String text) {
        List<Grant> grants = new ArrayList<>();
        if (text == null) {
            return grants;
        }
        for (String item : text.split(",")) {
            if (!FUND.matcher(item).matches()) {
                throw ApiException.illegalChars("fund", "ASSET=AMOUNT[,ASSET=AMOUNT...]");
            }
            String[] kv = item.split("=");
            AssetSpec asset = md.listing().asset(kv[0])
                    .orElseThrow(() -> ApiException.badRequest(-1130, "Unknown asset " + kv[0] + "."));
            long amount = switch (Decimals.parse(kv[1], asset.scale())) {
                case Decimals.Parsed.Value v when v.units() > 0 -> v.units();
                case Decimals.Parsed.TooPrecise t ->
                        throw ApiException.badRequest(-1111, "Precision is over the maximum defined for this asset.");
                default -> throw ApiException.invalidValue("fund");
            };
            grants.add(new Grant(asset, amount));
        }
        return grants;
    }
}
