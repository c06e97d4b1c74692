package io.bourse.wallet;

import io.bourse.platform.Platform;
import io.bourse.runtime.ExchangeCore;
import io.bourse.store.Database;
import io.bourse.wallet.chain.ChainAdapter;
import io.bourse.wallet.deposit.DepositAddresses;
import io.bourse.wallet.deposit.DepositHistory;
import io.bourse.wallet.deposit.DepositWatcher;
import io.bourse.wallet.fiat.FiatCurrency;
import io.bourse.wallet.fiat.FiatDeposits;
import io.bourse.wallet.fiat.PaymentGateway;
import io.bourse.wallet.network.Networks;
import io.bourse.wallet.withdraw.AddressBook;
import io.bourse.wallet.withdraw.Valuation;
import io.bourse.wallet.withdraw.WithdrawalConfig;
import io.bourse.wallet.withdraw.WithdrawalProcessor;
import io.bourse.wallet.withdraw.Withdrawals;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The wallet wired together: networks and their chain adapters, deposit addresses, deposit watchers, withdrawals
 * and their processor, and fiat deposits through a payment gateway. {@link #start} follows the chains on a thread of its own; {@link #tick} does one pass (tests
 * drive it by hand).
 */
public final class Wallet implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Wallet.class);

    private final Networks networks;
    private final Map<String, ChainAdapter> chains = new LinkedHashMap<>();
    private final DepositAddresses addresses;
    private final DepositHistory deposits;
    private final List<DepositWatcher> watchers;
    private final Withdrawals withdrawals;
    private final WithdrawalProcessor processor;
    private final AddressBook addressBook;
    private final FiatDeposits fiat;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("wallet").daemon().factory());

    public Wallet(Database db, Platform platform, ExchangeCore core, Networks networks, List<ChainAdapter> adapters,
                  Valuation valuation, WithdrawalConfig config, List<FiatCurrency> fiatCurrencies,
                  PaymentGateway gateway, Clock clock) {
        Jdbi jdbi = db.jdbi();
        this.networks = networks;
        adapters.forEach(a -> chains.put(a.network(), a));
        this.addresses = new DepositAddresses(jdbi, clock, chains);
        this.deposits = new DepositHistory(jdbi, networks);
        this.watchers = adapters.stream().map(a -> new DepositWatcher(jdbi, clock, a, networks, core)).toList();
        this.withdrawals = new Withdrawals(jdbi, clock, networks, core, platform.twoFactor(), platform.kyc().config(),
                valuation, platform.audit(), config);
        this.processor = new WithdrawalProcessor(jdbi, clock, networks, chains, core, withdrawals, platform.outbox());
        this.addressBook = new AddressBook(jdbi, clock, networks, platform.twoFactor(), platform.audit());
        this.fiat = new FiatDeposits(jdbi, clock, fiatCurrencies, gateway, core);
    }

    public Wallet start(long everyMs) {
        timer.scheduleWithFixedDelay(() -> {
            try {
                tick();
            } catch (RuntimeException e) {
                LOG.warn("wallet: a pass failed, the next one retries: {}", e.toString());
            }
        }, everyMs, everyMs, TimeUnit.MILLISECONDS);
        return this;
    }

    /** Scans every chain and moves every withdrawal one step. */
    public void tick() {
        for (DepositWatcher w : watchers) {
            w.tick();
        }
        processor.tick();
        fiat.tick();
    }

    public Networks networks() {
        return networks;
    }

    public ChainAdapter chain(String network) {
        return chains.get(network);
    }

    public DepositAddresses addresses() {
        return addresses;
    }

    public DepositHistory deposits() {
        return deposits;
    }

    public Withdrawals withdrawals() {
        return withdrawals;
    }

    public AddressBook addressBook() {
        return addressBook;
    }

    public FiatDeposits fiat() {
        return fiat;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
