package io.bourse.wallet.deposit;

import io.bourse.wallet.network.Networks;
import org.jdbi.v3.core.Jdbi;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/** A user's deposits, newest first. */
public final class DepositHistory {
    private final Jdbi jdbi;
    private final Networks networks;

    public DepositHistory(Jdbi jdbi, Networks networks) {
        this.jdbi = jdbi;
        this.networks = networks;
    }

    public List<DepositRecord> of(long userId, String asset, Long fromMs, Long toMs, int offset, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM deposits WHERE user_id = :u "
                        + "AND (:asset IS NULL OR asset = :asset) AND detected_at >= :from AND detected_at <= :to "
                        + "ORDER BY deposit_id DESC OFFSET :offset LIMIT :limit")
                .bind("u", userId).bind("asset", asset)
                .bind("from", Timestamp.from(Instant.ofEpochMilli(fromMs == null ? 0 : fromMs)))
                .bind("to", Timestamp.from(toMs == null ? Instant.parse("9999-12-31T00:00:00Z")
                        : Instant.ofEpochMilli(toMs)))
                .bind("offset", offset).bind("limit", limit)
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
