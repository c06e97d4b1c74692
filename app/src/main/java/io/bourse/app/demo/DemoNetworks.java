package io.bourse.app.demo;

import io.bourse.store.Database;
import io.bourse.wallet.chain.ChainAdapter;
import io.bourse.wallet.chain.SimulatedChain;
import io.bourse.wallet.network.NetworkAsset;
import io.bourse.wallet.network.Networks;

import java.time.Clock;
import java.util.List;

/**
 * The demo's networks, each a simulated chain in the embedded database: Bitcoin, Ethereum (ETH and USDT as
 * ERC20), BNB Smart Chain (BNB and USDT as BEP20) and Solana, with fees, minimums and confirmations shaped like
 * Binance's.
 */
public final class DemoNetworks {
    private static final String EVM = "^(0x)[0-9A-Fa-f]{40}$";
    private static final String BITCOIN = "^(bc1)[0-9a-z]{39,59}$";
    private static final String SOLANA = "^[1-9A-HJ-NP-Za-km-z]{32,44}$";

    private DemoNetworks() {
    }

    public static Networks networks() {
        return new Networks(List.of(
                asset("BTC", "BTC", "Bitcoin", 2, "0.0002", "0.001", "100", true, BITCOIN),
                asset("ETH", "ETH", "Ethereum (ERC20)", 6, "0.001", "0.005", "10000", true, EVM),
                asset("BNB", "BSC", "BNB Smart Chain (BEP20)", 3, "0.0005", "0.01", "100000", true, EVM),
                asset("SOL", "SOL", "Solana", 2, "0.01", "0.1", "100000", true, SOLANA),
                asset("USDT", "ETH", "Ethereum (ERC20)", 6, "5", "10", "10000000", true, EVM),
                asset("USDT", "BSC", "BNB Smart Chain (BEP20)", 3, "0.5", "1", "10000000", false, EVM)));
    }

    public static List<ChainAdapter> chains(Database db, Clock clock) {
        return List.of(new SimulatedChain(db.jdbi(), clock, "BTC", SimulatedChain.AddressStyle.BITCOIN),
                new SimulatedChain(db.jdbi(), clock, "ETH", SimulatedChain.AddressStyle.EVM),
                new SimulatedChain(db.jdbi(), clock, "BSC", SimulatedChain.AddressStyle.EVM),
                new SimulatedChain(db.jdbi(), clock, "SOL", SimulatedChain.AddressStyle.SOLANA));
    }

    private static NetworkAsset asset(String asset, String network, String name, int confirmations, String fee,
                                      String min, String max, boolean isDefault, String regex) {
        return new NetworkAsset(asset, DemoMarkets.ASSETS.indexOf(asset), DemoMarkets.SCALE, network, name,
                confirmations, DemoMarkets.units(fee), DemoMarkets.units(min), DemoMarkets.units(max), true, true,
                isDefault, regex);
    }
}
