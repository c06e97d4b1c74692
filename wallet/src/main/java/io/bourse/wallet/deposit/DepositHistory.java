package io.bourse.wallet.deposit;

import io.bourse.wallet.HistoryFilter;
import io.bourse.wallet.network.Networks;
import org.jdbi.v3.core.Jdbi;

import java.sql.Timestamp;
import java.util.List;

/** A user's deposits, newest first: crypto and fiat together, or crypto only (Binance's deposit history). */
public final class DepositHistory {
    private final Jdbi jdbi;
    private final Networks networks;

    public DepositHistory(Jdbi jdbi, Networks networks) {
        this.jdbi = jdbi;
        this.networks = networks;
    }

    public List<DepositRecord> of(long userId, HistoryFilter f) {
        return query(userId, f, false);
    }

    /** Deposits that came over a chain (not card or bank payments). */
    public List<DepositRecord> crypto(long userId, HistoryFilter f) {
        return query(userId, f, true);
    }

    private List<DepositRecord> query(long userId, HistoryFilter f, boolean cryptoOnly) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM deposits WHERE user_id = :u "
                        + "AND (CAST(:asset AS TEXT) IS NULL OR asset = :asset) "
                        + "AND (CAST(:statuses AS TEXT[]) IS NULL OR status = ANY(:statuses)) "
                        + (cryptoOnly ? "AND network NOT IN ('CARD', 'BANK') " : "")
                        + "AND detected_at >= :from AND detected_at <= :to "
                        + "ORDER BY deposit_id DESC OFFSET :offset LIMIT :limit")
                .bind("u", userId).bind("asset", f.asset()).bindArray("statuses", String.class, f.statusArray())
                .bind("from", f.from()).bind("to", f.to()).bind("offset", f.offset()).bind("limit", f.limit())
                .map((rs, ctx) -> {
                    Timestamp credited = rs.getTimestamp("credited_at");
                    String asset1 = rs.getString("asset");
                    String network = rs.getString("network");
                    int required = networks.find(asset1, network).map(n -> n.confirmations()).orElse(0);
                    return new DepositRecord(rs.getLong("deposit_id"), rs.getLong("user_id"), asset1, network,
                            rs.getString("tx_id"), rs.getInt("output_index"), rs.getString("address"),
                            rs.getLong("amount"), rs.getInt("confirmations"), required, rs.getString("status"),
                            rs.getTimestamp("detected_at").toInstant(), credited == null ? null : credited.toInstant());
                })
                .list());
    }
}
