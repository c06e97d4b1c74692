package io.bourse.api;

import com.binance.connector.client.exceptions.BinanceClientException;
import com.binance.connector.client.impl.SpotClientImpl;
import com.binance.connector.client.impl.spot.Trade;
import io.bourse.api.auth.ApiKey;
import io.bourse.api.auth.Permission;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static io.bourse.api.TestParams.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** cancelReplace (all outcomes), amend keeping priority, and OCO order lists. */
class OrderChangesTest {
    private static final String SECRET = "changes-secret";
    @TempDir
    static Path dir;
    static LiveExchange exchange;
    static Trade trade;
    static String key;

    @BeforeAll
    static void start() throws Exception {
        exchange = new LiveExchange(dir);
        exchange.fund(1, LiveExchange.USDT, "1000000");
        exchange.fund(1, LiveExchange.BTC, "10");
        key = "changes" + "0".repeat(57);
        exchange.keys.put(ApiKey.hmac(key, 1, Set.of(Permission.READ, Permission.TRADE),
                SECRET.getBytes(StandardCharsets.US_ASCII)));
        trade = new SpotClientImpl(key, SECRET, exchange.baseUrl()).createTrade();
    }

    @AfterAll
    static void stop() throws Exception {
        exchange.close();
    }

    private static long buy(String price) {
        return new JSONObject(trade.newOrder(params("symbol", "BTCUSDT", "side", "BUY", "type", "LIMIT",
                "timeInForce", "GTC", "quantity", "0.1", "price", price))).getLong("orderId");
    }

    /** A signed request over plain HTTP (for endpoints the connector does not have). */
    private static HttpResponse<String> signed(String method, String path, String query) throws Exception {
        return exchange.signed(key, SECRET, method, path, query);
    }

    @Test
    void cancelReplaceSucceedsPartlyOrNot() {
        long first = buy("50000");
        JSONObject both = new JSONObject(trade.cancelReplace(params("symbol", "BTCUSDT", "side", "BUY",
                "type", "LIMIT", "timeInForce", "GTC", "quantity", "0.2", "price", "51000",
                "cancelReplaceMode", "STOP_ON_FAILURE", "cancelOrderId", first)));
        assertThat(both.getString("cancelResult")).isEqualTo("SUCCESS");
        assertThat(both.getString("newOrderResult")).isEqualTo("SUCCESS");
        assertThat(both.getJSONObject("cancelResponse").getString("status")).isEqualTo("CANCELED");
        long second = both.getJSONObject("newOrderResponse").getLong("orderId");

        // the cancel fails (unknown order) and STOP_ON_FAILURE stops there: 400 -2022, nothing placed
        assertThatThrownBy(() -> trade.cancelReplace(params("symbol", "BTCUSDT", "side", "BUY", "type", "LIMIT",
                "timeInForce", "GTC", "quantity", "0.2", "price", "51000", "cancelReplaceMode", "STOP_ON_FAILURE",
                "cancelOrderId", 999_999))).isInstanceOfSatisfying(BinanceClientException.class, e -> {
                    assertThat(e.getHttpStatusCode()).isEqualTo(400);
                    assertThat(e.getErrorCode()).isEqualTo(-2022);
                    assertThat(e.getMessage()).contains("\"newOrderResult\":\"NOT_ATTEMPTED\"")
                            .contains("\"code\":-2011");
                });

        // the cancel works but the new order is refused (insufficient balance): 409 -2021, the cancel stands
        assertThatThrownBy(() -> trade.cancelReplace(params("symbol", "BTCUSDT", "side", "BUY", "type", "LIMIT",
                "timeInForce", "GTC", "quantity", "1000", "price", "51000", "cancelReplaceMode", "STOP_ON_FAILURE",
                "cancelOrderId", second))).isInstanceOfSatisfying(BinanceClientException.class, e -> {
                    assertThat(e.getHttpStatusCode()).isEqualTo(409);
                    assertThat(e.getErrorCode()).isEqualTo(-2021);
                    assertThat(e.getMessage()).contains("\"cancelResult\":\"SUCCESS\"")
                            .contains("Account has insufficient balance for requested action.");
                });
        assertThat(new JSONObject(trade.getOrder(params("symbol", "BTCUSDT", "orderId", second)))
                .getString("status")).isEqualTo("CANCELED");
    }

    @Test
    void amendKeepsPriorityAndOnlyDecreases() throws Exception {
        long id = buy("40000");
        String placedClientId = new JSONObject(trade.getOrder(params("symbol", "BTCUSDT", "orderId", id)))
                .getString("clientOrderId");
        HttpResponse<String> amended = signed("PUT", "/api/v3/order/amend/keepPriority",
                "symbol=BTCUSDT&orderId=" + id + "&newQty=0.05");
        assertThat(amended.statusCode()).isEqualTo(200);
        JSONObject order = new JSONObject(amended.body()).getJSONObject("amendedOrder");
        assertThat(order.getString("qty")).isEqualTo("0.05000000");
        // as on Binance, an amended order gets a new client id (made up when none is sent); the old one is echoed
        assertThat(order.getString("origClientOrderId")).isEqualTo(placedClientId);
        assertThat(order.getString("clientOrderId")).isNotEqualTo(placedClientId).matches("[A-Za-z0-9_-]{1,36}");
        HttpResponse<String> renamed = signed("PUT", "/api/v3/order/amend/keepPriority",
                "symbol=BTCUSDT&origClientOrderId=" + order.getString("clientOrderId")
                        + "&newQty=0.04&newClientOrderId=mine-2");
        JSONObject again = new JSONObject(renamed.body()).getJSONObject("amendedOrder");
        assertThat(again.getString("origClientOrderId")).isEqualTo(order.getString("clientOrderId"));
        assertThat(again.getString("clientOrderId")).isEqualTo("mine-2");
        assertThat(new JSONObject(trade.getOrder(params("symbol", "BTCUSDT", "origClientOrderId", "mine-2")))
                .getLong("orderId")).isEqualTo(id);
        org.json.JSONArray amendments = new org.json.JSONArray(signed("GET", "/api/v3/order/amendments",
                "symbol=BTCUSDT&orderId=" + id).body());
        assertThat(amendments.length()).isEqualTo(2);
        JSONObject first = amendments.getJSONObject(0);
        assertThat(first.getLong("executionId")).isEqualTo(new JSONObject(amended.body()).getLong("executionId"));
        assertThat(List.of(first.getString("origClientOrderId"), first.getString("origQty"),
                first.getString("newQty"))).containsExactly(placedClientId, "0.10000000", "0.05000000");
        assertThat(amendments.getJSONObject(1).getString("newClientOrderId")).isEqualTo("mine-2");
        assertThat(amendments.getJSONObject(1).getString("newQty")).isEqualTo("0.04000000");
        long other = buy("39000");
        HttpResponse<String> taken = signed("PUT", "/api/v3/order/amend/keepPriority",
                "symbol=BTCUSDT&orderId=" + other + "&newQty=0.05&newClientOrderId=mine-2");
        assertThat(taken.statusCode()).isEqualTo(400);
        assertThat(new JSONObject(taken.body()).getString("msg")).isEqualTo("Duplicate order sent.");
        assertThat(new JSONObject(trade.getOrder(params("symbol", "BTCUSDT", "orderId", other)))
                .getString("origQty")).isEqualTo("0.10000000");
        trade.cancelOrder(params("symbol", "BTCUSDT", "orderId", other));
        HttpResponse<String> increase = signed("PUT", "/api/v3/order/amend/keepPriority",
                "symbol=BTCUSDT&orderId=" + id + "&newQty=0.5");
        assertThat(increase.statusCode()).isEqualTo(400);
        assertThat(new JSONObject(increase.body()).getInt("code")).isEqualTo(-2010);
        trade.cancelOrder(params("symbol", "BTCUSDT", "orderId", id));
    }

    @Test
    void matchesStoppedBySelfTradePreventionAreListed() throws Exception {
        long maker = new JSONObject(trade.newOrder(params("symbol", "BTCUSDT", "side", "SELL", "type", "LIMIT",
                "timeInForce", "GTC", "quantity", "0.1", "price", "90000"))).getLong("orderId");
        long taker = new JSONObject(trade.newOrder(params("symbol", "BTCUSDT", "side", "BUY", "type", "LIMIT",
                "timeInForce", "IOC", "quantity", "0.1", "price", "90000", "selfTradePreventionMode",
                "EXPIRE_MAKER"))).getLong("orderId");
        org.json.JSONArray byOrder = new org.json.JSONArray(signed("GET", "/api/v3/myPreventedMatches",
                "symbol=BTCUSDT&orderId=" + maker).body());
        assertThat(byOrder.length()).isEqualTo(1);
        JSONObject match = byOrder.getJSONObject(0);
        assertThat(match.getLong("takerOrderId")).isEqualTo(taker);
        assertThat(match.getLong("makerOrderId")).isEqualTo(maker);
        assertThat(match.getString("makerSymbol")).isEqualTo("BTCUSDT");
        assertThat(match.getString("selfTradePreventionMode")).isEqualTo("EXPIRE_MAKER");
        assertThat(match.getString("price")).isEqualTo("90000.00000000");
        assertThat(match.getString("makerPreventedQuantity")).isEqualTo("0.10000000");
        org.json.JSONArray byId = new org.json.JSONArray(signed("GET", "/api/v3/myPreventedMatches",
                "symbol=BTCUSDT&preventedMatchId=" + match.getLong("preventedMatchId")).body());
        assertThat(byId.getJSONObject(0).getLong("makerOrderId")).isEqualTo(maker);
        HttpResponse<String> neither = signed("GET", "/api/v3/myPreventedMatches", "symbol=BTCUSDT");
        assertThat(neither.statusCode()).isEqualTo(400);
        assertThat(new JSONObject(neither.body()).getString("msg"))
                .isEqualTo("Param 'preventedMatchId' or 'orderId' must be sent, but both were empty/null!");
        assertThat(new JSONObject(trade.getOrder(params("symbol", "BTCUSDT", "orderId", maker)))
                .getString("status")).isEqualTo("EXPIRED_IN_MATCH");
    }

    @Test
    void ocoPlacesTwoLegsAsOneList() throws Exception {
        HttpResponse<String> placed = signed("POST", "/api/v3/orderList/oco", "symbol=BTCUSDT&side=SELL"
                + "&quantity=0.1&aboveType=LIMIT_MAKER&abovePrice=70000&belowType=STOP_LOSS_LIMIT&belowPrice=49000"
                + "&belowStopPrice=49500&belowTimeInForce=GTC&listClientOrderId=my-oco");
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(200);
        JSONObject list = new JSONObject(placed.body());
        assertThat(list.getString("contingencyType")).isEqualTo("OCO");
        assertThat(list.getString("listClientOrderId")).isEqualTo("my-oco");
        assertThat(list.getJSONArray("orders").length()).isEqualTo(2);
        assertThat(list.getJSONArray("orderReports").getJSONObject(0).getLong("orderListId"))
                .isEqualTo(list.getLong("orderListId"));
        HttpResponse<String> queried = signed("GET", "/api/v3/orderList", "orderListId=" + list.getLong("orderListId"));
        assertThat(new JSONObject(queried.body()).getString("listOrderStatus")).isEqualTo("EXECUTING");
        assertThat(new JSONObject(queried.body()).has("orderReports")).isFalse();
        assertThat(new JSONObject(queried.body()).getString("listClientOrderId")).isEqualTo("my-oco");
        JSONObject byClientId = new JSONObject(signed("GET", "/api/v3/orderList", "origClientOrderId=my-oco").body());
        assertThat(byClientId.getLong("orderListId")).isEqualTo(list.getLong("orderListId"));
        assertThat(new org.json.JSONArray(signed("GET", "/api/v3/openOrderList", "").body()).length()).isEqualTo(1);
        HttpResponse<String> neither = signed("DELETE", "/api/v3/orderList", "symbol=BTCUSDT");
        assertThat(new JSONObject(neither.body()).getString("msg"))
                .isEqualTo("Param 'listClientOrderId' or 'orderListId' must be sent, but both were empty/null!");
        HttpResponse<String> mismatched = signed("DELETE", "/api/v3/orderList", "symbol=BTCUSDT&orderListId="
                + list.getLong("orderListId") + "&listClientOrderId=not-mine");
        assertThat(new JSONObject(mismatched.body()).getInt("code")).isEqualTo(-2011);

        HttpResponse<String> cancelled = signed("DELETE", "/api/v3/orderList",
                "symbol=BTCUSDT&listClientOrderId=my-oco");
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        JSONObject done = new JSONObject(cancelled.body());
        assertThat(done.getString("listStatusType")).isEqualTo("ALL_DONE");
        assertThat(done.getString("listClientOrderId")).isEqualTo("my-oco");
        assertThat(done.getJSONArray("orderReports").length()).isEqualTo(2);
        assertThat(done.getJSONArray("orderReports").getJSONObject(1).getString("status")).isEqualTo("CANCELED");
        HttpResponse<String> again = signed("DELETE", "/api/v3/orderList", "symbol=BTCUSDT&orderListId="
                + list.getLong("orderListId"));
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(new JSONObject(again.body()).getInt("code")).isEqualTo(-2011);
        assertThat(new org.json.JSONArray(signed("GET", "/api/v3/openOrderList", "").body()).length()).isZero();
        org.json.JSONArray all = new org.json.JSONArray(signed("GET", "/api/v3/allOrderList", "").body());
        assertThat(all.length()).isEqualTo(1);
        assertThat(all.getJSONObject(0).getString("listStatusType")).isEqualTo("ALL_DONE");
        assertThat(all.getJSONObject(0).getString("listClientOrderId")).isEqualTo("my-oco");

        HttpResponse<String> bad = signed("POST", "/api/v3/orderList/oco", "symbol=BTCUSDT&side=SELL"
                + "&quantity=0.1&aboveType=MARKET&belowType=STOP_LOSS&belowStopPrice=49500");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(new JSONObject(bad.body()).getInt("code")).isEqualTo(-1116);
    }

    @Test
    void deprecatedOcoEndpointPlacesALimitMakerAndAStopLeg() throws Exception {
        HttpResponse<String> sell = signed("POST", "/api/v3/order/oco", "symbol=BTCUSDT&side=SELL&quantity=0.1"
                + "&price=70000&stopPrice=49500&stopLimitPrice=49000&stopLimitTimeInForce=GTC"
                + "&listClientOrderId=old-style&limitClientOrderId=take-profit&stopClientOrderId=stop-loss");
        assertThat(sell.statusCode()).as(sell.body()).isEqualTo(200);
        JSONObject list = new JSONObject(sell.body());
        assertThat(list.getString("contingencyType")).isEqualTo("OCO");
        assertThat(list.getString("listClientOrderId")).isEqualTo("old-style");
        java.util.Map<String, JSONObject> legs = new java.util.HashMap<>();
        for (Object o : list.getJSONArray("orderReports")) {
            legs.put(((JSONObject) o).getString("clientOrderId"), (JSONObject) o);
        }
        assertThat(legs.get("take-profit").getString("type")).isEqualTo("LIMIT_MAKER");
        assertThat(legs.get("take-profit").getString("price")).startsWith("70000.");
        assertThat(legs.get("stop-loss").getString("type")).isEqualTo("STOP_LOSS_LIMIT");
        assertThat(legs.get("stop-loss").getString("stopPrice")).startsWith("49500.");
        assertThat(legs.get("stop-loss").getString("price")).startsWith("49000.");
        assertThat(legs.get("stop-loss").getString("timeInForce")).isEqualTo("GTC");

        // a buy: the limit leg below, a plain STOP_LOSS above when no stop-limit price is sent
        HttpResponse<String> buy = signed("POST", "/api/v3/order/oco", "symbol=BTCUSDT&side=BUY&quantity=0.1"
                + "&price=49000&stopPrice=70000");
        assertThat(buy.statusCode()).as(buy.body()).isEqualTo(200);
        List<String> types = new java.util.ArrayList<>();
        for (Object o : new JSONObject(buy.body()).getJSONArray("orderReports")) {
            types.add(((JSONObject) o).getString("type"));
        }
        assertThat(types).containsExactlyInAnyOrder("LIMIT_MAKER", "STOP_LOSS");
        int open = new org.json.JSONArray(signed("GET", "/api/v3/openOrderList", "").body()).length();
        assertThat(open).isGreaterThanOrEqualTo(2);

        // each mistake is named, and places nothing
        assertThat(new JSONObject(signed("POST", "/api/v3/order/oco", "symbol=BTCUSDT&side=SELL&quantity=0.1"
                + "&price=70000&stopPrice=49500&stopLimitTimeInForce=GTC").body()).getString("msg"))
                .isEqualTo("Parameter 'stopLimitTimeInForce' sent when not required.");
        assertThat(new JSONObject(signed("POST", "/api/v3/order/oco", "symbol=BTCUSDT&side=SELL&quantity=0.1"
                + "&price=70000&stopPrice=49500&stopLimitPrice=49000").body()).getInt("code")).isEqualTo(-1102);
        assertThat(new JSONObject(signed("POST", "/api/v3/order/oco", "symbol=BTCUSDT&side=SELL&quantity=0.1"
                + "&price=70000&stopPrice=49500&limitIcebergQty=0.01").body()).getInt("code")).isEqualTo(-1014);
        assertThat(new JSONObject(signed("POST", "/api/v3/orderList/oco", "symbol=BTCUSDT&side=SELL"
                + "&quantity=0.1&aboveType=LIMIT_MAKER&abovePrice=70000&aboveIcebergQty=0.01&belowType=STOP_LOSS"
                + "&belowStopPrice=49500").body()).getInt("code")).isEqualTo(-1014);
        assertThat(new JSONObject(signed("POST", "/api/v3/order/oco", "symbol=BTCUSDT&side=SELL&quantity=0.1"
                + "&price=40000&stopPrice=49500").body()).getInt("code")).isEqualTo(-2010);
        assertThat(new org.json.JSONArray(signed("GET", "/api/v3/openOrderList", "").body()).length())
                .isEqualTo(open);
        for (String id : List.of(String.valueOf(list.getLong("orderListId")),
                String.valueOf(new JSONObject(buy.body()).getLong("orderListId")))) {
            assertThat(signed("DELETE", "/api/v3/orderList", "symbol=BTCUSDT&orderListId=" + id).statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void cancelRestrictionsLeaveOrdersOfTheOtherStatusAlone() throws Exception {
        long id = buy("41000");
        HttpResponse<String> refused = signed("DELETE", "/api/v3/order", "symbol=BTCUSDT&orderId=" + id
                + "&cancelRestrictions=ONLY_PARTIALLY_FILLED");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(new JSONObject(refused.body()).getInt("code")).isEqualTo(-2011);
        assertThat(new JSONObject(refused.body()).getString("msg"))
                .isEqualTo("Order was not canceled due to cancel restrictions.");
        HttpResponse<String> invalid = signed("DELETE", "/api/v3/order", "symbol=BTCUSDT&orderId=" + id
                + "&cancelRestrictions=SOMETIMES");
        assertThat(new JSONObject(invalid.body()).getInt("code")).isEqualTo(-1145);
        assertThat(new JSONObject(signed("GET", "/api/v3/order", "symbol=BTCUSDT&orderId=" + id).body())
                .getString("status")).isEqualTo("NEW");

        // cancelReplace: the restricted cancel fails, so under STOP_ON_FAILURE nothing is placed (400 -2022)
        HttpResponse<String> replace = signed("POST", "/api/v3/order/cancelReplace", "symbol=BTCUSDT&side=BUY"
                + "&type=LIMIT&timeInForce=GTC&quantity=0.1&price=41001&cancelReplaceMode=STOP_ON_FAILURE"
                + "&cancelOrderId=" + id + "&cancelRestrictions=ONLY_PARTIALLY_FILLED");
        assertThat(replace.statusCode()).as(replace.body()).isEqualTo(400);
        JSONObject data = new JSONObject(replace.body()).getJSONObject("data");
        assertThat(data.getJSONObject("cancelResponse").getInt("code")).isEqualTo(-2011);
        assertThat(data.getString("newOrderResult")).isEqualTo("NOT_ATTEMPTED");

        HttpResponse<String> cancelled = signed("DELETE", "/api/v3/order", "symbol=BTCUSDT&orderId=" + id
                + "&cancelRestrictions=ONLY_NEW");
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        assertThat(new JSONObject(cancelled.body()).getString("status")).isEqualTo("CANCELED");
    }

    @Test
    void emptyClientOrderIdsAreRefusedWithTheirOwnCodes() throws Exception {
        int open = new org.json.JSONArray(signed("GET", "/api/v3/openOrders", "symbol=BTCUSDT").body()).length();
        HttpResponse<String> placed = signed("POST", "/api/v3/order", "symbol=BTCUSDT&side=BUY&type=LIMIT"
                + "&timeInForce=GTC&quantity=0.1&price=42000&newClientOrderId=");
        assertThat(placed.statusCode()).isEqualTo(400);
        assertThat(new JSONObject(placed.body()).getInt("code")).isEqualTo(-1118);
        assertThat(new JSONObject(placed.body()).getString("msg")).isEqualTo("New client order ID was empty.");
        assertThat(new org.json.JSONArray(signed("GET", "/api/v3/openOrders", "symbol=BTCUSDT").body()).length())
                .isEqualTo(open);
        HttpResponse<String> cancel = signed("DELETE", "/api/v3/order", "symbol=BTCUSDT&origClientOrderId=");
        assertThat(new JSONObject(cancel.body()).getInt("code")).isEqualTo(-1119);
        assertThat(new JSONObject(cancel.body()).getString("msg")).isEqualTo("Original client order ID was empty.");
    }
}
