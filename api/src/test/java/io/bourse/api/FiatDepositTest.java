package io.bourse.api;

import com.binance.connector.client.impl.SpotClientImpl;
import io.bourse.wallet.fiat.SandboxGateway;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Card deposits through the sandbox gateway: only a signed, fresh, matching webhook credits, exactly once; forged,
 * altered, stale, mismatched and replayed webhooks are refused and change nothing.
 */
class FiatDepositTest {
    @TempDir
    Path dir;

    @Test
    void onlyAGenuineWebhookCreditsAndOnlyOnce() throws Exception {
        try (LiveExchange exchange = new LiveExchange(dir, ApiConfig.defaults(0), true)) {
            String base = exchange.baseUrl();
            Browser user = Browser.verifiedUser(base, "fiat@example.com", "fiat user password");
            assertThat(user.post("/bourse/v1/fiat/deposits", "currency", "USD", "amount", "100").code())
                    .isEqualTo(-7021);
            user.post("/bourse/v1/kyc/personal", "fullName", "Fiona Fiat", "dateOfBirth", "1975-05-05", "country",
                    "US", "address", "1 Main Street, Springfield");
            assertThat(user.post("/bourse/v1/fiat/deposits", "currency", "EUR", "amount", "100").code())
                    .isEqualTo(-7000);
            assertThat(user.post("/bourse/v1/fiat/deposits", "currency", "USD", "amount", "100.001").code())
                    .isEqualTo(-7000);
            assertThat(user.post("/bourse/v1/fiat/deposits", "currency", "USD", "amount", "1").code())
                    .isEqualTo(-7000);
            JSONObject payment = user.post("/bourse/v1/fiat/deposits", "currency", "usd", "amount", "250.50",
                    "method", "CARD").json();
            String paymentId = payment.getString("paymentId");
            assertThat(payment.getString("checkoutUrl")).isEqualTo("http://bourse.test/fiat/sandbox/checkout?paymentId="
                    + paymentId);

            SandboxGateway real = new SandboxGateway(LiveExchange.SANDBOX_SECRET, "http://bourse.test");
            SandboxGateway forger = new SandboxGateway("guessed".getBytes(), "http://bourse.test");
            long now = System.currentTimeMillis();
            SandboxGateway.Delivery good = real.webhook("evt_1", paymentId, "succeeded", "USD", "250.50", now);

            assertThat(webhook(base, forger.webhook("evt_1", paymentId, "succeeded", "USD", "250.50", now)).code())
                    .isEqualTo(-7040);
            assertThat(webhook(base, new SandboxGateway.Delivery(good.signatureHeader(),
                    new String(good.body()).replace("250.50", "2505.00").getBytes())).code()).isEqualTo(-7040);
            assertThat(webhook(base, real.webhook("evt_2", paymentId, "succeeded", "USD", "250.50",
                    now - 600_000)).json().getString("msg")).startsWith("Webhook is stale");
            assertThat(webhook(base, real.webhook("evt_3", paymentId, "succeeded", "USD", "25.50", now)).code())
                    .isEqualTo(-7040);
            assertThat(webhook(base, new SandboxGateway.Delivery(null, good.body())).code()).isEqualTo(-7040);
            assertThat(status(user, paymentId)).isEqualTo("PENDING");

            Browser.Response accepted = webhook(base, good);
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
            assertThat(status(user, paymentId)).isEqualTo("CREDITED");
            Browser.Response replay = webhook(base, good);
            assertThat(replay.status()).isEqualTo(409);
            assertThat(replay.code()).isEqualTo(-7041);
            assertThat(webhook(base, real.webhook("evt_4", paymentId, "succeeded", "USD", "250.50", now)).status())
                    .isEqualTo(200);

            JSONObject key = user.post("/bourse/v1/me/api-keys", "label", "reader").json();
            exchange.settle();
            JSONArray balances = new JSONObject(new SpotClientImpl(key.getString("apiKey"), key.getString("secretKey"),
                    base).createTrade().account(new LinkedHashMap<>())).getJSONArray("balances");
            String usd = null;
            for (int i = 0; i < balances.length(); i++) {
                if (balances.getJSONObject(i).getString("asset").equals("USD")) {
                    usd = balances.getJSONObject(i).getString("free");
                }
            }
            assertThat(usd).isEqualTo("250.50");

            String declined = user.post("/bourse/v1/fiat/deposits", "currency", "USD", "amount", "40", "method",
                    "BANK").json().getString("paymentId");
            assertThat(user.post("/bourse/v1/fiat/sandbox/checkout", "paymentId", declined, "outcome", "failed")
                    .status()).isEqualTo(200);
            assertThat(status(user, declined)).isEqualTo("FAILED");
            String paid = user.post("/bourse/v1/fiat/deposits", "currency", "USD", "amount", "60").json()
                    .getString("paymentId");
            assertThat(user.post("/bourse/v1/fiat/sandbox/checkout", "paymentId", paid).status()).isEqualTo(200);
            assertThat(status(user, paid)).isEqualTo("CREDITED");
        }
    }

    private static String status(Browser user, String paymentId) {
        JSONArray list = user.get("/bourse/v1/fiat/deposits").array();
        for (int i = 0; i < list.length(); i++) {
            if (list.getJSONObject(i).getString("paymentId").equals(paymentId)) {
                return list.getJSONObject(i).getString("status");
            }
        }
        return "NONE";
    }

    private static Browser.Response webhook(String base, SandboxGateway.Delivery d) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/bourse/v1/fiat/webhooks/sandbox"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(d.body()));
        if (d.signatureHeader() != null) {
            b.header(SandboxGateway.SIGNATURE_HEADER, d.signatureHeader());
        }
        HttpResponse<String> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Browser.Response(r.statusCode(), r.body(), java.util.List.of());
    }
}
