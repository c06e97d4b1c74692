package io.bourse.api;

import io.bourse.api.auth.ApiKey;
import io.bourse.api.auth.Permission;
import io.bourse.api.auth.Signatures;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random damage to valid signed requests on every signed endpoint (dropped, garbled, oversized, duplicated,
 * negative or huge values; broken signatures; stale or future timestamps; unknown keys): every answer is a
 * Binance error body with a 4xx status (never a 5xx), and the account's totals never change (one user, who cannot
 * trade with itself, so nothing may move money).
 */
class SignedRequestFuzzTest {
    private static final String SECRET = "fuzz-secret";
    private static final List<String[]> ENDPOINTS = List.of(
            new String[]{"POST", "/api/v3/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01"
                    + "&price=50000"},
            new String[]{"POST", "/api/v3/order", "symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.01"},
            new String[]{"POST", "/api/v3/order/test", "symbol=BTCUSDT&side=BUY&type=LIMIT_MAKER&quantity=0.01"
                    + "&price=50000"},
            new String[]{"DELETE", "/api/v3/order", "symbol=BTCUSDT&orderId=1"},
            new String[]{"GET", "/api/v3/order", "symbol=BTCUSDT&orderId=1"},
            new String[]{"GET", "/api/v3/openOrders", "symbol=BTCUSDT"},
            new String[]{"DELETE", "/api/v3/openOrders", "symbol=BTCUSDT"},
            new String[]{"GET", "/api/v3/allOrders", "symbol=BTCUSDT&limit=10"},
            new String[]{"GET", "/api/v3/myTrades", "symbol=BTCUSDT&limit=10"},
            new String[]{"GET", "/api/v3/account", "omitZeroBalances=true"},
            new String[]{"GET", "/api/v3/account/commission", "symbol=BTCUSDT"},
            new String[]{"GET", "/sapi/v1/asset/tradeFee", "symbol=BTCUSDT"},
            new String[]{"POST", "/api/v3/order/cancelReplace", "symbol=BTCUSDT&side=BUY&type=LIMIT"
                    + "&timeInForce=GTC&quantity=0.01&price=50000&cancelReplaceMode=ALLOW_FAILURE&cancelOrderId=1"},
            new String[]{"PUT", "/api/v3/order/amend/keepPriority", "symbol=BTCUSDT&orderId=1&newQty=0.001"},
            new String[]{"POST", "/api/v3/orderList/oco", "symbol=BTCUSDT&side=SELL&quantity=0.01"
                    + "&aboveType=LIMIT_MAKER&abovePrice=70000&belowType=STOP_LOSS&belowStopPrice=40000"},
            new String[]{"POST", "/api/v3/order/oco", "symbol=BTCUSDT&side=SELL&quantity=0.01&price=70000"
                    + "&stopPrice=40000&stopLimitPrice=39000&stopLimitTimeInForce=GTC"});
    private static final String[] GARBAGE = {"", "-1", "0", "1e9", "NaN", "99999999999999999999999",
            "0.0000000000001", "BUY SELL", "ｂｕｙ", "%00", "../../etc", "'; DROP TABLE orders; --", "null", "[]",
            "{\"a\":1}", "x".repeat(5000)};

    @TempDir
    Path dir;

    @Test
    void damagedRequestsGetBinanceErrorsAndMoveNoMoney() throws Exception {
        try (LiveExchange exchange = new LiveExchange(dir)) {
            exchange.fund(1, LiveExchange.USDT, "100000");
            exchange.fund(1, LiveExchange.BTC, "1");
            String key = "fuzz" + "0".repeat(60);
            exchange.keys.put(ApiKey.hmac(key, 1, Set.of(Permission.READ, Permission.TRADE),
                    SECRET.getBytes(StandardCharsets.US_ASCII)));
            Map<String, String> before = totals(exchange);
            HttpClient http = HttpClient.newHttpClient();
            Random rnd = new Random(42);
            int refused = 0;
            for (int i = 0; i < 700; i++) {
                String[] endpoint = ENDPOINTS.get(rnd.nextInt(ENDPOINTS.size()));
                Damaged d = damage(endpoint[2], rnd);
                long timestamp = System.currentTimeMillis() + d.clockSkewMs;
                String payload = d.query + "&timestamp=" + timestamp;
                String signature = Signatures.hmacHex(SECRET.getBytes(StandardCharsets.US_ASCII), payload);
                if (d.breakSignature) {
                    signature = signature.substring(1) + (signature.charAt(0) == 'a' ? 'b' : 'a');
                }
                HttpRequest request = HttpRequest.newBuilder(URI.create(exchange.baseUrl() + endpoint[1] + "?"
                                + payload + "&signature=" + signature))
                        .header("X-MBX-APIKEY", d.unknownKey ? "nobody" + "0".repeat(58) : key)
                        .method(endpoint[0], HttpRequest.BodyPublishers.noBody()).build();
                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as("%s %s?%s -> %s", endpoint[0], endpoint[1], payload, r.body())
                        .isLessThan(500);
                if (r.statusCode() != 200) {
                    refused++;
                    JSONObject error = new JSONObject(r.body());
                    assertThat(error.getInt("code")).as(r.body()).isNegative();
                    assertThat(error.getString("msg")).as(r.body()).isNotBlank();
                }
            }
            assertThat(refused).isGreaterThan(300);
            exchange.settle();
            assertThat(totals(exchange)).isEqualTo(before);
        }
    }

    private record Damaged(String query, long clockSkewMs, boolean breakSignature, boolean unknownKey) {
    }

    /** One kind of damage to a valid query (or none, now and then, so valid requests mix in). */
    private static Damaged damage(String query, Random rnd) {
        List<String[]> params = new ArrayList<>();
        for (String pair : query.split("&")) {
            params.add(pair.split("=", 2));
        }
        long skew = 0;
        boolean breakSig = false;
        boolean unknown = false;
        switch (rnd.nextInt(8)) {
            case 0 -> params.remove(rnd.nextInt(params.size()));
            case 1, 2 -> params.get(rnd.nextInt(params.size()))[1] = GARBAGE[rnd.nextInt(GARBAGE.length)];
            case 3 -> params.add(params.get(rnd.nextInt(params.size())).clone());
            case 4 -> skew = rnd.nextBoolean() ? -120_000 : 5_000;
            case 5 -> breakSig = true;
            case 6 -> unknown = true;
            default -> {
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] p : params) {
            out.append(out.isEmpty() ? "" : "&").append(p[0]).append('=')
                    .append(URLEncoder.encode(p[1], StandardCharsets.UTF_8));
        }
        return new Damaged(out.toString(), skew, breakSig, unknown);
    }

    /** Per asset, the user's free + locked. */
    private static Map<String, String> totals(LiveExchange exchange) throws InterruptedException {
        exchange.settle();
        Map<String, String> out = new LinkedHashMap<>();
        exchange.userData.user(1).balances().forEach(b -> out.put(
                exchange.marketData.listing().asset(b.assetId()).name(), Long.toString(b.free() + b.locked())));
        return out;
    }
}
