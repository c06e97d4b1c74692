package io.bourse.app.demo;

import io.bourse.wallet.Wallet;
import io.bourse.wallet.chain.SimulatedChain;
import io.bourse.wallet.network.Networks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Mines a block on every simulated chain at a steady pace, so the demo's deposits and withdrawals confirm. */
public final class BlockProducer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BlockProducer.class);

    private final Wallet wallet;
    private final Networks networks;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("sim-miner").daemon().factory());

    public BlockProducer(Wallet wallet, Networks networks) {
        this.wallet = wallet;
        this.networks = networks;
    }

    public BlockProducer start(long everyMs) {
        timer.scheduleWithFixedDelay(this::mine, everyMs, everyMs, TimeUnit.MILLISECONDS);
        return this;
    }

    private void mine() {
        for (String network : networks.networkNames()) {
            if (wallet.chain(network) instanceof SimulatedChain chain) {
                try {
                    chain.mine(1);
                } catch (RuntimeException e) {
                    LOG.warn("demo: mining on {} failed: {}", network, e.toString());
                }
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
