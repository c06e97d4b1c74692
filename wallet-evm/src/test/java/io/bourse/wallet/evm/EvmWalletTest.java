package io.bourse.wallet.evm;

import io.bourse.engine.Engine;
import io.bourse.engine.Invariants;
import io.bourse.engine.command.AddAsset;
import io.bourse.journal.FsyncPolicy;
import io.bourse.journal.JournalConfig;
import io.bourse.platform.Platform;
import io.bourse.platform.PlatformConfig;
import io.bourse.platform.kyc.Screening;
import io.bourse.platform.password.PasswordHasher;
import io.bourse.runtime.CoreConfig;
import io.bourse.runtime.ExchangeCore;
import io.bourse.store.Accounts;
import io.bourse.store.Database;
import io.bourse.store.MasterKey;
import io.bourse.wallet.Wallet;
import io.bourse.wallet.fiat.SandboxGateway;
import io.bourse.wallet.network.NetworkAsset;
import io.bourse.wallet.network.Networks;
import io.bourse.wallet.withdraw.WithdrawalConfig;
import io.bourse.wallet.withdraw.WithdrawalRecord;
import io.bourse.wallet.withdraw.Withdrawals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The EVM adapter against a real development node (anvil): ETH and ERC-20 deposits credited after their
 * confirmations, a deposit lost to a reorg never credited, and ETH and token withdrawals signed by the hot wallet,
 * sent once even when asked twice, and settled after their confirmations.
 */
class EvmWalletTest {
    static final long ONE = 100_000_000L;
    static final String TOKEN = TestToken.ADDRESS;

    @TempDir
    Path dir;

    @Test
    void depositsAndWithdrawalsOnAnEvmNode() throws Exception {
        try (Anvil anvil = new Anvil(); Database db = Database.embedded(dir.resolve("pg"))) {
            TestToken.install(anvil);
            ExchangeCore core = ExchangeCore.start(CoreConfig.defaults(dir.resolve("core"))
                    .withJournal(JournalConfig.defaults(FsyncPolicy.NONE)).withRingSize(1024), List.of());
            core.submit(new AddAsset("ETH", 8)).join();
            core.submit(new AddAsset("USDT", 8)).join();
            MasterKey key = new MasterKey(new byte[32]);
            Platform platform = new Platform(db, key, new Accounts(db, key), PlatformConfig.defaults("http://t", dir)
                    .withPasswordCost(PasswordHasher.Cost.TEST), Screening.defaults(), Clock.systemUTC());
            EvmChain chain = new EvmChain("ETH", anvil.url, anvil.keys.get(1), List.of(
                    new EvmAsset("ETH", null, 18, 8), new EvmAsset("USDT", TOKEN, 6, 8)), db.jdbi(), key,
                    Clock.systemUTC());
            String evm = "^(0x)[0-9A-Fa-f]{40}$";
            Networks networks = new Networks(List.of(
                    new NetworkAsset("ETH", 0, 8, "ETH", "Ethereum", 3, ONE / 1000, ONE / 100, 1000 * ONE, true,
                            true, true, evm),
                    new NetworkAsset("USDT", 1, 8, "ETH", "Ethereum", 3, 5 * ONE, 10 * ONE, 1_000_000 * ONE, true,
                            true, true, evm)));
            Wallet wallet = new Wallet(db, platform, core, networks, List.of(chain),
                    (asset, amount) -> Optional.of(asset.equals("ETH") ? amount.multiply(BigDecimal.TEN) : amount),
                    WithdrawalConfig.defaults(), List.of(), new SandboxGateway(new byte[32], "http://t"),
                    Clock.systemUTC());
            long user = db.jdbi().withHandle(h -> h.createQuery("INSERT INTO users (user_id, email, email_verified_at, "
                    + "kyc_tier) VALUES (nextval('user_ids'), 'evm@example.com', now(), 1) RETURNING user_id")
                    .mapTo(Long.class).one());
            String funder = anvil.addresses.get(0);

            String address = wallet.addresses().addressOf(user, "ETH");
            assertThat(address).matches("^0x[0-9a-f]{40}$");
            long sealedKeys = db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM evm_deposit_keys")
                    .mapTo(Long.class).one());
            assertThat(sealedKeys).isEqualTo(1);

            // 1.5 ETH and 250 USDT (6 decimals on chain) arrive; three confirmations credit them
            String ethTx = anvil.send(funder, address, "0x" + new BigInteger("1500000000000000000").toString(16), null);
            String tokenTx = anvil.send(funder, TOKEN, null, transfer(address, 250_000_000L));
            wallet.tick();
            assertThat(status(db, ethTx)).isEqualTo("PENDING");
            assertThat(status(db, tokenTx)).isEqualTo("PENDING");
            anvil.mine(2);
            wallet.tick();
            assertThat(status(db, ethTx)).isEqualTo("CREDITED");
            assertThat(status(db, tokenTx)).isEqualTo("CREDITED");
            assertThat(amount(db, tokenTx)).isEqualTo(250 * ONE);
            assertThat(amount(db, ethTx)).isEqualTo(150 * ONE / 100);

            // a deposit whose block is replaced (snapshot, deposit, revert, new blocks) is never credited
            String snapshot = anvil.rpc("evm_snapshot", "[]").replace("\"", "");
            String lost = anvil.send(funder, address, "0xde0b6b3a7640000", null);
            wallet.tick();
            assertThat(status(db, lost)).isEqualTo("PENDING");
            anvil.rpc("evm_revert", "[\"" + snapshot + "\"]");
            anvil.mine(4);
            wallet.tick();
            wallet.tick();
            assertThat(status(db, lost)).isEqualTo("ORPHANED");

            // withdrawals: ETH and USDT, paid by the hot wallet
            String to = "0x000000000000000000000000000000000000beef";
            WithdrawalRecord eth = wallet.withdrawals().apply(new Withdrawals.Request(user, "ETH", "ETH", to, "0.5",
                    null, null, true));
            WithdrawalRecord usdt = wallet.withdrawals().apply(new Withdrawals.Request(user, "USDT", "ETH", to, "100",
                    null, null, true));
            wallet.tick();
            WithdrawalRecord sentEth = wallet.withdrawals().find(eth.withdrawalId()).orElseThrow();
            assertThat(sentEth.status()).isEqualTo("BROADCAST");
            assertThat(chain.send(eth.withdrawalId(), to, "ETH", 50 * ONE / 100)).isEqualTo(sentEth.txId());
            anvil.mine(3);
            wallet.tick();
            assertThat(wallet.withdrawals().find(eth.withdrawalId()).orElseThrow().status()).isEqualTo("CONFIRMED");
            assertThat(wallet.withdrawals().find(usdt.withdrawalId()).orElseThrow().status()).isEqualTo("CONFIRMED");
            assertThat(new BigInteger(anvil.rpc("eth_getBalance", "[\"" + to + "\",\"latest\"]").replace("\"", "")
                    .substring(2), 16)).isEqualTo(new BigInteger("500000000000000000"));
            String tokenWithdrawal = wallet.withdrawals().find(usdt.withdrawalId()).orElseThrow().txId();
            String receipt = anvil.rpc("eth_getTransactionReceipt", "[\"" + tokenWithdrawal + "\"]");
            assertThat(receipt).contains(EvmChain.TRANSFER_TOPIC).contains(to.substring(2))
                    .contains(Long.toHexString(100_000_000L));

            wallet.close();
            core.close();
            Engine engine = core.engineAfterClose();
            assertThat(Invariants.violations(engine)).isEmpty();
            assertThat(engine.free(user, 0)).isEqualTo(150 * ONE / 100 - 50 * ONE / 100 - ONE / 1000);
            assertThat(engine.free(user, 1)).isEqualTo(250 * ONE - 105 * ONE);
        }
    }

    private static String transfer(String to, long amount) {
        return TestToken.transfer(to, amount);
    }

    private static String status(Database db, String tx) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT status FROM deposits WHERE tx_id = :tx")
                .bind("tx", tx).mapTo(String.class).findOne().orElse("NONE"));
    }

    private static long amount(Database db, String tx) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT amount FROM deposits WHERE tx_id = :tx")
                .bind("tx", tx).mapTo(Long.class).one());
    }
}
