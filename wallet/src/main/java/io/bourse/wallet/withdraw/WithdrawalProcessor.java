package io.bourse.wallet.withdraw;

import io.bourse.engine.RejectReason;
import io.bourse.engine.command.WithdrawHold;
import io.bourse.engine.command.WithdrawSettle;
import io.bourse.platform.mail.Outbox;
import io.bourse.runtime.ExchangeCore;
import io.bourse.runtime.pipeline.CommandResult;
import io.bourse.wallet.chain.ChainAdapter;
import io.bourse.wallet.network.Amounts;
import io.bourse.wallet.network.NetworkAsset;
import io.bourse.wallet.network.Networks;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Moves withdrawals along: APPROVED → SENDING → BROADCAST (the chain has the transaction) → CONFIRMED (enough
 * blocks; the hold is settled, the funds leave the exchange) or FAILED (the chain lost it; the hold is released).
 * Each step is safe to repeat after a crash: sending is idempotent per withdrawal, and settling or releasing a hold
 * twice is refused by the engine as unknown, which counts as done. A HOLDING row left by a crash gets its hold
 * (again: the engine refuses a duplicate) and goes on.
 */
public final class WithdrawalProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(WithdrawalProcessor.class);
    private static final Duration HOLDING_GRACE = Duration.ofSeconds(30);

    private final Jdbi jdbi;
    private final Clock clock;
    private final Networks networks;
    private final Map<String, ChainAdapter> chains;
    private final ExchangeCore core;
    private final Withdrawals withdrawals;
    private final Outbox outbox;

    public WithdrawalProcessor(Jdbi jdbi, Clock clock, Networks networks, Map<String, ChainAdapter> chains,
                               ExchangeCore core, Withdrawals withdrawals, Outbox outbox) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.networks = networks;
        this.chains = chains;
        this.core = core;
        this.withdrawals = withdrawals;
        this.outbox = outbox;
    }

    /** One pass over open withdrawals; returns how many changed status. */
    public synchronized int tick() {
        int changed = 0;
        for (WithdrawalRecord w : open()) {
            try {
                changed += step(w) ? 1 : 0;
            } catch (RuntimeException e) {
                LOG.warn("wallet: withdrawal {} could not move on now: {}", w.withdrawalId(), e.toString());
            }
        }
        return changed;
    }

    private boolean step(WithdrawalRecord w) {
        NetworkAsset na = networks.find(w.asset(), w.network()).orElseThrow();
        ChainAdapter chain = chains.get(w.network());
        Instant now = clock.instant();
        switch (w.status()) {
            case "HOLDING" -> {
                if (w.requestedAt().plus(HOLDING_GRACE).isAfter(now)) {
                    return false;
                }
                CommandResult r = core.submit(new WithdrawHold(w.withdrawalId(), w.userId(), na.assetId(),
                        w.amount() + w.fee())).join();
                if (r.status() == CommandResult.Status.ACCEPTED || r.reject() == RejectReason.DUPLICATE_WITHDRAWAL) {
                    withdrawals.afterHold(w.withdrawalId(), w.valueUsdt(), now);
                } else if (r.status() == CommandResult.Status.REJECTED) {
                    set(w.withdrawalId(), "HOLDING", "FAILED", "funds could not be held: " + r.reject(), null, now);
                }
                return true;
            }
            case "APPROVED", "SENDING" -> {
                if (w.status().equals("APPROVED")) {
                    set(w.withdrawalId(), "APPROVED", "SENDING", "", null, now);
                }
                String txId = chain.send(w.withdrawalId(), w.address(), w.asset(), w.amount());
                set(w.withdrawalId(), "SENDING", "BROADCAST", "", txId, now);
                LOG.info("wallet: withdrawal {} broadcast as {}", w.withdrawalId(), txId);
                return true;
            }
            case "BROADCAST" -> {
                OptionalLong confirmations = chain.confirmations(w.txId());
                if (confirmations.isEmpty()) {
                    withdrawals.release(w.withdrawalId());
                    set(w.withdrawalId(), "BROADCAST", "FAILED", "the network dropped the transaction", w.txId(), now);
                    mail(w, "Your withdrawal failed", "Your withdrawal of " + Amounts.format(w.amount(), na.scale())
                            + " " + w.asset() + " failed on the network; the funds are back in your account.");
                    return true;
                }
                jdbi.useHandle(h -> h.createUpdate("UPDATE withdrawals SET confirmations = :c WHERE withdrawal_id = :id")
                        .bind("c", (int) Math.min(Integer.MAX_VALUE, confirmations.getAsLong()))
                        .bind("id", w.withdrawalId()).execute());
                if (confirmations.getAsLong() < na.confirmations()) {
                    return false;
                }
                CommandResult r = core.submit(new WithdrawSettle(w.withdrawalId())).join();
                if (r.status() != CommandResult.Status.ACCEPTED && r.reject() != RejectReason.UNKNOWN_WITHDRAWAL) {
                    return false;
                }
                set(w.withdrawalId(), "BROADCAST", "CONFIRMED", "", w.txId(), now);
                mail(w, "Withdrawal completed", "Your withdrawal of " + Amounts.format(w.amount(), na.scale()) + " "
                        + w.asset() + " to " + w.address() + " is confirmed (transaction " + w.txId() + ").");
                LOG.info("wallet: withdrawal {} confirmed", w.withdrawalId());
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private List<WithdrawalRecord> open() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM withdrawals WHERE status IN ('HOLDING', 'APPROVED', "
                        + "'SENDING', 'BROADCAST') ORDER BY withdrawal_id")
                .map((rs, ctx) -> Withdrawals.record(rs)).list());
    }

    private void set(long id, String from, String to, String detail, String txId, Instant now) {
        boolean done = to.equals("CONFIRMED") || to.equals("FAILED");
        jdbi.useHandle(h -> h.createUpdate("UPDATE withdrawals SET status = :to, detail = :detail, "
                        + "tx_id = COALESCE(:tx, tx_id), completed_at = :done WHERE withdrawal_id = :id AND status = :from")
                .bind("to", to).bind("detail", detail).bind("tx", txId)
                .bind("done", done ? Timestamp.from(now) : null).bind("id", id).bind("from", from).execute());
    }

    private void mail(WithdrawalRecord w, String subject, String body) {
        jdbi.useHandle(h -> h.createQuery("SELECT email FROM users WHERE user_id = :u").bind("u", w.userId())
                .mapTo(String.class).findOne()
                .ifPresent(email -> outbox.enqueue(h, clock.instant(), email, subject, body)));
        LOG.debug("wallet: mailed user {} about withdrawal {}", w.userId(), w.withdrawalId());
    }
}
