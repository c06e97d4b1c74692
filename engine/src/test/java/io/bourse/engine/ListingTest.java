package io.bourse.engine;

import io.bourse.engine.command.AddAsset;
import io.bourse.engine.command.AddSymbol;
import io.bourse.engine.command.PlaceOrder;
import io.bourse.engine.market.SymbolSpec;
import org.junit.jupiter.api.Test;

import static io.bourse.engine.TestExchange.BTC;
import static io.bourse.engine.TestExchange.USDT;
import static io.bourse.engine.TestExchange.price;
import static io.bourse.engine.TestExchange.qty;
import static org.assertj.core.api.Assertions.assertThat;

class ListingTest {
    @Test
    void shouldListAssetsAndSymbolsWhileRunning() {
        TestExchange x = new TestExchange();
        x.ok(new AddAsset("SOL", 8));
        SymbolSpec solUsdt = new SymbolSpec(0, "SOLUSDT", 3, USDT, SymbolStatus.TRADING,
                new SymbolSpec.PriceFilter(price("0.01"), price("10000"), price("0.01")),
                new SymbolSpec.LotSize(qty("0.001"), qty("90000"), qty("0.001")),
                new SymbolSpec.LotSize(qty("0.001"), qty("1000"), qty("0.001")),
                new SymbolSpec.NotionalFilter(price("5"), true, 0, false, 5), null, 200, 5, 10, StpMode.NONE);
        x.ok(new AddSymbol(solUsdt));

        assertThat(x.engine.symbols()).extracting(SymbolSpec::name).containsExactly("BTCUSDT", "ETHBTC", "SOLUSDT");
        x.fund(1, 3, "10");
        x.ok(PlaceOrder.limit(2, 1, Side.SELL, price("150"), qty("1"), TimeInForce.GTC));
    }

    @Test
    void shouldRefuseDuplicatesAndSpecsWhoseArithmeticWouldNotBeExact() {
        TestExchange x = new TestExchange();
        assertThat(x.apply(new AddAsset("BTC", 8))).isEqualTo(RejectReason.DUPLICATE_ASSET);
        assertThat(x.apply(new AddAsset("X", 19))).isEqualTo(RejectReason.INVALID_AMOUNT);
        assertThat(x.apply(new AddSymbol(TestExchange.btcUsdt(StpMode.NONE)))).isEqualTo(RejectReason.DUPLICATE_SYMBOL);

        // step 1 satoshi × tick 0.01 USDT is 10^-10 USDT per unit: not a whole number of 8-decimal units
        SymbolSpec inexact = new SymbolSpec(0, "BTCUSDX", BTC, USDT, SymbolStatus.TRADING,
                new SymbolSpec.PriceFilter(price("0.01"), price("1000000"), price("0.01")),
                new SymbolSpec.LotSize(1, qty("9000"), 1),
                new SymbolSpec.LotSize(1, qty("100"), 1),
                new SymbolSpec.NotionalFilter(0, false, 0, false, 5), null, 200, 5, 10, StpMode.NONE);
        assertThat(x.apply(new AddSymbol(inexact))).isEqualTo(RejectReason.INVALID_SYMBOL_SPEC);
        assertThat(x.engine.symbols()).hasSize(2);
    }
}
