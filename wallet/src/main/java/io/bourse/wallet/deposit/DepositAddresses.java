package io.bourse.wallet.deposit;

import io.bourse.platform.Refused;
import io.bourse.wallet.chain.ChainAdapter;
import org.jdbi.v3.core.Jdbi;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/** One deposit address per user per network, made by the network's adapter on first request and kept. */
public final class DepositAddresses {
    private final Jdbi jdbi;
    private final Clock clock;
    private final Map<String, ChainAdapter> chains;

    public DepositAddresses(Jdbi jdbi, Clock clock, Map<String, ChainAdapter> chains) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.chains = chains;
    }

    public String addressOf(long userId, String network) {
        ChainAdapter chain = chains.get(network);
        if (chain == null) {
            throw Refused.invalid("Network " + network + " has no deposits here.");
        }
        Optional<String> existing = find(userId, network);
        if (existing.isPresent()) {
            return existing.get();
        }
        String fresh = chain.newDepositAddress();
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO deposit_addresses (user_id, network, address, created_at) "
                        + "VALUES (:user, :network, :address, :now) ON CONFLICT (user_id, network) DO NOTHING")
                .bind("user", userId).bind("network", network).bind("address", fresh)
                .bind("now", Timestamp.from(clock.instant())).execute());
        return find(userId, network).orElseThrow();
    }

    private Optional<String> find(long userId, String network) {
        return jdbi.withHandle(h -> h.createQuery("SELECT address FROM deposit_addresses WHERE user_id = :user "
                        + "AND network = :network")
                .bind("user", userId).bind("network", network).mapTo(String.class).findOne());
    }
}
