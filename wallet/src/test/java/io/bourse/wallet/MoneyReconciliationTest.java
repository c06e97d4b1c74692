package io.bourse.wallet;

import io.bourse.engine.Engine;
import io.bourse.engine.Invariants;
import io.bourse.engine.command.AddAsset;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random deposits, reorgs (with double spends), withdrawals (some refused, some rejected by an officer, some
 * dropped by the chain) and crashes between steps, for several seeds; afterwards the engine's conservation
 * invariant holds and every balance equals what the deposit and withdrawal records say it should be.
 */
class MoneyReconciliationTest {
    static final long ONE = 100_000_000L;
    static final String[] ASSETS = {"ETH", "USDT"};

    @TempDir
    Path dir;

    @Test
    void theLedgerReconcilesWithTheRecords() throws Exception {
        try (Database db = Database.embedded(dir.resolve("pg"))) {
            for (long seed = 1; seed <= 3; seed++) {
                run(db, seed);
            }
        }
    }

    private void run(Database db, long seed) throws Exception {
        Random rnd = new Random(seed);
        db.jdbi().useHandle(h -> h.execute("TRUNCATE deposits, withdrawals, deposit_addresses, chain_cursors, "
                + "sim_blocks, sim_transfers"));
        Path coreDir = dir.resolve("core-" + seed);
        ExchangeCore core = ExchangeCore.start(CoreConfig.defaults(coreDir)
                .withJournal(JournalConfig.defaults(FsyncPolicy.NONE)).withRingSize(1024), List.of());
        core.submit(new AddAsset("ETH", 8)).join();
        core.submit(new AddAsset("USDT", 8)).join();
        MasterKey key = new MasterKey(new byte[32]);
        Platform platform = new Platform(db, key, new Accounts(db, key), PlatformConfig.defaults("http://t", dir)
                .withPasswordCost(PasswordHasher.Cost.TEST), Screening.defaults(), Clock.systemUTC());
        SimulatedChain chain = new SimulatedChain(db.jdbi(), Clock.systemUTC(), "ETH", SimulatedChain.AddressStyle.EVM);
        Networks networks = new Networks(List.of(
                new NetworkAsset("ETH", 0, 8, "ETH", "Ethereum", 3, ONE / 100, ONE / 50, 1_000 * ONE, true, true,
                        true, "^(0x)[0-9A-Fa-f]{40}$"),
                new NetworkAsset("USDT", 1, 8, "ETH", "Ethereum", 3, 2 * ONE, 10 * ONE, 1_000_000 * ONE, true, true,
                        true, "^(0x)[0-9A-Fa-f]{40}$")));
        Wallet wallet = new Wallet(db, platform, core, networks, List.of(chain),
                (asset, amount) -> Optional.of(asset.equals("ETH") ? amount.multiply(new BigDecimal("100")) : amount),
                WithdrawalConfig.defaults(), List.of(), new SandboxGateway(new byte[32], "http://t"),
                Clock.systemUTC());
        List<Long> users = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            long u = db.jdbi().withHandle(h -> h.createQuery("INSERT INTO users (user_id, email, email_verified_at, "
                    + "kyc_tier) VALUES (nextval('user_ids'), 'seed' || nextval('user_ids') || '@x.io', now(), 2) "
                    + "RETURNING user_id").mapTo(Long.class).one());
            users.add(u);
            wallet.addresses().addressOf(u, "ETH");
        }
        List<String> recentTx = new ArrayList<>();
        for (int step = 0; step < 250; step++) {
            long u = users.get(rnd.nextInt(users.size()));
            String asset = ASSETS[rnd.nextInt(2)];
            int r = rnd.nextInt(100);
            if (r < 30) {
                long amount = 1 + rnd.nextInt(20) * ONE / 2 + rnd.nextInt(1000);
                recentTx.add(chain.transfer("0xfaucet", wallet.addresses().addressOf(u, "ETH"), asset, amount));
            } else if (r < 55) {
                chain.mine(1 + rnd.nextInt(2));
            } else if (r < 62) {
                List<String> spent = rnd.nextBoolean() && !recentTx.isEmpty()
                        ? List.of(recentTx.get(rnd.nextInt(recentTx.size()))) : List.of();
                chain.reorg(1 + rnd.nextInt(2), spent);
                chain.mine(1);
            } else if (r < 85) {
                String amount = BigDecimal.valueOf(rnd.nextInt(4000), 2).toPlainString();
                try {
                    wallet.withdrawals().apply(new Withdrawals.Request(u, asset, "ETH", chain.randomAddress(),
                            amount, null, null, true));
                } catch (Refused expected) {
                    // too small, too big, more than the balance: nothing is left behind (checked below)
                }
            } else if (r < 90) {
                for (WithdrawalRecord w : wallet.withdrawals().awaitingApproval(10)) {
                    if (rnd.nextBoolean()) {
                        wallet.withdrawals().approve(Actor.operator(1), w.withdrawalId());
                    } else {
                        wallet.withdrawals().reject(Actor.operator(1), w.withdrawalId(), "random officer");
                    }
                }
            } else if (r < 93) {
                // a crash after the engine credited a deposit but before the row said so
                db.jdbi().useHandle(h -> h.execute("UPDATE deposits SET status = 'CREDITING' WHERE deposit_id = "
                        + "(SELECT max(deposit_id) FROM deposits WHERE status = 'CREDITED')"));
            }
            wallet.tick();
        }
        for (WithdrawalRecord w : wallet.withdrawals().awaitingApproval(100)) {
            wallet.withdrawals().approve(Actor.operator(1), w.withdrawalId());
        }
        for (int i = 0; i < 4; i++) {
            chain.mine(3);
            wallet.tick();
        }
        wallet.close();
        core.close();
        Engine engine = core.engineAfterClose();
        assertThat(Invariants.violations(engine)).isEmpty();
        int open = db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM withdrawals WHERE status IN "
                + "('HOLDING', 'APPROVED', 'SENDING', 'BROADCAST', 'AWAITING_APPROVAL')").mapTo(Integer.class).one());
        assertThat(open).as("withdrawals still open").isZero();
        long credits = 0;
        for (int asset = 0; asset < 2; asset++) {
            long supply = 0;
            for (long u : users) {
                long deposited = sum(db, "SELECT COALESCE(sum(amount), 0) FROM deposits WHERE user_id = ? "
                        + "AND asset = ? AND status = 'CREDITED'", u, ASSETS[asset]);
                long withdrawn = sum(db, "SELECT COALESCE(sum(amount + fee), 0) FROM withdrawals WHERE user_id = ? "
                        + "AND asset = ? AND status = 'CONFIRMED'", u, ASSETS[asset]);
                assertThat(engine.free(u, asset) + engine.locked(u, asset)).as("seed %d user %d %s", seed, u,
                        ASSETS[asset]).isEqualTo(deposited - withdrawn);
                assertThat(engine.locked(u, asset)).isZero();
                supply += deposited - withdrawn;
                credits += deposited;
            }
            assertThat(engine.supply(asset)).isEqualTo(supply);
        }
        assertThat(credits).as("seed %d credited something", seed).isPositive();
        List<String> orphanedButCredited = db.jdbi().withHandle(h -> h.createQuery("SELECT d.tx_id FROM deposits d "
                + "WHERE d.status = 'CREDITED' AND NOT EXISTS (SELECT 1 FROM sim_transfers t WHERE t.tx_id = d.tx_id "
                + "AND t.block_number IS NOT NULL)").mapTo(String.class).list());
        assertThat(orphanedButCredited).as("credited deposits no longer in a block").isEmpty();
    }

    private static long sum(Database db, String sql, long user, String asset) {
        return db.jdbi().withHandle(h -> h.createQuery(sql).bind(0, user).bind(1, asset).mapTo(Long.class).one());
    }
}
