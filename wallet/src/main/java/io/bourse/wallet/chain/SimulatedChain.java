package io.bourse.wallet.chain;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A blockchain simulated in PostgreSQL for the embedded default and the demo: a faucet puts transfers in the
 * mempool, {@link #mine} puts the mempool into new blocks, {@link #reorg} throws the newest blocks away (their
 * transfers go back to the mempool, or vanish when double-spent). It keeps its blocks across restarts.
 * Addresses look like the real network's ({@code 0x…} for EVM networks, {@code bc1q…} for Bitcoin, base58 for
 * Solana).
 */
public final class SimulatedChain implements ChainAdapter {
    /** How addresses on the network look. */
    public enum AddressStyle { EVM, BITCOIN, SOLANA }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l".toCharArray();
    private static final char[] BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();

    private final Jdbi jdbi;
    private final Clock clock;
    private final String network;
    private final AddressStyle style;

    public SimulatedChain(Jdbi jdbi, Clock clock, String network, AddressStyle style) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.network = network;
        this.style = style;
    }

    @Override
    public String network() {
        return network;
    }

    @Override
    public String newDepositAddress() {
        return randomAddress();
    }

    public String randomAddress() {
        if (style == AddressStyle.EVM) {
            byte[] bytes = new byte[20];
            RANDOM.nextBytes(bytes);
            return "0x" + HexFormat.of().formatHex(bytes);
        }
        if (style == AddressStyle.SOLANA) {
            return randomText(BASE58, 44);
        }
        return "bc1q" + randomText(BECH32, 38);
    }

    private static String randomText(char[] alphabet, int length) {
        char[] out = new char[length];
        for (int i = 0; i < out.length; i++) {
            out[i] = alphabet[RANDOM.nextInt(alphabet.length)];
        }
        return new String(out);
    }

    /** The faucet: someone outside pays {@code to}; returns the transaction id (in the mempool until mined). */
    public String transfer(String from, String to, String asset, long amount) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String txId = txIdStyle(HexFormat.of().formatHex(bytes));
        jdbi.useHandle(h -> insert(h, txId, from, to, asset, amount));
        return txId;
    }

    /** Mines {@code count} blocks; the first takes the whole mempool. Returns the new tip height. */
    public long mine(int count) {
        return jdbi.inTransaction(h -> {
            h.execute("SELECT pg_advisory_xact_lock(hashtext(?))", "sim-chain:" + network);
            long tip = tip(h);
            for (int i = 0; i < count; i++) {
                tip++;
                String hash = txIdStyle(sha256(network + ":" + tip + ":" + System.nanoTime() + ":" + RANDOM.nextLong()));
                h.createUpdate("INSERT INTO sim_blocks (network, number, hash, mined_at) VALUES (:n, :num, :hash, :at)")
                        .bind("n", network).bind("num", tip).bind("hash", hash)
                        .bind("at", Timestamp.from(clock.instant())).execute();
                if (i == 0) {
                    h.createUpdate("UPDATE sim_transfers SET block_number = :num WHERE network = :n "
                            + "AND block_number IS NULL").bind("num", tip).bind("n", network).execute();
                }
            }
            return tip;
        });
    }

    /**
     * Drops the newest {@code depth} blocks. Their transfers return to the mempool, except those listed in
     * {@code doubleSpent}, which disappear as if a conflicting transaction had won (only a transaction in a dropped
     * block or in the mempool can be double-spent; deeper ones stay).
     */
    public void reorg(int depth, List<String> doubleSpent) {
        jdbi.useTransaction(h -> {
            h.execute("SELECT pg_advisory_xact_lock(hashtext(?))", "sim-chain:" + network);
            long from = tip(h) - depth + 1;
            h.createUpdate("UPDATE sim_transfers SET block_number = NULL WHERE network = :n AND block_number >= :from")
                    .bind("n", network).bind("from", from).execute();
            h.createUpdate("DELETE FROM sim_blocks WHERE network = :n AND number >= :from").bind("n", network)
                    .bind("from", from).execute();
            for (String tx : doubleSpent) {
                h.createUpdate("DELETE FROM sim_transfers WHERE network = :n AND tx_id = :tx AND block_number IS NULL")
                        .bind("n", network).bind("tx", tx).execute();
            }
        });
    }

    @Override
    public long tipHeight() {
        return jdbi.withHandle(this::tip);
    }

    @Override
    public Optional<String> blockHash(long height) {
        return jdbi.withHandle(h -> h.createQuery("SELECT hash FROM sim_blocks WHERE network = :n AND number = :num")
                .bind("n", network).bind("num", height).mapTo(String.class).findOne());
    }

    @Override
    public List<ObservedTransfer> transfers(long fromHeight, long toHeight) {
        return jdbi.withHandle(h -> h.createQuery("SELECT t.tx_id, t.output_index, t.to_address, t.asset, t.amount, "
                        + "b.number, b.hash FROM sim_transfers t JOIN sim_blocks b ON b.network = t.network "
                        + "AND b.number = t.block_number WHERE t.network = :n AND b.number BETWEEN :from AND :to "
                        + "ORDER BY b.number, t.tx_id, t.output_index")
                .bind("n", network).bind("from", fromHeight).bind("to", toHeight)
                .map((rs, ctx) -> new ObservedTransfer(rs.getString(1), rs.getInt(2), rs.getString(3),
                        rs.getString(4), rs.getLong(5), rs.getLong(6), rs.getString(7)))
                .list());
    }

    @Override
    public String send(long withdrawalId, String toAddress, String asset, long amount) {
        String txId = txIdStyle(sha256(network + ":withdrawal:" + withdrawalId));
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO sim_transfers (network, tx_id, output_index, from_address, "
                        + "to_address, asset, amount) VALUES (:n, :tx, 0, 'hot-wallet', :to, :asset, :amount) "
                        + "ON CONFLICT DO NOTHING")
                .bind("n", network).bind("tx", txId).bind("to", toAddress).bind("asset", asset).bind("amount", amount)
                .execute());
        return txId;
    }

    @Override
    public OptionalLong confirmations(String txId) {
        return jdbi.withHandle(h -> {
            var row = h.createQuery("SELECT block_number FROM sim_transfers WHERE network = :n AND tx_id = :tx "
                            + "LIMIT 1")
                    .bind("n", network).bind("tx", txId).map((rs, ctx) -> {
                        long b = rs.getLong(1);
                        return rs.wasNull() ? -1L : b;
                    }).findOne();
            if (row.isEmpty()) {
                return OptionalLong.empty();
            }
            long block = row.get();
            return OptionalLong.of(block < 0 ? 0 : Math.max(0, tip(h) - block + 1));
        });
    }

    private void insert(Handle h, String txId, String from, String to, String asset, long amount) {
        h.createUpdate("INSERT INTO sim_transfers (network, tx_id, output_index, from_address, to_address, asset, "
                        + "amount) VALUES (:n, :tx, 0, :from, :to, :asset, :amount)")
                .bind("n", network).bind("tx", txId).bind("from", from).bind("to", to).bind("asset", asset)
                .bind("amount", amount).execute();
    }

    private long tip(Handle h) {
        return h.createQuery("SELECT COALESCE(max(number), 0) FROM sim_blocks WHERE network = :n").bind("n", network)
                .mapTo(Long.class).one();
    }

    private String txIdStyle(String hex64) {
        return style == AddressStyle.EVM ? "0x" + hex64 : hex64;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
