package io.bourse.api.wallet;

import io.bourse.engine.market.AssetSpec;
import io.bourse.engine.market.SymbolSpec;
import io.bourse.marketdata.BookTicker;
import io.bourse.marketdata.MarketData;
import io.bourse.marketdata.SymbolMarket;
import io.bourse.marketdata.Trade;
import io.bourse.wallet.withdraw.Valuation;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * Values assets in USDT at the exchange's own last trade price (or best bid when nothing traded yet): directly
 * through {@code <ASSET>USDT}, or through BTC.
 */
public final class MarketValuation implements Valuation {
    private final MarketData md;

    public MarketValuation(MarketData md) {
        this.md = md;
    }

    @Override
    public Optional<BigDecimal> inUsdt(String asset, BigDecimal amount) {
        if (asset.equals("USDT")) {
            return Optional.of(amount);
        }
        Optional<BigDecimal> direct = price(asset + "USDT");
        if (direct.isPresent()) {
            return direct.map(amount::multiply);
        }
        return price(asset + "BTC").flatMap(inBtc -> price("BTCUSDT").map(btc -> amount.multiply(inBtc).multiply(btc)));
    }

    private Optional<BigDecimal> price(String symbol) {
        Optional<SymbolSpec> spec = md.listing().symbol(symbol);
        if (spec.isEmpty()) {
            return Optional.empty();
        }
        SymbolMarket market = md.market(spec.get().id());
        AssetSpec quote = md.listing().asset(spec.get().quoteAssetId());
        List<Trade> last = market.recentTrades(1);
        long units = last.isEmpty() ? bid(market.bookTicker()) : last.getFirst().price();
        return units <= 0 ? Optional.empty() : Optional.of(BigDecimal.valueOf(units, quote.scale()));
    }

    private static long bid(BookTicker t) {
        return t == null ? 0 : t.bidPrice();
    }
}
