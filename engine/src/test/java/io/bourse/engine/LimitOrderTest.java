package io.bourse.engine;

import io.bourse.engine.command.PlaceOrder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.bourse.engine.TestExchange.BTC;
import static io.bourse.engine.TestExchange.BTCUSDT;
import static io.bourse.engine.TestExchange.FEE_ACCOUNT;
import static io.bourse.engine.TestExchange.USDT;
import static io.bourse.engine.TestExchange.price;
import static io.bourse.engine.TestExchange.qty;
import static org.assertj.core.api.Assertions.assertThat;

class LimitOrderTest {
    private TestExchange x;

    @BeforeEach
    void setUp() {
        x = new TestExchange();
        x.fund(1, BTC, "10");
        x.fund(2, USDT, "1000000");
        x.fund(3, BTC, "10");
        x.fund(3, USDT, "1000000");
    }

    @Test
    void shouldLockWhatARestingOrderCouldSpend() {
        x.limit(1, Side.SELL, "60000", "1.5");
        x.limit(2, Side.BUY, "50000", "2");

        assertThat(x.locked(1, BTC)).isEqualTo(qty("1.5"));
        assertThat(x.free(1, BTC)).isEqualTo(qty("8.5"));
        assertThat(x.locked(2, USDT)).isEqualTo(price("100000"));
        assertThat(x.free(2, USDT)).isEqualTo(price("900000"));
    }

    @Test
    void shouldFillAtTheMakersPriceAndRefundTheBuyersImprovement() {
        long sell = x.limit(1, Side.SELL, "60000", "1");
        long buy = x.limit(2, Side.BUY, "60001", "0.4");

        assertThat(x.trades()).singleElement().satisfies(t -> {
            assertThat(t.price()).isEqualTo(price("60000"));
            assertThat(t.qty()).isEqualTo(qty("0.4"));
            assertThat(t.quoteQty()).isEqualTo(price("24000"));
            assertThat(t.buyerOrderId()).isEqualTo(buy);
            assertThat(t.sellerOrderId()).isEqualTo(sell);
            assertThat(t.buyerIsMaker()).isFalse();
            assertThat(t.buyerFee()).isEqualTo(qty("0.0008"));     // taker 0.2 % of 0.4 BTC
            assertThat(t.sellerFee()).isEqualTo(price("24"));      // maker 0.1 % of 24000 USDT
        });
        assertThat(x.status(buy)).isEqualTo(OrderStatus.FILLED);
        assertThat(x.status(sell)).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(x.free(2, BTC)).isEqualTo(qty("0.3992"));
        assertThat(x.free(2, USDT)).isEqualTo(price("976000"));
        assertThat(x.locked(2, USDT)).isZero();
        assertThat(x.free(1, USDT)).isEqualTo(price("23976"));
        assertThat(x.locked(1, BTC)).isEqualTo(qty("0.6"));
        assertThat(x.free(FEE_ACCOUNT, BTC)).isEqualTo(qty("0.0008"));
        assertThat(x.free(FEE_ACCOUNT, USDT)).isEqualTo(price("24"));
    }

    @Test
    void shouldMatchInPriceThenTimePriority() {
        long first = x.limit(1, Side.SELL, "60010", "1");
        long better = x.limit(3, Side.SELL, "60005", "1");
        long second = x.limit(3, Side.SELL, "60010", "1");

        x.limit(2, Side.BUY, "60010", "2.5");

        assertThat(x.trades()).extracting(EventLog.TradeEvent::sellerOrderId).containsExactly(better, first, second);
        assertThat(x.trades()).extracting(EventLog.TradeEvent::price)
                .containsExactly(price("60005"), price("60010"), price("60010"));
        assertThat(x.engine.order(second).leavesQty()).isEqualTo(qty("0.5"));
    }

    @Test
    void shouldRestTheRemainderOfAGtcOrder() {
        x.limit(1, Side.SELL, "60000", "0.3");
        long buy = x.limit(2, Side.BUY, "60000", "1");

        assertThat(x.status(buy)).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(x.engine.books().levelPrice(BTCUSDT, Side.BUY, 0)).isEqualTo(price("60000"));
        assertThat(x.engine.books().levelQty(BTCUSDT, Side.BUY, 0)).isEqualTo(qty("0.7"));
        assertThat(x.engine.books().levelCount(BTCUSDT, Side.SELL)).isZero();
    }

    @Test
    void shouldExpireTheRemainderOfAnIocOrder() {
        x.limit(1, Side.SELL, "60000", "0.3");
        long buy = x.limit(2, Side.BUY, "60000", "1", TimeInForce.IOC);

        assertThat(x.status(buy)).isEqualTo(OrderStatus.EXPIRED);
        assertThat(x.orderEvents(buy)).extracting(EventLog.OrderEvent::execType)
                .containsExactly(ExecType.NEW, ExecType.EXPIRED);
        assertThat(x.orderEvents(buy).getLast().executedQty()).isEqualTo(qty("0.3"));
        assertThat(x.engine.books().levelCount(BTCUSDT, Side.BUY)).isZero();
        assertThat(x.locked(2, USDT)).isZero();
    }

    @Test
    void shouldExpireAFokOrderThatCannotFillCompletelyWithoutTrading() {
        x.limit(1, Side.SELL, "60000", "0.5");
        x.limit(1, Side.SELL, "60100", "0.5");
        long fok = x.limit(2, Side.BUY, "60050", "0.6", TimeInForce.FOK);

        assertThat(x.status(fok)).isEqualTo(OrderStatus.EXPIRED);
        assertThat(x.trades()).isEmpty();
        assertThat(x.locked(2, USDT)).isZero();
    }

    @Test
    void shouldFillAFokOrderThatCanFillCompletely() {
        x.limit(1, Side.SELL, "60000", "0.5");
        x.limit(1, Side.SELL, "60100", "0.5");
        long fok = x.limit(2, Side.BUY, "60100", "0.6", TimeInForce.FOK);

        assertThat(x.status(fok)).isEqualTo(OrderStatus.FILLED);
        assertThat(x.trades()).hasSize(2);
    }

    @Test
    void shouldRejectAnOrderTheAccountCannotPayForWithBinancesMessage() {
        RejectReason r = x.apply(PlaceOrder.limit(BTCUSDT, 2, Side.BUY, price("60000"), qty("17"),
                TimeInForce.GTC));

        assertThat(r).isEqualTo(RejectReason.INSUFFICIENT_BALANCE);
        assertThat(r.code()).isEqualTo(-2010);
        assertThat(r.message()).isEqualTo("Account has insufficient balance for requested action.");
        assertThat(x.locked(2, USDT)).isZero();
        assertThat(x.engine.books().openOrderCount()).isZero();
    }

    @Test
    void shouldRejectOrdersFromUsersWithoutFunds() {
        assertThat(x.apply(PlaceOrder.limit(BTCUSDT, 99, Side.BUY, price("1"), qty("10"), TimeInForce.GTC)))
                .isEqualTo(RejectReason.INSUFFICIENT_BALANCE);
    }

    @Test
    void shouldLetAUserTradeWithItselfWhenStpIsNone() {
        x.limit(3, Side.SELL, "60000", "1");
        x.limit(3, Side.BUY, "60000", "1");

        assertThat(x.trades()).hasSize(1);
        assertThat(x.engine.books().openOrderCount()).isZero();
    }

    @Test
    void shouldReportEachChangedBalanceOnceAtTheEndOfTheCommand() {
        x.limit(1, Side.SELL, "60000", "1");
        x.log.drain();
        x.limit(2, Side.BUY, "60000", "1");

        var balances = x.log.events().stream().filter(e -> e instanceof EventLog.BalanceEvent)
                .map(e -> (EventLog.BalanceEvent) e).toList();
        assertThat(balances).extracting(b -> b.userId() + ":" + b.assetId()).doesNotHaveDuplicates()
                .contains("1:" + USDT, "1:" + BTC, "2:" + USDT, "2:" + BTC, FEE_ACCOUNT + ":" + BTC);
        assertThat(x.log.events().getLast()).isInstanceOf(EventLog.BalanceEvent.class);
    }
}
