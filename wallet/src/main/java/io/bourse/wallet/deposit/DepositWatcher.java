package io.bourse.wallet.deposit;

import io.bourse.engine.RejectReason;
import io.bourse.engine.command.Deposit;
import io.bourse.runtime.ExchangeCore;
import io.bourse.runtime.pipeline.CommandResult;
import io.bourse.wallet.chain.ChainAdapter;
import io.bourse.wallet.chain.ObservedTransfer;
import io.bourse.wallet.network.NetworkAsset;
import io.bourse.wallet.network.Networks;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Follows one network and credits its deposits. Each {@link #tick}: scan the blocks since the last scan (and a few
 * before it, so a transfer moved by a reorg is found again), record transfers to our addresses, then for every
 * open deposit check that its block is still on the best chain (a deposit whose block vanished is ORPHANED and
 * never credited unless it reappears), count confirmations, and credit those with enough through the engine.
 *
 * <p>Exactly once: the deposit id is the engine command's reference, and the engine refuses a reference it has
 * credited. A deposit is marked CREDITING before its command goes, so after a crash it is simply sent again.
 */
public final class DepositWatcher {
    private static final Logger LOG = LoggerFactory.getLogger(DepositWatcher.class);

    private final Jdbi jdbi;
    private final Clock clock;
    private final ChainAdapter chain;
    private final Networks networks;
    private final ExchangeCore core;
    private final int rescanDepth;

    public DepositWatcher(Jdbi jdbi, Clock clock, ChainAdapter chain, Networks networks, ExchangeCore core) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.chain = chain;
        this.networks = networks;
        this.core = core;
        this.rescanDepth = networks.all().stream().filter(n -> n.network().equals(chain.network()))
                .mapToInt(NetworkAsset::confirmations).max().orElse(1) + 6;
    }

    public String network() {
        return chain.network();
    }

    /** One pass; returns how many deposits were credited. */
    public synchronized int tick() {
        long tip = chain.tipHeight();
        long scanned = jdbi.withHandle(h -> h.createQuery("SELECT height FROM chain_cursors WHERE network = :n")
                .bind("n", chain.network()).mapTo(Long.class).findOne().orElse(0L));
        long from = Math.max(1, Math.min(scanned, tip) - rescanDepth);
        if (tip >= from) {
            record(chain.transfers(from, tip));
        }
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO chain_cursors (network, height) VALUES (:n, :tip) "
                + "ON CONFLICT (network) DO UPDATE SET height = :tip").bind("n", chain.network()).bind("tip", tip)
                .execute());
        int credited = 0;
        for (Open d : open()) {
            credited += follow(d, tip) ? 1 : 0;
        }
        checkCredited(tip);
        return credited;
    }

    /**
     * A credited deposit whose block left the best chain (a reorg deeper than its confirmations) and whose
     * transaction was not found again is marked REVERSED and reported loudly: the funds stay credited until finance
     * decides, because the chain may still bring the transaction back.
     */
    private void checkCredited(long tip) {
        for (Open d : deposits("status = 'CREDITED' AND block_number > " + (tip - rescanDepth))) {
            boolean onBestChain = chain.blockHash(d.blockNumber()).map(d.blockHash()::equals).orElse(false);
            if (!onBestChain) {
                jdbi.useHandle(h -> h.createUpdate("UPDATE deposits SET status = 'REVERSED', detail = :why "
                                + "WHERE deposit_id = :id AND status = 'CREDITED'")
                        .bind("why", "block " + d.blockNumber() + " left the best chain after crediting")
                        .bind("id", d.depositId()).execute());
                LOG.error("wallet: CREDITED deposit {} ({} {} to user {}) was reorged out of {}; marked REVERSED for "
                        + "finance", d.depositId(), d.amount(), d.asset(), d.userId(), chain.network());
            }
        }
    }

    private void record(List<ObservedTransfer> transfers) {
        Instant now = clock.instant();
        jdbi.useTransaction(h -> {
            for (ObservedTransfer t : transfers) {
                Optional<Long> user = h.createQuery("SELECT user_id FROM deposit_addresses WHERE network = :n "
                                + "AND address = :a")
                        .bind("n", chain.network()).bind("a", t.toAddress()).mapTo(Long.class).findOne();
                if (user.isEmpty()) {
                    continue;
                }
                if (networks.find(t.asset(), chain.network()).filter(NetworkAsset::depositEnabled).isEmpty()) {
                    LOG.warn("wallet: {} {} to {} on {} is not an asset we take deposits of here; ignored",
                            t.amount(), t.asset(), t.toAddress(), chain.network());
                    continue;
                }
                int n = h.createUpdate("INSERT INTO deposits (user_id, asset, network, tx_id, output_index, address, "
                                + "amount, block_number, block_hash, status, detected_at) VALUES (:user, :asset, :n, "
                                + ":tx, :out, :address, :amount, :block, :hash, 'PENDING', :now) "
                                + "ON CONFLICT (network, tx_id, output_index) DO UPDATE SET block_number = :block, "
                                + "block_hash = :hash, status = CASE WHEN deposits.status IN ('REVERSED', 'CREDITED') "
                                + "THEN 'CREDITED' ELSE 'PENDING' END WHERE deposits.status IN ('PENDING', 'ORPHANED', 'REVERSED', "
                                + "'CREDITED') AND deposits.block_hash IS DISTINCT FROM :hash")
                        .bind("user", user.get()).bind("asset", t.asset()).bind("n", chain.network())
                        .bind("tx", t.txId()).bind("out", t.outputIndex()).bind("address", t.toAddress())
                        .bind("amount", t.amount()).bind("block", t.blockNumber()).bind("hash", t.blockHash())
                        .bind("now", Timestamp.from(now)).execute();
                if (n > 0) {
                    LOG.info("wallet: deposit of {} {} to user {} seen in block {} of {}", t.amount(), t.asset(),
                            user.get(), t.blockNumber(), chain.network());
                }
            }
        });
    }

    private record Open(long depositId, long userId, String asset, long amount, long blockNumber, String blockHash,
                        String status) {
    }

    private List<Open> open() {
        return deposits("status IN ('PENDING', 'CREDITING')");
    }

    /** This network's deposits matching {@code condition} (a fixed SQL text; no input goes into it). */
    private List<Open> deposits(String condition) {
        return jdbi.withHandle(h -> h.createQuery("SELECT deposit_id, user_id, asset, amount, block_number, "
                        + "block_hash, status FROM deposits WHERE network = :n AND " + condition + " ORDER BY deposit_id")
                .bind("n", chain.network())
                .map((rs, ctx) -> new Open(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4),
                        rs.getLong(5), rs.getString(6), rs.getString(7)))
                .list());
    }

    /** Returns whether the deposit was credited now. */
    private boolean follow(Open d, long tip) {
        NetworkAsset na = networks.find(d.asset(), chain.network()).orElseThrow();
        if (!d.status().equals("CREDITING")) {
            boolean onBestChain = chain.blockHash(d.blockNumber()).map(d.blockHash()::equals).orElse(false);
            if (!onBestChain) {
                jdbi.useHandle(h -> h.createUpdate("UPDATE deposits SET status = 'ORPHANED', confirmations = 0 "
                        + "WHERE deposit_id = :id AND status = 'PENDING'").bind("id", d.depositId()).execute());
                LOG.warn("wallet: deposit {} left the best chain of {} (reorg); it is not credited", d.depositId(),
                        chain.network());
                return false;
            }
            int confirmations = (int) Math.min(Integer.MAX_VALUE, tip - d.blockNumber() + 1);
            jdbi.useHandle(h -> h.createUpdate("UPDATE deposits SET confirmations = :c WHERE deposit_id = :id")
                    .bind("c", confirmations).bind("id", d.depositId()).execute());
            if (confirmations < na.confirmations()) {
                return false;
            }
            int claimed = jdbi.withHandle(h -> h.createUpdate("UPDATE deposits SET status = 'CREDITING' "
                    + "WHERE deposit_id = :id AND status = 'PENDING'").bind("id", d.depositId()).execute());
            if (claimed == 0) {
                return false;
            }
        }
        CommandResult result = core.submit(new Deposit(d.userId(), na.assetId(), d.amount(), d.depositId())).join();
        if (result.status() == CommandResult.Status.UNKNOWN || result.status() == CommandResult.Status.REFUSED) {
            LOG.warn("wallet: deposit {} could not be sent to the engine ({}); it stays CREDITING and is sent again",
                    d.depositId(), result.status());
            return false;
        }
        boolean credited = result.status() == CommandResult.Status.ACCEPTED
                || result.reject() == RejectReason.DUPLICATE_DEPOSIT;
        Instant now = clock.instant();
        jdbi.useHandle(h -> finish(h, d.depositId(), credited, credited ? "" : String.valueOf(result.reject()), now));
        if (credited) {
            LOG.info("wallet: deposit {} credited: {} {} to user {}", d.depositId(), d.amount(), d.asset(), d.userId());
        } else {
            LOG.error("wallet: deposit {} was refused by the engine: {}", d.depositId(), result.reject());
        }
        return credited;
    }

    private static void finish(Handle h, long depositId, boolean credited, String detail, Instant now) {
        h.createUpdate("UPDATE deposits SET status = :status, detail = :detail, credited_at = :now "
                        + "WHERE deposit_id = :id")
                .bind("status", credited ? "CREDITED" : "FAILED").bind("detail", detail)
                .bind("now", credited ? Timestamp.from(now) : null).bind("id", depositId).execute();
    }
}
