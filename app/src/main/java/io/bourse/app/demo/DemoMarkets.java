package io.bourse.app.demo;

import io.bourse.engine.StpMode;
import io.bourse.engine.SymbolStatus;
import io.bourse.engine.command.AddAsset;
import io.bourse.engine.command.AddSymbol;
import io.bourse.engine.command.Command;
import io.bourse.engine.command.SetFeeTier;
import io.bourse.engine.market.Rates;
import io.bourse.engine.market.SymbolSpec;
import io.bourse.wallet.fiat.FiatCurrency;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo listing: five spot markets shaped like Binance's (filters, tick and lot sizes, 0.1 % fees), each with
 * a reference price for the bots to trade around.
 */
public final class DemoMarkets {
    /** Assets in listing order (their engine ids), all with Binance's eight decimals. */
    public static final List<String> ASSETS = List.of("BTC", "ETH", "BNB", "SOL", "USDT");
    public static final int SCALE = 8;
    /** Fiat, listed after the crypto assets: a wallet balance (card and bank deposits through the sandbox). */
    public static final String FIAT = "USD";
    public static final int FIAT_SCALE = 2;
    public static final List<FiatCurrency> FIAT_CURRENCIES = List.of(
            new FiatCurrency(FIAT, ASSETS.size(), FIAT_SCALE, 1_000, 5_000_000));

    /** A demo market: prices, ticks and steps as decimal text. */
    public record Market(String symbol, String base, String quote, String referencePrice, String tickSize,
                         String stepSize, String minNotional) {
        public int baseId() {
            return ASSETS.indexOf(base);
        }

        public int quoteId() {
            return ASSETS.indexOf(quote);
        }
    }

    public static final List<Market> MARKETS = List.of(
            new Market("BTCUSDT", "BTC", "USDT", "60000", "0.01", "0.00001", "5"),
            new Market("ETHUSDT", "ETH", "USDT", "3000", "0.01", "0.0001", "5"),
            new Market("BNBUSDT", "BNB", "USDT", "600", "0.01", "0.001", "5"),
            new Market("SOLUSDT", "SOL", "USDT", "150", "0.01", "0.001", "5"),
            new Market("ETHBTC", "ETH", "BTC", "0.05", "0.00001", "0.001", "0.0001"));

    private DemoMarkets() {
    }

    /** Decimal text in units of 10^-8: {@code units("0.01") == 1_000_000}. */
    public static long units(String decimal) {
        return new BigDecimal(decimal).movePointRight(SCALE).longValueExact();
    }

    /** The commands that list every demo asset and market and set the default fee tier (0.1 % / 0.1 %). */
    public static List<Command> listing() {
        List<Command> commands = new ArrayList<>();
        for (String asset : ASSETS) {
            commands.add(new AddAsset(asset, SCALE));
        }
        commands.add(new AddAsset(FIAT, FIAT_SCALE));
        for (Market m : MARKETS) {
            commands.add(new AddSymbol(spec(m)));
        }
        commands.add(new SetFeeTier(0, Rates.ONE / 1000, Rates.ONE / 1000));
        return commands;
    }

    static SymbolSpec spec(Market m) {
        long tick = units(m.tickSize());
        long step = units(m.stepSize());
        return new SymbolSpec(0, m.symbol(), m.baseId(), m.quoteId(), SymbolStatus.TRADING,
                new SymbolSpec.PriceFilter(tick, 1_000_000 * units(m.referencePrice()) / 1000, tick),
                new SymbolSpec.LotSize(step, 9_000 * units("1"), step),
                new SymbolSpec.LotSize(step, 100 * units("1"), step),
                new SymbolSpec.NotionalFilter(units(m.minNotional()), true, 0, false, 5),
                new SymbolSpec.PercentPriceBySide(5 * Rates.ONE, Rates.ONE / 5, 5 * Rates.ONE, Rates.ONE / 5, 5),
                200, 5, 50, StpMode.EXPIRE_MAKER);
    }
}
