package io.bourse.wallet.evm;

import io.bourse.store.MasterKey;
import io.bourse.wallet.chain.ChainAdapter;
import io.bourse.wallet.chain.ObservedTransfer;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * An Ethereum-like chain through a node's JSON-RPC, with web3j. Deposits: native transfers in each block's
 * transactions, ERC-20 transfers from the tokens' Transfer logs. Deposit addresses are fresh key pairs; their
 * private keys are kept sealed with the master key (to sweep funds later). Withdrawals are signed by the hot
 * wallet; the signed transaction is stored before it is sent, so sending again after a crash re-sends the same
 * transaction (same hash, same nonce) and never pays twice.
 */
public final class EvmChain implements ChainAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(EvmChain.class);
    /** keccak256("Transfer(address,address,uint256)") */
    static final String TRANSFER_TOPIC = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";
    private static final BigInteger NATIVE_GAS = BigInteger.valueOf(21_000);
    private static final BigInteger TOKEN_GAS = BigInteger.valueOf(100_000);

    private final String network;
    private final Web3j web3;
    private final Jdbi jdbi;
    private final MasterKey masterKey;
    private final Credentials hotWallet;
    private final Clock clock;
    private final Map<String, EvmAsset> byAsset;
    private final Map<String, EvmAsset> byContract;
    private long chainId = -1;

    /**
     * @param hotWalletKey the hex private key withdrawals are paid from
     * @param assets       the native coin and the tokens this network carries
     */
    public EvmChain(String network, String rpcUrl, String hotWalletKey, List<EvmAsset> assets, Jdbi jdbi,
                    MasterKey masterKey, Clock clock) {
        this.network = network;
        this.web3 = Web3j.build(new HttpService(rpcUrl));
        this.jdbi = jdbi;
        this.masterKey = masterKey;
        this.hotWallet = Credentials.create(hotWalletKey);
        this.clock = clock;
        this.byAsset = assets.stream().collect(Collectors.toMap(EvmAsset::asset, a -> a));
        this.byContract = assets.stream().filter(a -> !a.isNative())
                .collect(Collectors.toMap(a -> a.contract().toLowerCase(Locale.ROOT), a -> a));
    }

    @Override
    public String network() {
        return network;
    }

    public String hotWalletAddress() {
        return hotWallet.getAddress();
    }

    @Override
    public String newDepositAddress() {
        try {
            ECKeyPair pair = Keys.createEcKeyPair();
            String address = Keys.toChecksumAddress(Keys.getAddress(pair)).toLowerCase(Locale.ROOT);
            byte[] key = Numeric.toHexStringNoPrefixZeroPadded(pair.getPrivateKey(), 64)
                    .getBytes(StandardCharsets.US_ASCII);
            jdbi.useHandle(h -> h.createUpdate("INSERT INTO evm_deposit_keys (network, address, private_key_enc, "
                            + "created_at) VALUES (:n, :a, :k, :now)")
                    .bind("n", network).bind("a", address).bind("k", masterKey.seal(key))
                    .bind("now", Timestamp.from(clock.instant())).execute());
            return address;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no key pair could be made", e);
        }
    }

    @Override
    public long tipHeight() {
        return call(() -> web3.ethBlockNumber().send()).getBlockNumber().longValueExact();
    }

    @Override
    public Optional<String> blockHash(long height) {
        EthBlock.Block block = call(() -> web3.ethGetBlockByNumber(number(height), false).send()).getBlock();
        return Optional.ofNullable(block).map(EthBlock.Block::getHash);
    }

    @Override
    public List<ObservedTransfer> transfers(long fromHeight, long toHeight) {
        List<ObservedTransfer> out = new ArrayList<>();
        EvmAsset coin = byAsset.values().stream().filter(EvmAsset::isNative).findFirst().orElse(null);
        if (coin != null) {
            for (long n = fromHeight; n <= toHeight; n++) {
                long height = n;
                EthBlock.Block block = call(() -> web3.ethGetBlockByNumber(number(height), true).send()).getBlock();
                if (block == null) {
                    continue;
                }
                for (EthBlock.TransactionResult<?> r : block.getTransactions()) {
                    EthBlock.TransactionObject tx = (EthBlock.TransactionObject) r.get();
                    if (tx.getTo() == null || tx.getValue().signum() == 0) {
                        continue;
                    }
                    long units = coin.toExchangeUnits(tx.getValue());
                    if (units > 0) {
                        out.add(new ObservedTransfer(tx.getHash(), 0, tx.getTo().toLowerCase(Locale.ROOT),
                                coin.asset(), units, n, block.getHash()));
                    }
                }
            }
        }
        if (!byContract.isEmpty()) {
            EthFilter filter = new EthFilter(number(fromHeight), number(toHeight), List.copyOf(byContract.keySet()));
            filter.addSingleTopic(TRANSFER_TOPIC);
            for (EthLog.LogResult<?> r : call(() -> web3.ethGetLogs(filter).send()).getLogs()) {
                Log log = (Log) r.get();
                EvmAsset token = byContract.get(log.getAddress().toLowerCase(Locale.ROOT));
                if (token == null || log.getTopics().size() < 3) {
                    continue;
                }
                String to = "0x" + log.getTopics().get(2).substring(26).toLowerCase(Locale.ROOT);
                long units = token.toExchangeUnits(Numeric.toBigInt(log.getData()));
                if (units > 0) {
                    out.add(new ObservedTransfer(log.getTransactionHash(), log.getLogIndex().intValueExact(), to,
                            token.asset(), units, log.getBlockNumber().longValueExact(), log.getBlockHash()));
                }
            }
        }
        return out;
    }

    @Override
    public synchronized String send(long withdrawalId, String toAddress, String asset, long amount) {
        Optional<String[]> stored = jdbi.withHandle(h -> h.createQuery("SELECT tx_hash, raw_tx FROM evm_sends "
                        + "WHERE network = :n AND withdrawal_id = :id")
                .bind("n", network).bind("id", withdrawalId)
                .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)}).findOne());
        String[] signed = stored.orElseGet(() -> sign(withdrawalId, toAddress, asset, amount));
        EthSendTransaction sent = call(() -> web3.ethSendRawTransaction(signed[1]).send(), true);
        if (sent.hasError()) {
            String message = sent.getError().getMessage().toLowerCase(Locale.ROOT);
            boolean alreadyThere = message.contains("already known") || message.contains("nonce too low")
                    || message.contains("already imported");
            if (!alreadyThere) {
                throw new IllegalStateException("the node refused withdrawal " + withdrawalId + ": "
                        + sent.getError().getMessage());
            }
        }
        return signed[0];
    }

    private String[] sign(long withdrawalId, String toAddress, String asset, long amount) {
        EvmAsset a = byAsset.get(asset);
        if (a == null) {
            throw new IllegalArgumentException(asset + " is not carried on " + network);
        }
        BigInteger pending = call(() -> web3.ethGetTransactionCount(hotWallet.getAddress(),
                DefaultBlockParameterName.PENDING).send()).getTransactionCount();
        long lastUsed = jdbi.withHandle(h -> h.createQuery("SELECT COALESCE(max(nonce), -1) FROM evm_sends "
                + "WHERE network = :n").bind("n", network).mapTo(Long.class).one());
        BigInteger nonce = pending.max(BigInteger.valueOf(lastUsed + 1));
        BigInteger gasPrice = call(() -> web3.ethGasPrice().send()).getGasPrice();
        RawTransaction raw = a.isNative()
                ? RawTransaction.createEtherTransaction(nonce, gasPrice, NATIVE_GAS, toAddress, a.toChainUnits(amount))
                : RawTransaction.createTransaction(nonce, gasPrice, TOKEN_GAS, a.contract(), FunctionEncoder.encode(
                        new Function("transfer", List.of(new Address(toAddress), new Uint256(a.toChainUnits(amount))),
                                List.of())));
        String hex = Numeric.toHexString(TransactionEncoder.signMessage(raw, chainId(), hotWallet));
        String hash = Hash.sha3(hex);
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO evm_sends (network, withdrawal_id, tx_hash, raw_tx, nonce, "
                        + "created_at) VALUES (:n, :id, :hash, :raw, :nonce, :now)")
                .bind("n", network).bind("id", withdrawalId).bind("hash", hash).bind("raw", hex)
                .bind("nonce", nonce.longValueExact()).bind("now", Timestamp.from(clock.instant())).execute());
        LOG.info("wallet: withdrawal {} signed as {} (nonce {}) on {}", withdrawalId, hash, nonce, network);
        return new String[] {hash, hex};
    }

    @Override
    public OptionalLong confirmations(String txId) {
        Optional<TransactionReceipt> receipt = call(() -> web3.ethGetTransactionReceipt(txId).send())
                .getTransactionReceipt();
        if (receipt.isEmpty()) {
            boolean known = call(() -> web3.ethGetTransactionByHash(txId).send()).getTransaction().isPresent();
            return known ? OptionalLong.of(0) : OptionalLong.empty();
        }
        if (!receipt.get().isStatusOK()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(0, tipHeight() - receipt.get().getBlockNumber().longValueExact() + 1));
    }

    private long chainId() {
        if (chainId < 0) {
            chainId = call(() -> web3.ethChainId().send()).getChainId().longValueExact();
        }
        return chainId;
    }

    private static DefaultBlockParameter number(long n) {
        return DefaultBlockParameter.valueOf(BigInteger.valueOf(n));
    }

    @FunctionalInterface
    private interface RpcCall<T> {
        T send() throws IOException;
    }

    private static <T extends Response<?>> T call(RpcCall<T> rpc) {
        return call(rpc, false);
    }

    private static <T extends Response<?>> T call(RpcCall<T> rpc, boolean errorsAreAnswers) {
        try {
            T response = rpc.send();
            if (response.hasError() && !errorsAreAnswers) {
                throw new IllegalStateException("node error: " + response.getError().getMessage());
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException("the node did not answer", e);
        }
    }
}
