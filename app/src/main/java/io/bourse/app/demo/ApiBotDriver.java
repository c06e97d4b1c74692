package io.bourse.app.demo;

import io.bourse.api.auth.ApiKey;
import io.bourse.api.auth.InMemoryApiKeys;
import io.bourse.api.auth.Permission;
import io.bourse.api.auth.Signatures;
import io.bourse.engine.command.CancelAllOrders;
import io.bourse.engine.command.Command;
import io.bourse.engine.command.PlaceOrder;
import io.bourse.engine.OrderType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Sends the demo bots' orders through the public HTTP API, like any client: each bot signs with its own key
 * (registered at start, in memory, exempt from rate limits as an exchange's own market makers are) and sends one
 * request at a time, in order, so a re-quote's cancel-all lands before its new quotes. A bot that falls behind
 * skips orders rather than queueing them.
 */
public final class ApiBotDriver implements Consumer<Command> {
    private static final Logger LOG = LoggerFactory.getLogger(ApiBotDriver.class);
    private static final int MAX_PENDING = 200;

    private record Bot(String key, byte[] secret, AtomicInteger pending, CompletableFuture<?>[] last) {
    }

    private final String baseUrl;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<Long, Bot> bots = new ConcurrentHashMap<>();
    private final AtomicInteger failures = new AtomicInteger();

    /** Registers a key for each bot account in {@code keys}. */
    public ApiBotDriver(String baseUrl, InMemoryApiKeys keys, Iterable<Long> botUserIds) {
        this.baseUrl = baseUrl;
        SecureRandom random = new SecureRandom();
        for (long user : botUserIds) {
            byte[] keyBytes = new byte[32];
            byte[] secret = new byte[32];
            random.nextBytes(keyBytes);
            random.nextBytes(secret);
            String key = HexFormat.of().formatHex(keyBytes);
            byte[] secretText = HexFormat.of().formatHex(secret).getBytes(StandardCharsets.US_ASCII);
            keys.put(ApiKey.hmac(key, user, Set.of(Permission.READ, Permission.TRADE), secretText).asUnlimited());
            bots.put(user, new Bot(key, secretText, new AtomicInteger(), new CompletableFuture<?>[]{
                    CompletableFuture.completedFuture(null)}));
        }
    }

    /** Requests that did not end as the bots expect (kept for tests and the summary). */
    public int failures() {
        return failures.get();
    }

    @Override
    public void accept(Command command) {
        switch (command) {
            case CancelAllOrders c -> send(c.userId(), "DELETE", "/api/v3/openOrders", "symbol=" + symbol(c.symbolId()),
                    true);
            case PlaceOrder o -> send(o.userId(), "POST", "/api/v3/order", orderParams(o), false);
            default -> throw new IllegalArgumentException("the demo bots do not send " + command);
        }
    }

    /** Waits until every bot's requests so far are answered. */
    public void drain() {
        bots.values().forEach(b -> b.last[0].join());
    }

    private static String symbol(int symbolId) {
        return DemoMarkets.MARKETS.get(symbolId).symbol();
    }

    private static String orderParams(PlaceOrder o) {
        StringBuilder p = new StringBuilder("symbol=").append(symbol(o.symbolId())).append("&side=")
                .append(o.side().name()).append("&type=").append(o.type().name())
                .append("&quantity=").append(decimal(o.quantity())).append("&newOrderRespType=ACK");
        if (o.type() == OrderType.LIMIT) {
            p.append("&timeInForce=").append(o.timeInForce().name()).append("&price=").append(decimal(o.price()));
        }
        return p.toString();
    }

    private static String decimal(long units) {
        return BigDecimal.valueOf(units, DemoMarkets.SCALE).stripTrailingZeros().toPlainString();
    }

    private void send(long user, String method, String path, String params, boolean nothingToCancelIsFine) {
        Bot bot = bots.get(user);
        if (bot.pending.get() > MAX_PENDING) {
            return;
        }
        bot.pending.incrementAndGet();
        synchronized (bot) {
            bot.last[0] = bot.last[0].thenCompose(v -> {
                String payload = params + "&timestamp=" + System.currentTimeMillis();
                String query = payload + "&signature=" + Signatures.hmacHex(bot.secret, payload);
                HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path + "?" + query))
                        .header("X-MBX-APIKEY", bot.key).method(method, HttpRequest.BodyPublishers.noBody()).build();
                return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
            }).handle((response, error) -> {
                bot.pending.decrementAndGet();
                boolean fine = error == null && (response.statusCode() == 200
                        || (nothingToCancelIsFine && response.body().contains("-2011")));
                if (!fine && failures.incrementAndGet() <= 10) {
                    LOG.warn("demo bot {}: {} {} -> {}", user, method, path,
                            error != null ? error.toString() : response.statusCode() + " " + response.body());
                }
                return null;
            });
        }
    }
}
