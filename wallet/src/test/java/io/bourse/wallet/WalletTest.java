package io.bourse.wallet;

import io.bourse.engine.command.AddAsset;
import io.bourse.engine.command.Deposit;
import io.bourse.journal.FsyncPolicy;
import io.bourse.journal.JournalConfig;
import io.bourse.platform.Platform;
import io.bourse.platform.PlatformConfig;
import io.bourse.platform.Refused;
import io.bourse.platform.account.Actor;
import io.bourse.platform.kyc.Screening;
import io.bourse.platform.password.PasswordHasher;
import io.bourse.runtime.CoreConfig;
import io.bourse.runtime.ExchangeCore;
import io.bourse.store.Accounts;
import io.bourse.store.Database;
import io.bourse.store.MasterKey;
import io.bourse.wallet.chain.SimulatedChain;
import io.bourse.wallet.fiat.SandboxGateway;
import io.bourse.wallet.network.NetworkAsset;
import io.bourse.wallet.network.Networks;
import io.bourse.wallet.withdraw.WithdrawalConfig;
import io.bourse.wallet.withdraw.WithdrawalRecord;
import io.bourse.wallet.withdraw.Withdrawals;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Deposits and withdrawals on the simulated chain against the real core and PostgreSQL: confirmations, reorgs,
 * crashes between steps, limits and refusals.
 */
class WalletTest {
    static final long ONE = 100_000_000L;
    static final int ETH = 0;
    static final int USDT = 1;

    @TempDir
    Path dir;
    Database db;
    ExchangeCore core;
    Balances balances = new Balances();
    Platform platform;
    SimulatedChain eth;
    Wallet wallet;
    long user;

    @BeforeEach
    void start() throws Exception {
        db = Database.embedded(dir.resolve("pg"));
        core = ExchangeCore.start(CoreConfig.defaults(dir.resolve("core"))
                .withJournal(JournalConfig.defaults(FsyncPolicy.NONE)).withRingSize(1024), List.of(balances));
        core.submit(new AddAsset("ETH", 8)).join();
        core.submit(new AddAsset("USDT", 8)).join();
        MasterKey key = new MasterKey(new byte[32]);
        platform = new Platform(db, key, new Accounts(db, key), PlatformConfig.defaults("http://t", dir)
                .withPasswordCost(PasswordHasher.Cost.TEST), Screening.defaults(), Clock.systemUTC());
        eth = new SimulatedChain(db.jdbi(), Clock.systemUTC(), "ETH", SimulatedChain.AddressStyle.EVM);
        Networks networks = new Networks(List.of(
                new NetworkAsset("ETH", ETH, 8, "ETH", "Ethereum (ERC20)", 3, ONE / 100, ONE / 50, 10_000 * ONE,
                        true, true, true, "^(0x)[0-9A-Fa-f]{40}$"),
                new NetworkAsset("USDT", USDT, 8, "ETH", "Ethereum (ERC20)", 3, 5 * ONE, 10 * ONE, 10_000_000 * ONE,
                        true, true, true, "^(0x)[0-9A-Fa-f]{40}$")));
        Map<String, BigDecimal> prices = Map.of("ETH", new BigDecimal("2000"), "USDT", BigDecimal.ONE);
        wallet = new Wallet(db, platform, core, networks, List.of(eth),
                (asset, amount) -> Optional.ofNullable(prices.get(asset)).map(amount::multiply),
                WithdrawalConfig.defaults(), List.of(), new SandboxGateway(new byte[32], "http://t"),
                Clock.systemUTC());
        user = newUser("holder@example.com", 1);
    }

    @AfterEach
    void stop() throws Exception {
        wallet.close();
        core.close();
        db.close();
    }

    private long newUser(String email, int tier) {
        return db.jdbi().withHandle(h -> h.createQuery("INSERT INTO users (user_id, email, email_verified_at, "
                        + "kyc_tier) VALUES (nextval('user_ids'), :e, now(), :t) RETURNING user_id")
                .bind("e", email).bind("t", tier).mapTo(Long.class).one());
    }

    private Balances.Balance balance(long userId, int asset) throws InterruptedException {
        while (core.backlogs().values().stream().anyMatch(b -> b > 0)) {
            Thread.sleep(1);
        }
        return balances.of(userId, asset);
    }

    private String depositStatus(String txId) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT status FROM deposits WHERE tx_id = :tx")
                .bind("tx", txId).mapTo(String.class).findOne().orElse("NONE"));
    }

    @Test
    void aDepositIsCreditedOnceAfterItsConfirmations() throws Exception {
        String address = wallet.addresses().addressOf(user, "ETH");
        assertThat(address).matches("^0x[0-9a-f]{40}$");
        assertThat(wallet.addresses().addressOf(user, "ETH")).isEqualTo(address);
        String tx = eth.transfer("0xsender", address, "ETH", 3 * ONE);
        wallet.tick();
        assertThat(depositStatus(tx)).isEqualTo("NONE");
        eth.mine(1);
        wallet.tick();
        assertThat(depositStatus(tx)).isEqualTo("PENDING");
        eth.mine(1);
        wallet.tick();
        assertThat(balance(user, ETH).free()).isZero();
        eth.mine(1);
        wallet.tick();
        assertThat(depositStatus(tx)).isEqualTo("CREDITED");
        assertThat(balance(user, ETH).free()).isEqualTo(3 * ONE);
        eth.mine(5);
        wallet.tick();
        wallet.tick();
        assertThat(balance(user, ETH).free()).isEqualTo(3 * ONE);
        assertThat(wallet.deposits().of(user, HistoryFilter.newest(10))).singleElement()
                .satisfies(d -> assertThat(d.confirmations()).isEqualTo(3));
    }

    @Test
    void aReorgBeforeCreditingNeverCredits() throws Exception {
        String address = wallet.addresses().addressOf(user, "ETH");
        String doubleSpent = eth.transfer("0xsender", address, "ETH", ONE);
        String moved = eth.transfer("0xsender", address, "USDT", 500 * ONE);
        eth.mine(2);
        wallet.tick();
        assertThat(depositStatus(doubleSpent)).isEqualTo("PENDING");
        eth.reorg(2, List.of(doubleSpent));
        eth.mine(1);
        wallet.tick();
        assertThat(depositStatus(doubleSpent)).isEqualTo("ORPHANED");
        assertThat(depositStatus(moved)).isEqualTo("PENDING");
        eth.mine(5);
        wallet.tick();
        assertThat(depositStatus(doubleSpent)).isEqualTo("ORPHANED");
        assertThat(depositStatus(moved)).isEqualTo("CREDITED");
        assertThat(balance(user, ETH).free()).isZero();
        assertThat(balance(user, USDT).free()).isEqualTo(500 * ONE);
    }

    @Test
    void aCreditedDepositLostToADeepReorgIsMarkedReversedAndComesBackIfReMined() throws Exception {
        String address = wallet.addresses().addressOf(user, "ETH");
        String lost = eth.transfer("0xsender", address, "ETH", ONE);
        String moved = eth.transfer("0xsender", address, "USDT", 100 * ONE);
        eth.mine(3);
        wallet.tick();
        assertThat(depositStatus(lost)).isEqualTo("CREDITED");
        assertThat(depositStatus(moved)).isEqualTo("CREDITED");
        eth.reorg(4, List.of(lost));
        eth.mine(2);
        wallet.tick();
        assertThat(depositStatus(lost)).isEqualTo("REVERSED");
        assertThat(depositStatus(moved)).isEqualTo("CREDITED");
        assertThat(balance(user, ETH).free()).isEqualTo(ONE);
        assertThat(balance(user, USDT).free()).isEqualTo(100 * ONE);
    }

    @Test
    void aCrashBetweenCreditingAndRecordingItDoesNotCreditTwice() throws Exception {
        String address = wallet.addresses().addressOf(user, "ETH");
        String tx = eth.transfer("0xsender", address, "ETH", 2 * ONE);
        eth.mine(3);
        wallet.tick();
        assertThat(balance(user, ETH).free()).isEqualTo(2 * ONE);
        db.jdbi().useHandle(h -> h.execute("UPDATE deposits SET status = 'CREDITING', credited_at = NULL "
                + "WHERE tx_id = ?", tx));
        wallet.tick();
        assertThat(depositStatus(tx)).isEqualTo("CREDITED");
        assertThat(balance(user, ETH).free()).isEqualTo(2 * ONE);
    }

    @Test
    void aWithdrawalIsHeldSentConfirmedAndSettled() throws Exception {
        core.submit(new Deposit(user, ETH, 5 * ONE, 0)).join();
        String to = eth.randomAddress();
        WithdrawalRecord w = wallet.withdrawals().apply(new Withdrawals.Request(user, "ETH", "ETH", to, "1.5",
                "mine-1", null, true));
        assertThat(w.status()).isEqualTo("APPROVED");
        assertThat(balance(user, ETH)).isEqualTo(new Balances.Balance(5 * ONE - 151 * ONE / 100, 151 * ONE / 100));
        wallet.tick();
        WithdrawalRecord sent = wallet.withdrawals().find(w.withdrawalId()).orElseThrow();
        assertThat(sent.status()).isEqualTo("BROADCAST");
        assertThat(sent.txId()).startsWith("0x");
        eth.mine(3);
        wallet.tick();
        assertThat(wallet.withdrawals().find(w.withdrawalId()).orElseThrow().status()).isEqualTo("CONFIRMED");
        assertThat(balance(user, ETH)).isEqualTo(new Balances.Balance(5 * ONE - 151 * ONE / 100, 0));
        assertThat(eth.transfers(1, eth.tipHeight())).anySatisfy(t -> {
            assertThat(t.toAddress()).isEqualTo(to);
            assertThat(t.amount()).isEqualTo(150 * ONE / 100);
        });
        assertThatThrownBy(() -> wallet.withdrawals().apply(new Withdrawals.Request(user, "ETH", "ETH", to, "0.1",
                "mine-1", null, true))).isInstanceOf(Refused.class).hasMessageContaining("withdrawOrderId");
    }

    @Test
    void refusedWithdrawalsLeaveNothingBehind() throws Exception {
        core.submit(new Deposit(user, ETH, 10 * ONE, 0)).join();
        String to = eth.randomAddress();
        assertRefused(new Withdrawals.Request(user, "ETH", "BTC", to, "1", null, null, true), -4018);
        assertRefused(new Withdrawals.Request(user, "ETH", "ETH", "0x123", "1", null, null, true), -4033);
        assertRefused(new Withdrawals.Request(user, "ETH", "ETH", to, "0.001", null, null, true), -4022);
        assertRefused(new Withdrawals.Request(user, "ETH", "ETH", to, "1.000000001", null, null, true), -7000);
        assertRefused(new Withdrawals.Request(user, "ETH", "ETH", to, "-1", null, null, true), -7000);
        long poor = newUser("poor@example.com", 1);
        core.submit(new Deposit(poor, ETH, ONE, 0)).join();
        assertRefused(new Withdrawals.Request(poor, "ETH", "ETH", to, "2", null, null, true), -4026);
        assertThat(wallet.withdrawals().history(poor, HistoryFilter.newest(10))).isEmpty();
        assertRefused(new Withdrawals.Request(user, "ETH", "ETH", to, "6", null, null, true), -4023);
        long tier0 = newUser("new@example.com", 0);
        core.submit(new Deposit(tier0, ETH, 10 * ONE, 0)).join();
        assertRefused(new Withdrawals.Request(tier0, "ETH", "ETH", to, "1", null, null, true), -7021);
        db.jdbi().useHandle(h -> h.execute("UPDATE users SET withdrawal_whitelist_only = true WHERE user_id = ?", user));
        assertRefused(new Withdrawals.Request(user, "ETH", "ETH", to, "1", null, null, true), -4035);
        assertThat(wallet.withdrawals().history(user, HistoryFilter.newest(10))).isEmpty();
        assertThat(balance(user, ETH)).isEqualTo(new Balances.Balance(10 * ONE, 0));
    }

    @Test
    void bigWithdrawalsWaitForAFinanceOfficerWhoMayReject() throws Exception {
        db.jdbi().useHandle(h -> h.execute("UPDATE users SET kyc_tier = 2 WHERE user_id = ?", user));
        core.submit(new Deposit(user, USDT, 100_000 * ONE, 0)).join();
        WithdrawalRecord big = wallet.withdrawals().apply(new Withdrawals.Request(user, "USDT", null,
                eth.randomAddress(), "6000", null, null, true));
        assertThat(big.status()).isEqualTo("AWAITING_APPROVAL");
        assertThat(big.binanceStatus()).isEqualTo(2);
        wallet.tick();
        assertThat(wallet.withdrawals().find(big.withdrawalId()).orElseThrow().status()).isEqualTo("AWAITING_APPROVAL");
        assertThatThrownBy(() -> wallet.withdrawals().approve(Actor.operator(user), big.withdrawalId()))
                .isInstanceOf(Refused.class);
        wallet.withdrawals().reject(Actor.operator(999), big.withdrawalId(), "destination is a mixer");
        assertThat(balance(user, USDT)).isEqualTo(new Balances.Balance(100_000 * ONE, 0));
        WithdrawalRecord second = wallet.withdrawals().apply(new Withdrawals.Request(user, "USDT", null,
                eth.randomAddress(), "6000", null, null, true));
        wallet.withdrawals().approve(Actor.operator(999), second.withdrawalId());
        wallet.tick();
        eth.mine(3);
        wallet.tick();
        assertThat(wallet.withdrawals().find(second.withdrawalId()).orElseThrow().status()).isEqualTo("CONFIRMED");
        assertThat(balance(user, USDT).free()).isEqualTo(100_000 * ONE - 6005 * ONE);
    }

    @Test
    void aDroppedWithdrawalFailsAndReturnsTheFunds() throws Exception {
        core.submit(new Deposit(user, ETH, 5 * ONE, 0)).join();
        WithdrawalRecord w = wallet.withdrawals().apply(new Withdrawals.Request(user, "ETH", "ETH",
                eth.randomAddress(), "1", null, null, true));
        wallet.tick();
        String tx = wallet.withdrawals().find(w.withdrawalId()).orElseThrow().txId();
        eth.mine(1);
        eth.reorg(1, List.of(tx));
        wallet.tick();
        assertThat(wallet.withdrawals().find(w.withdrawalId()).orElseThrow().status()).isEqualTo("FAILED");
        assertThat(balance(user, ETH)).isEqualTo(new Balances.Balance(5 * ONE, 0));
    }

    private void assertRefused(Withdrawals.Request r, int code) {
        assertThatThrownBy(() -> wallet.withdrawals().apply(r)).isInstanceOfSatisfying(Refused.class,
                e -> assertThat(e.code()).as(e.getMessage()).isEqualTo(code));
    }
}
