package io.bourse.api;

import com.binance.connector.client.impl.SpotClientImpl;
import com.binance.connector.client.impl.spot.Trade;
import io.bourse.api.auth.ApiKey;
import io.bourse.api.auth.Permission;
import io.bourse.engine.Side;
import io.bourse.engine.TimeInForce;
import io.bourse.engine.command.PlaceOrder;
import io.bourse.engine.event.EngineEvent;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;

import static io.bourse.api.TestParams.params;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With a history store, the user-data reader holds a user's newest closed orders and fills, not every one the store
 * has too, and the queries still answer with all of them.
 */
class UserDataMemoryTest {
    private static final int ROUNDS = 250;
    @TempDir
    Path dir;

    @Test
    void closedOrdersAndFillsTheStoreHoldsAreNotAlsoHeldInMemory() throws Exception {
        try (LiveExchange exchange = new LiveExchange(dir, ApiConfig.defaults(0), true)) {
            exchange.fund(1, LiveExchange.USDT, "1000000");
            exchange.fund(2, LiveExchange.BTC, "10");
            long first = fill(exchange);
            for (int i = 1; i < ROUNDS; i++) {
                fill(exchange);
            }
            exchange.settle();
            fill(exchange);   // one more after the store caught up: its writes let go of what the store holds
            exchange.settle();

            assertThat(exchange.userData.user(1).heldCount()).as("100 closed orders and 100 fills")
                    .isEqualTo(200);
            String key = "memory" + "0".repeat(58);
            exchange.keys.put(ApiKey.hmac(key, 1, Set.of(Permission.READ), "s".getBytes(StandardCharsets.US_ASCII)));
            Trade alice = new SpotClientImpl(key, "s", exchange.baseUrl()).createTrade();
            JSONArray orders = new JSONArray(alice.getOrders(params("symbol", "BTCUSDT", "limit", 1000)));
            assertThat(orders.length()).isEqualTo(ROUNDS + 1);
            assertThat(orders.getJSONObject(0).getLong("orderId")).isEqualTo(first);
            JSONArray fills = new JSONArray(alice.myTrades(params("symbol", "BTCUSDT", "limit", 1000)));
            assertThat(fills.length()).isEqualTo(ROUNDS + 1);
            JSONObject oldest = new JSONObject(alice.getOrder(params("symbol", "BTCUSDT", "orderId", first)));
            assertThat(oldest.getString("status")).isEqualTo("FILLED");
        }
    }

    /** User 1's resting buy, filled by user 2's market sell; returns the buy's order id. */
    private static long fill(LiveExchange exchange) {
        long qty = LiveExchange.units("0.001");
        long id = exchange.submit(PlaceOrder.limit(LiveExchange.BTCUSDT, 1, Side.BUY, LiveExchange.units("60000"),
                qty, TimeInForce.GTC)).events().stream()
                .filter(e -> e instanceof EngineEvent.OrderUpdated)
                .mapToLong(e -> ((EngineEvent.OrderUpdated) e).order().orderId()).findFirst().orElseThrow();
        exchange.submit(PlaceOrder.market(LiveExchange.BTCUSDT, 2, Side.SELL, qty));
        return id;
    }
}
