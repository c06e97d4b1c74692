package io.bourse.api;

import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CCXT's wallet methods, unchanged, against Bourse: currencies with their networks and fees, deposit address,
 * deposits, balance, withdraw, withdrawals, and the error a too-large withdrawal maps to. The script is
 * clients/ccxt/wallet.mjs.
 */
class CcxtWalletTest {
    @TempDir
    Path dir;

    @Test
    void ccxtDepositsAndWithdraws() throws Exception {
        CcxtSessionTest.installCcxt();
        try (LiveExchange exchange = new LiveExchange(dir, ApiConfig.defaults(0), true)) {
            String base = exchange.baseUrl();
            Browser user = Browser.verifiedUser(base, "ccxt@example.com", "ccxt wallet password");
            user.post("/bourse/v1/kyc/personal", "fullName", "Cee Cext", "dateOfBirth", "1990-01-01", "country", "JP",
                    "address", "1-1 Chiyoda, Tokyo");
            JSONObject key = user.post("/bourse/v1/me/api-keys", "label", "ccxt", "permissions", "TRADE,WITHDRAW",
                    "ipWhitelist", "127.0.0.1").json();
            String address = user.get("/bourse/v1/wallet/deposit-address", "coin", "USDT").json().getString("address");
            operator(base, "/bourse/operator/sim-chain/send", "network", "ETH", "coin", "USDT", "amount", "300",
                    "address", address);
            operator(base, "/bourse/operator/sim-chain/mine", "network", "ETH", "blocks", "3");
            exchange.settle();
            String to = exchange.ethChain.randomAddress();

            Path log = dir.resolve("ccxt-wallet.log");
            Process node = new ProcessBuilder("node", "wallet.mjs", base, key.getString("apiKey"),
                    key.getString("secretKey"), to).directory(CcxtSessionTest.CLIENT.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean finished = node.waitFor(120, TimeUnit.SECONDS);
            if (!finished) {
                node.destroyForcibly();
            }
            String output = Files.readString(log).trim();
            assertThat(finished).as("CCXT finished: %s", output).isTrue();
            assertThat(node.exitValue()).as(output).isZero();
            JSONObject out = new JSONObject(output.substring(output.lastIndexOf('\n') + 1));
            assertThat(out.getJSONArray("usdtNetworks").toList()).containsExactly("ERC20");
            assertThat(out.getDouble("usdtWithdrawFee")).isEqualTo(5.0);
            assertThat(out.getBoolean("usdtDeposit")).isTrue();
            assertThat(out.getString("depositAddress")).isEqualTo(address);
            assertThat(out.getInt("deposits")).isEqualTo(1);
            assertThat(out.getString("depositStatus")).isEqualTo("ok");
            assertThat(out.getDouble("depositAmount")).isEqualTo(300.0);
            assertThat(out.getDouble("balanceUSDT")).isEqualTo(300.0);
            assertThat(out.getString("withdrawalId")).isNotEmpty();
            assertThat(out.getInt("withdrawals")).isEqualTo(1);
            assertThat(out.getString("withdrawalStatus")).isEqualTo("pending");
            assertThat(out.getDouble("withdrawalFee")).isEqualTo(5.0);
            // Binance's code and message; CCXT maps wallet codes by host name, so against any URL but Binance's own it
            // raises its generic BadRequest for -4026 rather than InsufficientFunds.
            assertThat(out.getString("tooMuchMessage")).contains("{\"code\":-4026,\"msg\":\"You have insufficient balance.\"}");

            exchange.wallet.tick();
            operator(base, "/bourse/operator/sim-chain/mine", "network", "ETH", "blocks", "3");
            assertThat(exchange.ethChain.transfers(1, exchange.ethChain.tipHeight()))
                    .anySatisfy(t -> assertThat(t.toAddress()).isEqualTo(to));
        }
    }

    private static void operator(String base, String path, String... kv) {
        Browser.Response r = Browser.asOperator(base, "POST", path, kv);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }
}
