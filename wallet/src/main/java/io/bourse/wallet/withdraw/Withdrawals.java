package io.bourse.wallet.withdraw;

import io.bourse.engine.RejectReason;
import io.bourse.engine.command.WithdrawHold;
import io.bourse.engine.command.WithdrawRelease;
import io.bourse.platform.Refused;
import io.bourse.platform.account.Actor;
import io.bourse.platform.account.Json;
import io.bourse.platform.account.UserRow;
import io.bourse.platform.audit.AuditTrail;
import io.bourse.platform.kyc.KycConfig;
import io.bourse.platform.twofactor.TwoFactor;
import io.bourse.runtime.ExchangeCore;
import io.bourse.runtime.pipeline.CommandResult;
import io.bourse.wallet.HistoryFilter;
import io.bourse.wallet.network.Amounts;
import io.bourse.wallet.network.NetworkAsset;
import io.bourse.wallet.network.Networks;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Asking for withdrawals and deciding on them. A request is checked (network, address, amounts, KYC tier and its
 * rolling 24-hour limit, the address whitelist, two-factor code on the web), written as HOLDING, and its amount plus
 * fee held in the engine; then it is APPROVED, or AWAITING_APPROVAL by a finance officer when it is worth more than
 * the threshold. The {@link WithdrawalProcessor} sends approved ones. A refused request leaves nothing behind.
 * Refusals carry Binance's wallet error codes (-4018 unknown asset … -4035 not whitelisted).
 */
public final class Withdrawals {
    private static final Logger LOG = LoggerFactory.getLogger(Withdrawals.class);
    private static final Pattern CLIENT_ID = Pattern.compile("^[A-Za-z0-9_-]{1,64}$");

    private final Jdbi jdbi;
    private final Clock clock;
    private final Networks networks;
    private final ExchangeCore core;
    private final TwoFactor twoFactor;
    private final KycConfig kyc;
    private final Valuation valuation;
    private final AuditTrail audit;
    private final WithdrawalConfig config;

    public Withdrawals(Jdbi jdbi, Clock clock, Networks networks, ExchangeCore core, TwoFactor twoFactor,
                       KycConfig kyc, Valuation valuation, AuditTrail audit, WithdrawalConfig config) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.networks = networks;
        this.core = core;
        this.twoFactor = twoFactor;
        this.kyc = kyc;
        this.valuation = valuation;
        this.audit = audit;
        this.config = config;
    }

    /**
     * A withdrawal request. {@code viaApiKey}: sent with an API key that may withdraw (the key is the second factor,
     * as on Binance); otherwise from the web, where a user with 2FA must give a code.
     */
    public record Request(long userId, String asset, String network, String address, String amount,
                          String clientOrderId, String totpCode, boolean viaApiKey) {
    }

    public WithdrawalRecord apply(Request r) {
        NetworkAsset na = networks.find(r.asset(), r.network())
                .orElseThrow(() -> new Refused(400, -4018, "We don't have this asset."));
        if (!na.withdrawEnabled()) {
            throw new Refused(400, -4019, "Current asset is not open for withdrawal.");
        }
        if (!na.validAddress(r.address())) {
            throw new Refused(400, -4033, "Illegal address.");
        }
        long amount = Amounts.parse(r.amount(), na.scale(), "amount");
        if (amount < na.withdrawMin()) {
            throw new Refused(400, -4022, "Not less than the minimum pick-up quantity "
                    + Amounts.format(na.withdrawMin(), na.scale()) + ".");
        }
        if (amount > na.withdrawMax()) {
            throw new Refused(400, -4023, "Within 24 hours, the withdrawal exceeds the maximum amount.");
        }
        long total;
        try {
            total = Math.addExact(amount, na.withdrawFee());
        } catch (ArithmeticException e) {
            throw Refused.invalid("'amount' is too large.");
        }
        if (r.clientOrderId() != null && !CLIENT_ID.matcher(r.clientOrderId()).matches()) {
            throw Refused.invalid("'withdrawOrderId' must be 1 to 64 letters, digits, _ or -.");
        }
        BigDecimal value = valuation.inUsdt(na.asset(), Amounts.decimal(total, na.scale()))
                .orElseThrow(() -> new Refused(400, -4015, "Withdraw is limited: there is no price for "
                        + na.asset() + " to check your 24-hour limit against; try again later."));
        Instant now = clock.instant();
        long id = jdbi.inTransaction(h -> {
            UserRow u = UserRow.byIdForUpdate(h, r.userId()).orElseThrow(() -> Refused.notFound("User"));
            if (!r.viaApiKey()) {
                twoFactor.require(h, r.userId(), r.totpCode(), now);
            }
            if (u.kycTier() < 1) {
                throw Refused.tierTooLow(1, u.kycTier());
            }
            BigDecimal used = usedLast24h(h, r.userId(), now);
            BigDecimal limit = kyc.withdrawalLimit(u.kycTier());
            if (used.add(value).compareTo(limit) > 0) {
                throw new Refused(400, -4023, "Within 24 hours, the withdrawal exceeds the maximum amount: this "
                        + "withdrawal (" + value.stripTrailingZeros().toPlainString()
                        + " USDT) would pass your 24-hour limit of " + limit.toPlainString() + " USDT at KYC tier "
                        + u.kycTier() + "; " + limit.subtract(used).max(BigDecimal.ZERO).toPlainString()
                        + " USDT is left.");
            }
            if (whitelistOnly(h, r.userId()) && !whitelisted(h, r.userId(), na.network(), r.address())) {
                throw new Refused(403, -4035, "This address is not on the whitelist. Please join and try again.");
            }
            if (r.clientOrderId() != null && h.createQuery("SELECT 1 FROM withdrawals WHERE user_id = :u "
                    + "AND client_order_id = :c").bind("u", r.userId()).bind("c", r.clientOrderId())
                    .mapTo(Integer.class).findOne().isPresent()) {
                throw Refused.conflict("A withdrawal with this withdrawOrderId exists already.");
            }
            return h.createQuery("INSERT INTO withdrawals (user_id, asset, network, address, amount, fee, value_usdt, "
                            + "client_order_id, status, requested_at) VALUES (:u, :asset, :n, :address, :amount, :fee, "
                            + ":value, :client, 'HOLDING', :now) RETURNING withdrawal_id")
                    .bind("u", r.userId()).bind("asset", na.asset()).bind("n", na.network())
                    .bind("address", r.address()).bind("amount", amount).bind("fee", na.withdrawFee())
                    .bind("value", value).bind("client", r.clientOrderId()).bind("now", Timestamp.from(now))
                    .mapTo(Long.class).one();
        });
        CommandResult held = core.submit(new WithdrawHold(id, r.userId(), na.assetId(), total)).join();
        switch (held.status()) {
            case ACCEPTED -> afterHold(id, value, now);
            case REJECTED -> {
                jdbi.useHandle(h -> h.execute("DELETE FROM withdrawals WHERE withdrawal_id = ?", id));
                RejectReason why = held.reject();
                throw why == RejectReason.INSUFFICIENT_BALANCE
                        ? new Refused(400, -4026, "You have insufficient balance.")
                        : new Refused(400, why.code(), why.message());
            }
            default -> throw new Refused(503, -1007, "The exchange could not take the withdrawal now; its status is "
                    + "checked automatically (id " + id + ").");
        }
        LOG.info("wallet: withdrawal {} of {} {} by user {} to {} on {}", id, Amounts.format(amount, na.scale()),
                na.asset(), r.userId(), r.address(), na.network());
        return find(id).orElseThrow();
    }

    /** After the hold: approve at once, or wait for a finance officer. Also used to recover a HOLDING row. */
    void afterHold(long id, BigDecimal value, Instant now) {
        String next = value.compareTo(config.approvalAboveUsdt()) > 0 ? "AWAITING_APPROVAL" : "APPROVED";
        jdbi.useHandle(h -> h.createUpdate("UPDATE withdrawals SET status = :s WHERE withdrawal_id = :id "
                + "AND status = 'HOLDING'").bind("s", next).bind("id", id).execute());
    }

    public List<WithdrawalRecord> awaitingApproval(int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM withdrawals WHERE status = 'AWAITING_APPROVAL' "
                + "ORDER BY withdrawal_id LIMIT :l").bind("l", limit).map((rs, ctx) -> record(rs)).list());
    }

    public void approve(Actor by, long id) {
        Instant now = clock.instant();
        jdbi.useTransaction(h -> {
            WithdrawalRecord w = awaiting(h, id);
            if (by.name().equals(Actor.operator(w.userId()).name())) {
                throw Refused.roleRequired("another officer (nobody approves their own withdrawal)");
            }
            h.createUpdate("UPDATE withdrawals SET status = 'APPROVED', decided_by = :by WHERE withdrawal_id = :id")
                    .bind("by", by.name()).bind("id", id).execute();
            audit.append(h, now, by.name(), "WITHDRAWAL_APPROVED", Actor.subject(w.userId()),
                    "{\"withdrawalId\":" + id + ",\"status\":\"AWAITING_APPROVAL\"}",
                    "{\"withdrawalId\":" + id + ",\"status\":\"APPROVED\"}");
        });
    }

    public void reject(Actor by, long id, String reason) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > 500) {
            throw Refused.invalid("A reason of 1 to 500 characters is required.");
        }
        end(id, "REJECTED", why, by, "AWAITING_APPROVAL");
    }

    /** The user takes back a withdrawal that is still waiting for approval. */
    public void cancel(long userId, long id) {
        WithdrawalRecord w = find(id).filter(x -> x.userId() == userId)
                .orElseThrow(() -> Refused.notFound("Withdrawal"));
        if (!w.status().equals("AWAITING_APPROVAL")) {
            throw Refused.conflict("Only a withdrawal waiting for approval can be cancelled.");
        }
        end(id, "CANCELED", "cancelled by the user", Actor.user(userId), "AWAITING_APPROVAL");
    }

    /** Releases the hold in the engine first (repeatable), then records the end. */
    private void end(long id, String status, String detail, Actor by, String from) {
        WithdrawalRecord w = find(id).orElseThrow(() -> Refused.notFound("Withdrawal"));
        if (!w.status().equals(from)) {
            throw Refused.conflict("Withdrawal " + id + " is " + w.status() + ".");
        }
        release(id);
        Instant now = clock.instant();
        jdbi.useTransaction(h -> {
            int n = h.createUpdate("UPDATE withdrawals SET status = :s, detail = :d, decided_by = :by, "
                            + "completed_at = :now WHERE withdrawal_id = :id AND status = :from")
                    .bind("s", status).bind("d", detail).bind("by", by.name()).bind("now", Timestamp.from(now))
                    .bind("id", id).bind("from", from).execute();
            if (n == 1) {
                audit.append(h, now, by.name(), "WITHDRAWAL_" + status, Actor.subject(w.userId()),
                        "{\"withdrawalId\":" + id + ",\"status\":\"" + from + "\"}",
                        "{\"withdrawalId\":" + id + ",\"status\":\"" + status + "\",\"reason\":" + Json.quote(detail)
                                + "}");
            }
        });
    }

    void release(long id) {
        CommandResult r = core.submit(new WithdrawRelease(id)).join();
        if (r.status() != CommandResult.Status.ACCEPTED && r.reject() != RejectReason.UNKNOWN_WITHDRAWAL) {
            throw new Refused(503, -1007, "The hold of withdrawal " + id + " could not be released now; try again.");
        }
    }

    public Optional<WithdrawalRecord> find(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM withdrawals WHERE withdrawal_id = :id").bind("id", id)
                .map((rs, ctx) -> record(rs)).findOne());
    }

    /** The user's withdrawals, newest first. */
    public List<WithdrawalRecord> history(long userId, HistoryFilter f) {
        return history(userId, f, null);
    }

    /** The same, only the withdrawal with the user's {@code clientOrderId} when it is given. */
    public List<WithdrawalRecord> history(long userId, HistoryFilter f, String clientOrderId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM withdrawals WHERE user_id = :u "
                        + "AND status <> 'HOLDING' AND (CAST(:asset AS TEXT) IS NULL OR asset = :asset) "
                        + "AND (CAST(:statuses AS TEXT[]) IS NULL OR status = ANY(:statuses)) "
                        + "AND (CAST(:client AS TEXT) IS NULL OR client_order_id = :client) "
                        + "AND requested_at >= :from AND requested_at <= :to "
                        + "ORDER BY withdrawal_id DESC OFFSET :offset LIMIT :limit")
                .bind("u", userId).bind("asset", f.asset()).bindArray("statuses", String.class, f.statusArray())
                .bind("client", clientOrderId)
                .bind("from", f.from()).bind("to", f.to()).bind("offset", f.offset()).bind("limit", f.limit())
                .map((rs, ctx) -> record(rs)).list());
    }

    private static BigDecimal usedLast24h(Handle h, long userId, Instant now) {
        return h.createQuery("SELECT COALESCE(sum(value_usdt), 0) FROM withdrawals WHERE user_id = :u "
                        + "AND requested_at > :since AND status NOT IN ('REJECTED', 'FAILED', 'CANCELED')")
                .bind("u", userId).bind("since", Timestamp.from(now.minus(Duration.ofHours(24))))
                .mapTo(BigDecimal.class).one();
    }

    private static boolean whitelistOnly(Handle h, long userId) {
        return h.createQuery("SELECT withdrawal_whitelist_only FROM users WHERE user_id = :u").bind("u", userId)
                .mapTo(Boolean.class).one();
    }

    private static boolean whitelisted(Handle h, long userId, String network, String address) {
        return h.createQuery("SELECT 1 FROM withdrawal_addresses WHERE user_id = :u AND network = :n "
                        + "AND address = :a")
                .bind("u", userId).bind("n", network).bind("a", address).mapTo(Integer.class).findOne().isPresent();
    }

    private static WithdrawalRecord awaiting(Handle h, long id) {
        WithdrawalRecord w = h.createQuery("SELECT * FROM withdrawals WHERE withdrawal_id = :id FOR UPDATE")
                .bind("id", id).map((rs, ctx) -> record(rs)).findOne()
                .orElseThrow(() -> Refused.notFound("Withdrawal"));
        if (!w.status().equals("AWAITING_APPROVAL")) {
            throw Refused.conflict("Withdrawal " + id + " is " + w.status() + ".");
        }
        return w;
    }

    static WithdrawalRecord record(ResultSet rs) throws SQLException {
        Timestamp completed = rs.getTimestamp("completed_at");
        return new WithdrawalRecord(rs.getLong("withdrawal_id"), rs.getLong("user_id"), rs.getString("asset"),
                rs.getString("network"), rs.getString("address"), rs.getLong("amount"), rs.getLong("fee"),
                rs.getBigDecimal("value_usdt"), rs.getString("client_order_id"), rs.getString("status"),
                rs.getString("tx_id"), rs.getInt("confirmations"), rs.getString("detail"),
                rs.getTimestamp("requested_at").toInstant(), completed == null ? null : completed.toInstant());
    }
}
