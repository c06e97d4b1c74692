package io.bourse.api.operator;

import io.bourse.api.http.ApiException;
import io.bourse.api.http.Decimals;
import io.bourse.api.http.Endpoint;
import io.bourse.api.http.JsonOut;
import io.bourse.api.http.Params;
import io.bourse.api.http.Request;
import io.bourse.engine.command.Deposit;
import io.bourse.engine.market.AssetSpec;
import io.bourse.marketdata.MarketData;
import io.bourse.runtime.ExchangeCore;
import io.bourse.runtime.pipeline.CommandResult;
import io.bourse.store.Accounts;
import io.bourse.store.StoredApiKey;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Operator endpoints under {@code /bourse/operator}, authorized by the operator token (a bearer token the server
 * writes to its data directory, readable by its owner only). Until sign-up exists, {@code POST
 * /bourse/operator/users} creates a user, credits demo funds through the engine and issues an API key: what
 * {@code bourse user create} calls.
 */
public final class OperatorRoutes {
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]{1,190}$");
    private static final Pattern FUND = Pattern.compile("^[A-Z0-9]{1,20}=[0-9.]{1,40}$");

    private final Vertx vertx;
    private final ExchangeCore core;
    private final MarketData md;
    private final Accounts accounts;
    private final byte[] token;

    public OperatorRoutes(Vertx vertx, ExchangeCore core, MarketData md, Accounts accounts, String token) {
        this.vertx = vertx;
        this.core = core;
        this.md = md;
        this.accounts = accounts;
        this.token = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    public List<Endpoint> endpoints() {
        return List.of(Endpoint.of(HttpMethod.POST, "/bourse/operator/users", 1, this::createUser));
    }

    private void authorize(Request r) {
        String given = r.headers().get("Authorization");
        if (given == null || !MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(401, -1002, "You are not authorized to execute this request.");
        }
    }

    private record Grant(AssetSpec asset, long amount) {
    }

    private Future<Buffer> createUser(Request r) {
        authorize(r);
        Params p = r.params();
        String email = p.require("email");
        if (!EMAIL.matcher(email).matches()) {
            throw ApiException.invalidValue("email");
        }
        List<Grant> grants = grants(p.get("fund"));
        boolean withKey = "true".equalsIgnoreCase(p.get("apiKey"));
        return vertx.executeBlocking(() -> {
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
