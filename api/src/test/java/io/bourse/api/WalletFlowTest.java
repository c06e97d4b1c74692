package io.bourse.api;

import com.binance.connector.client.exceptions.BinanceClientException;
import com.binance.connector.client.impl.SpotClientImpl;
import io.bourse.platform.account.Actor;
import io.bourse.platform.operator.OperatorRole;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;

import static io.bourse.api.TestParams.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The seed flow of a customer over HTTP against the real server and PostgreSQL: sign up, verify the email, enable
 * 2FA, reach KYC tier 1 then tier 2 (an officer approves), deposit on the simulated chain, trade, withdraw with the
 * 2FA code, and see the confirmations arrive; with the refusals on the way.
 */
class WalletFlowTest {
    @TempDir
    static Path dir;
    static LiveExchange exchange;
    static String base;
    static Browser officer;

    @BeforeAll
    static void start() throws Exception {
        exchange = new LiveExchange(dir, ApiConfig.defaults(0), true);
        base = exchange.baseUrl();
        officer = Browser.verifiedUser(base, "officer@bourse.test", "officer password");
        long id = officer.get("/bourse/v1/me").json().getLong("userId");
        exchange.platform.roles().grant(Actor.ROOT, id, OperatorRole.COMPLIANCE);
        exchange.platform.roles().grant(Actor.ROOT, id, OperatorRole.FINANCE);
    }

    @AfterAll
    static void stop() throws Exception {
        exchange.close();
    }

    @Test
    void signUpToWithdrawal() throws Exception {
        String email = "alice@example.com";
        Browser alice = Browser.verifiedUser(base, email, "alice's password");
        long aliceId = alice.get("/bourse/v1/me").json().getLong("userId");
        String secret = alice.post("/bourse/v1/me/2fa/setup").json().getString("secret");
        JSONArray recovery = alice.post("/bourse/v1/me/2fa/enable", "totpCode", Browser.totp(secret, -1)).json()
                .getJSONArray("recoveryCodes");

        // tier 0: deposits only
        JSONObject address = alice.get("/bourse/v1/wallet/deposit-address", "coin", "USDT").json();
        assertThat(address.getString("network")).isEqualTo("ETH");
        String depositAddress = address.getString("address");
        assertThat(alice.post("/bourse/v1/wallet/withdraw", "coin", "USDT", "address", exchange.ethChain.randomAddress(),
                "amount", "20", "totpCode", recovery.getString(0)).code()).isEqualTo(-7021);

        // deposit: seen, then credited after three confirmations
        String txId = operatorJson("/bourse/operator/sim-chain/send", "network", "ETH", "coin", "USDT",
                "address", depositAddress, "amount", "25000").getString("txId");
        operatorJson("/bourse/operator/sim-chain/mine", "network", "ETH", "blocks", "1");
        JSONObject pending = alice.get("/bourse/v1/wallet/deposits").array().getJSONObject(0);
        assertThat(pending.getString("txId")).isEqualTo(txId);
        assertThat(pending.getInt("status")).isZero();
        assertThat(pending.getString("confirmTimes")).isEqualTo("1/3");
        operatorJson("/bourse/operator/sim-chain/mine", "network", "ETH", "blocks", "2");
        JSONObject credited = alice.get("/bourse/v1/wallet/deposits").array().getJSONObject(0);
        assertThat(credited.getInt("status")).isEqualTo(1);
        assertThat(credited.getString("amount")).isEqualTo("25000");

        // tier 1 and 2, then an API key that trades
        alice.post("/bourse/v1/kyc/personal", "fullName", "Alice Example", "dateOfBirth", "1990-01-01", "country",
                "FR", "address", "1 Rue de Rivoli, Paris");
        JSONObject key = alice.post("/bourse/v1/me/api-keys", "label", "bot", "permissions", "TRADE", "totpCode",
                recovery.getString(1)).json();
        SpotClientImpl client = new SpotClientImpl(key.getString("apiKey"), key.getString("secretKey"), base);
        exchange.settle();
        assertThat(usdt(client)).isEqualTo("25000.00000000");
        JSONObject sapiAddress = new JSONObject(client.createWallet().depositAddress(params("coin", "USDT")));
        assertThat(sapiAddress.getString("address")).isEqualTo(depositAddress);

        // trade: alice buys 0.1 BTC from a seller
        exchange.fund(77, LiveExchange.BTC, "1");
        exchange.keys.put(io.bourse.api.auth.ApiKey.hmac("seller" + "0".repeat(58), 77,
                java.util.Set.of(io.bourse.api.auth.Permission.READ, io.bourse.api.auth.Permission.TRADE),
                "seller".getBytes()));
        new SpotClientImpl("seller" + "0".repeat(58), "seller", base).createTrade().newOrder(params("symbol",
                "BTCUSDT", "side", "SELL", "type", "LIMIT", "timeInForce", "GTC", "quantity", "0.1", "price", "60000"));
        JSONObject bought = new JSONObject(client.createTrade().newOrder(params("symbol", "BTCUSDT", "side", "BUY",
                "type", "MARKET", "quantity", "0.1")));
        assertThat(bought.getString("status")).isEqualTo("FILLED");
        exchange.settle();
        assertThat(usdt(client)).isEqualTo("19000.00000000");

        // a big withdrawal: tier 1 allows 10,000 USDT a day
        Browser.Response tooMuch = alice.post("/bourse/v1/wallet/withdraw", "coin", "USDT", "address",
                exchange.ethChain.randomAddress(), "amount", "12000", "totpCode", recovery.getString(2));
        assertThat(tooMuch.code()).isEqualTo(-4023);
        alice.upload("/bourse/v1/kyc/documents?kind=PASSPORT", "image/jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8,
                (byte) 0xFF, 1});
        alice.upload("/bourse/v1/kyc/documents?kind=SELFIE", "image/jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8,
                (byte) 0xFF, 2});
        long review = alice.post("/bourse/v1/kyc/submit").array().getJSONObject(0).getLong("reviewId");
        assertThat(officer.post("/bourse/operator/kyc/reviews/decide", "reviewId", Long.toString(review), "decision",
                "APPROVE").status()).isEqualTo(200);
        assertThat(alice.get("/bourse/v1/kyc").json().getInt("tier")).isEqualTo(2);

        // withdraw with 2FA: wrong code refused and nothing held; right code held, waits for finance (> 5,000 USDT)
        String to = exchange.ethChain.randomAddress();
        assertThat(alice.post("/bourse/v1/wallet/withdraw", "coin", "USDT", "address", to, "amount", "12000").code())
                .isEqualTo(-7009);
        assertThat(alice.post("/bourse/v1/wallet/withdraw", "coin", "USDT", "address", to, "amount", "12000",
                "totpCode", "000000").code()).isEqualTo(-7010);
        assertThat(alice.post("/bourse/v1/wallet/withdraw", "coin", "USDT", "address", "0xnope", "amount", "12000",
                "totpCode", recovery.getString(3)).code()).isEqualTo(-4033);
        exchange.settle();
        assertThat(usdt(client)).isEqualTo("19000.00000000");
        JSONObject w = alice.post("/bourse/v1/wallet/withdraw", "coin", "USDT", "address", to, "amount", "12000",
                "totpCode", recovery.getString(4)).json();
        assertThat(w.getInt("status")).isEqualTo(2);
        assertThat(w.getString("transactionFee")).isEqualTo("5");
        exchange.settle();
        assertThat(usdt(client)).isEqualTo("6995.00000000");
        JSONArray waiting = officer.get("/bourse/operator/withdrawals/pending").array();
        assertThat(waiting.getJSONObject(0).getString("valueUsdt")).isEqualTo("12005");
        assertThat(alice.get("/bourse/operator/withdrawals/pending").code()).isEqualTo(-7014);
        assertThat(officer.post("/bourse/operator/withdrawals/approve", "withdrawalId", w.getString("id")).status())
                .isEqualTo(200);

        exchange.wallet.tick();
        JSONObject broadcast = alice.get("/bourse/v1/wallet/withdrawals").array().getJSONObject(0);
        assertThat(broadcast.getInt("status")).isEqualTo(4);
        assertThat(broadcast.getString("txId")).startsWith("0x");
        operatorJson("/bourse/operator/sim-chain/mine", "network", "ETH", "blocks", "3");
        exchange.wallet.tick();
        JSONObject done = new JSONArray(client.createWallet().withdrawHistory(params("coin", "USDT")))
                .getJSONObject(0);
        assertThat(done.getInt("status")).isEqualTo(6);
        assertThat(done.getString("amount")).isEqualTo("12000");
        assertThat(exchange.ethChain.transfers(1, exchange.ethChain.tipHeight()))
                .anySatisfy(t -> assertThat(t.toAddress()).isEqualTo(to));
        exchange.settle();
        assertThat(usdt(client)).isEqualTo("6995.00000000");
        JSONObject account = new JSONObject(client.createTrade().account(new LinkedHashMap<>()));
        assertThat(account.toString()).contains("\"asset\":\"BTC\",\"free\":\"0.09990000\"");
        assertThat(Browser.latestMail(base, email).getString("subject")).isEqualTo("Withdrawal completed");
        assertThat(exchange.platform.audit().about("user:" + aliceId, 100).toString())
                .contains("WITHDRAWAL_APPROVED");
    }

    @Test
    void sapiWithdrawNeedsAKeyThatMayWithdraw() throws Exception {
        Browser bob = Browser.verifiedUser(base, "bob@example.com", "bob's password");
        bob.post("/bourse/v1/kyc/personal", "fullName", "Bob Example", "dateOfBirth", "1980-01-01", "country", "DE",
                "address", "Unter den Linden 1, Berlin");
        long bobId = bob.get("/bourse/v1/me").json().getLong("userId");
        exchange.fund(bobId, LiveExchange.USDT, "500");
        JSONObject trader = bob.post("/bourse/v1/me/api-keys", "label", "trader", "permissions", "TRADE").json();
        SpotClientImpl tradeOnly = new SpotClientImpl(trader.getString("apiKey"), trader.getString("secretKey"), base);
        String to = exchange.ethChain.randomAddress();
        assertThatThrownBy(() -> tradeOnly.createWallet().withdraw(params("coin", "USDT", "address", to,
                "amount", "20"))).isInstanceOfSatisfying(BinanceClientException.class,
                        e -> assertThat(e.getErrorCode()).isEqualTo(-2015));
        JSONObject withdrawer = bob.post("/bourse/v1/me/api-keys", "label", "payouts", "permissions", "WITHDRAW",
                "ipWhitelist", "127.0.0.1").json();
        SpotClientImpl payouts = new SpotClientImpl(withdrawer.getString("apiKey"), withdrawer.getString("secretKey"),
                base);
        assertThatThrownBy(() -> payouts.createWallet().withdraw(params("coin", "DOGE", "address", to,
                "amount", "20"))).isInstanceOfSatisfying(BinanceClientException.class,
                        e -> assertThat(e.getErrorCode()).isEqualTo(-4018));
        assertThatThrownBy(() -> payouts.createWallet().withdraw(params("coin", "USDT", "address", to,
                "amount", "600"))).isInstanceOfSatisfying(BinanceClientException.class,
                        e -> assertThat(e.getErrorCode()).isEqualTo(-4026));
        JSONObject applied = new JSONObject(payouts.createWallet().withdraw(params("coin", "USDT", "network", "ETH",
                "address", to, "amount", "20", "withdrawOrderId", "payout-1")));
        assertThat(applied.getString("id")).isNotEmpty();
        JSONArray history = new JSONArray(payouts.createWallet().withdrawHistory(params("withdrawOrderId",
                "payout-1")));
        assertThat(history.getJSONObject(0).getString("id")).isEqualTo(applied.getString("id"));
        assertThat(new JSONArray(payouts.createWallet().withdrawHistory(params("status", 4, "limit", 1))).length())
                .isEqualTo(1);
        assertThat(new JSONArray(payouts.createWallet().withdrawHistory(params("status", 6)))).isEmpty();
        JSONArray coins = new JSONArray(payouts.createWallet().coinInfo(new LinkedHashMap<>()));
        JSONObject usdt = null;
        for (int i = 0; i < coins.length(); i++) {
            if (coins.getJSONObject(i).getString("coin").equals("USDT")) {
                usdt = coins.getJSONObject(i);
            }
        }
        assertThat(usdt.getString("free")).isEqualTo("475.00000000");
        assertThat(usdt.getString("locked")).isEqualTo("25.00000000");
        assertThat(usdt.getJSONArray("networkList").getJSONObject(0).getString("withdrawFee")).isEqualTo("5");
        List<Object> networks = usdt.getJSONArray("networkList").toList();
        assertThat(networks).hasSize(1);
    }

    private static String usdt(SpotClientImpl client) {
        JSONArray balances = new JSONObject(client.createTrade().account(new LinkedHashMap<>()))
                .getJSONArray("balances");
        for (int i = 0; i < balances.length(); i++) {
            if (balances.getJSONObject(i).getString("asset").equals("USDT")) {
                return balances.getJSONObject(i).getString("free");
            }
        }
        return "none";
    }

    private static JSONObject operatorJson(String path, String... kv) {
        Browser.Response r = Browser.asOperator(base, "POST", path, kv);
        if (r.status() != 200) {
            throw new AssertionError(path + " answered " + r.status() + " " + r.body());
        }
        return r.json();
    }
}
