package io.bourse.api;

import io.bourse.api.auth.ApiKey;
import io.bourse.api.auth.Permission;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The ORDERS limit per account (here 3 per 10 s): counted in headers, 429 -1015 beyond, and cancelReplace's modes. */
class OrderRateLimitTest {
    private static final String SECRET = "limit-secret";
    private static final String KEY = "limits" + "0".repeat(58);
    @TempDir
    Path dir;

    @Test
    void newOrdersBeyondTheLimitAreRefusedAndCancelReplaceMayStillCancel() throws Exception {
        try (LiveExchange exchange = new LiveExchange(dir, ApiConfig.defaults(0).withOrderLimits(3, 1000), false)) {
            exchange.fund(1, LiveExchange.USDT, "100000");
            exchange.keys.put(ApiKey.hmac(KEY, 1, Set.of(Permission.READ, Permission.TRADE),
                    SECRET.getBytes(StandardCharsets.US_ASCII)));
            awaitFreshTenSecondInterval();
            long first = 0;
            for (int i = 1; i <= 3; i++) {
                HttpResponse<String> placed = buy(exchange, "4000" + i);
                assertThat(placed.statusCode()).as(placed.body()).isEqualTo(200);
                assertThat(placed.headers().firstValue("x-mbx-order-count-10s")).hasValue(String.valueOf(i));
                first = first == 0 ? new JSONObject(placed.body()).getLong("orderId") : first;
            }
            HttpResponse<String> refused = buy(exchange, "40004");
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(new JSONObject(refused.body()).getInt("code")).isEqualTo(-1015);
            assertThat(new JSONObject(refused.body()).getString("msg"))
                    .isEqualTo("Too many new orders; current limit is 3 orders per 10 SECOND.");
            assertThat(openOrders(exchange)).isEqualTo(3);

            // cancelReplace over the limit: by default nothing happens; with CANCEL_ONLY the cancel still goes ahead
            String replace = "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.1&price=40005"
                    + "&cancelReplaceMode=STOP_ON_FAILURE&cancelOrderId=" + first;
            HttpResponse<String> nothing = exchange.signed(KEY, SECRET, "POST", "/api/v3/order/cancelReplace", replace);
            assertThat(nothing.statusCode()).isEqualTo(429);
            assertThat(openOrders(exchange)).isEqualTo(3);
            assertThat(new JSONObject(exchange.signed(KEY, SECRET, "POST", "/api/v3/order/cancelReplace",
                    replace + "&orderRateLimitExceededMode=SOMETIMES").body()).getInt("code")).isEqualTo(-1100);

            HttpResponse<String> cancelOnly = exchange.signed(KEY, SECRET, "POST", "/api/v3/order/cancelReplace",
                    replace + "&orderRateLimitExceededMode=CANCEL_ONLY");
            assertThat(cancelOnly.statusCode()).as(cancelOnly.body()).isEqualTo(409);
            JSONObject answer = new JSONObject(cancelOnly.body());
            assertThat(answer.getInt("code")).isEqualTo(-2021);
            JSONObject data = answer.getJSONObject("data");
            assertThat(data.getString("cancelResult")).isEqualTo("SUCCESS");
            assertThat(data.getString("newOrderResult")).isEqualTo("FAILURE");
            assertThat(data.getJSONObject("cancelResponse").getString("status")).isEqualTo("CANCELED");
            assertThat(data.getJSONObject("newOrderResponse").getInt("code")).isEqualTo(-1015);
            assertThat(openOrders(exchange)).isEqualTo(2);
        }
    }

    /**
     * The ORDERS counts start afresh at every 10-second interval of the clock, as Binance's do: the test's orders
     * must all fall within one, so it starts early in an interval (it takes well under the 7 s left then).
     */
    private static void awaitFreshTenSecondInterval() throws InterruptedException {
        long into = System.currentTimeMillis() % 10_000;
        if (into > 3_000) {
            Thread.sleep(10_000 - into + 50);
        }
    }

    private static HttpResponse<String> buy(LiveExchange exchange, String price) throws Exception {
        return exchange.signed(KEY, SECRET, "POST", "/api/v3/order", "symbol=BTCUSDT&side=BUY&type=LIMIT"
                + "&timeInForce=GTC&quantity=0.1&price=" + price);
    }

    private static int openOrders(LiveExchange exchange) throws Exception {
        return new JSONArray(exchange.signed(KEY, SECRET, "GET", "/api/v3/openOrders", "symbol=BTCUSDT").body())
                .length();
    }
}
