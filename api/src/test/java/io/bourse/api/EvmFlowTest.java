package io.bourse.api;

import io.bourse.wallet.evm.Anvil;
import io.bourse.wallet.evm.EvmAsset;
import io.bourse.wallet.evm.EvmChain;
import io.bourse.wallet.evm.TestToken;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The customer's flow over HTTP with the ETH network on a real EVM development node (anvil): deposit ETH and an
 * ERC-20 token to the address the web app shows, see them credited after three confirmations, withdraw the token
 * with the two-factor code and see the hot wallet pay it on chain.
 */
class EvmFlowTest {
    @TempDir
    Path dir;

    @Test
    void depositAndWithdrawOnAnEvmNode() throws Exception {
        try (Anvil anvil = new Anvil()) {
            TestToken.install(anvil);
            try (LiveExchange exchange = new LiveExchange(dir, ApiConfig.defaults(0), true,
                    (db, key) -> new EvmChain("ETH", anvil.url, anvil.keys.get(1), List.of(
                            new EvmAsset("ETH", null, 18, 8), new EvmAsset("USDT", TestToken.ADDRESS, 6, 8)),
                            db.jdbi(), key, Clock.systemUTC()))) {
                String base = exchange.baseUrl();
                Browser user = Browser.verifiedUser(base, "evm@example.com", "evm user password");
                String secret = user.post("/bourse/v1/me/2fa/setup").json().getString("secret");
                JSONArray recovery = user.post("/bourse/v1/me/2fa/enable", "totpCode", Browser.totp(secret, -1)).json()
                        .getJSONArray("recoveryCodes");
                user.post("/bourse/v1/kyc/personal", "fullName", "Eve Vm", "dateOfBirth", "1991-01-01", "country", "CH",
                        "address", "Bahnhofstrasse 1, Zurich");

                String address = user.get("/bourse/v1/wallet/deposit-address", "coin", "ETH").json()
                        .getString("address");
                assertThat(user.get("/bourse/v1/wallet/deposit-address", "coin", "USDT").json().getString("address"))
                        .isEqualTo(address);
                String funder = anvil.addresses.get(0);
                String ethTx = anvil.send(funder, address, "0x" + new BigInteger("2000000000000000000").toString(16),
                        null);
                String tokenTx = anvil.send(funder, TestToken.ADDRESS, null, TestToken.transfer(address, 500_000_000L));
                exchange.wallet.tick();
                assertThat(user.get("/bourse/v1/wallet/deposits").array().toString()).contains(ethTx, tokenTx)
                        .contains("\"status\":0");
                anvil.mine(3);
                exchange.wallet.tick();
                JSONArray deposits = user.get("/bourse/v1/wallet/deposits").array();
                assertThat(deposits.length()).isEqualTo(2);
                for (int i = 0; i < deposits.length(); i++) {
                    JSONObject d = deposits.getJSONObject(i);
                    assertThat(d.getInt("status")).as(d.toString()).isEqualTo(1);
                    assertThat(d.getString("amount")).isEqualTo(d.getString("coin").equals("ETH") ? "2" : "500");
                }

                String to = "0x000000000000000000000000000000000000cafe";
                JSONObject w = user.post("/bourse/v1/wallet/withdraw", "coin", "USDT", "address", to, "amount", "100",
                        "totpCode", recovery.getString(0)).json();
                assertThat(w.getInt("status")).isEqualTo(4);
                exchange.wallet.tick();
                anvil.mine(3);
                exchange.wallet.tick();
                JSONObject done = user.get("/bourse/v1/wallet/withdrawals").array().getJSONObject(0);
                assertThat(done.getInt("status")).isEqualTo(6);
                String receipt = anvil.rpc("eth_getTransactionReceipt", "[\"" + done.getString("txId") + "\"]");
                assertThat(receipt).contains("\"status\":\"0x1\"").contains(to.substring(2))
                        .contains(Long.toHexString(100_000_000L));
            }
        }
    }
}
