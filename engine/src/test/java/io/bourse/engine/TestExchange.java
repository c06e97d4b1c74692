package io.bourse.engine;

import io.bourse.engine.command.AddAsset;
import io.bourse.engine.command.AddSymbol;
import io.bourse.engine.command.CancelOrder;
import io.bourse.engine.command.Command;
import io.bourse.engine.command.Deposit;
import io.bourse.engine.command.PlaceOrder;
import io.bourse.engine.command.SetFeeTier;
import io.bourse.engine.market.SymbolSpec;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An engine with BTC, USDT and ETH listed, BTCUSDT and ETHBTC trading, and helpers that apply commands with
 * increasing sequence numbers and check every invariant after each one.
 */
public final class TestExchange {
    public static final long FEE_ACCOUNT = 0;
    /** One whole unit of an 8-decimal asset. */
    public static final long ONE = 100_000_000L;
    public static final int BTC = 0;
    public static final int USDT = 1;
    public static final int ETH = 2;
    public static final int BTCUSDT = 0;
    public static final int ETHBTC = 1;
    /** Maker 0.1 %, taker 0.2 % in tier 0. */
    public static final long MAKER_RATE = 100_000;
    public static final long TAKER_RATE = 200_000;

    public final EventLog log = new EventLog();
    public final Engine engine;
    private long sequence;
    private long timeMs = 1_700_000_000_000L;

    public TestExchange() {
        this(StpMode.NONE);
    }

    public TestExchange(StpMode defaultStp) {
        engine = new Engine(log, FEE_ACCOUNT);
        ok(new AddAsset("BTC", 8));
        ok(new AddAsset("USDT", 8));
        ok(new AddAsset("ETH", 8));
        ok(new AddSymbol(btcUsdt(defaultStp)));
        ok(new AddSymbol(new SymbolSpec(0, "ETHBTC", ETH, BTC, SymbolStatus.TRADING,
                new SymbolSpec.PriceFilter(1_000, 100 * ONE, 1_000),
                new SymbolSpec.LotSize(100_000, 100_000 * ONE, 100_000),
                new SymbolSpec.LotSize(100_000, 1_000 * ONE, 100_000),
                new SymbolSpec.NotionalFilter(10_000, true, 0, false, 5),
                null, 200, 5, 10, defaultStp)));
        ok(new SetFeeTier(0, MAKER_RATE, TAKER_RATE));
        log.drain();
    }

    /** BTCUSDT: tick 0.01, step 0.00001 BTC, min notional 5 USDT, iceberg up to 10 parts. */
    public static SymbolSpec btcUsdt(StpMode defaultStp) {
        return new SymbolSpec(0, "BTCUSDT", BTC, USDT, SymbolStatus.TRADING,
                new SymbolSpec.PriceFilter(price("0.01"), price("1000000"), price("0.01")),
                new SymbolSpec.LotSize(qty("0.00001"), qty("9000"), qty("0.00001")),
                new SymbolSpec.LotSize(qty("0.00001"), qty("100"), qty("0.00001")),
                new SymbolSpec.NotionalFilter(price("5"), true, 0, false, 5),
                null, 200, 5, 10, defaultStp);
    }

    /** Decimal text to 8-decimal units: {@code price("60000.5")}. */
    public static long price(String decimal) {
        return new java.math.BigDecimal(decimal).movePointRight(8).longValueExact();
    }

    public static long qty(String decimal) {
        return price(decimal);
    }

    public long now() {
        return timeMs;
    }

    public void advanceMs(long ms) {
        timeMs += ms;
    }

    public RejectReason apply(Command command) {
        RejectReason r = engine.apply(++sequence, timeMs, command);
        assertThat(Invariants.violations(engine)).as("invariants after %s", command).isEmpty();
        return r;
    }

    public void ok(Command command) {
        assertThat(apply(command)).as("%s", command).isEqualTo(RejectReason.NONE);
    }

    public void fund(long userId, int assetId, String amount) {
        ok(new Deposit(userId, assetId, price(amount), 0));
    }

    /** Places and returns the new order's id. */
    public long place(PlaceOrder order) {
        long id = engine.books().nextOrderId();
        ok(order);
        return id;
    }

    public long limit(long userId, Side side, String price, String qty) {
        return place(PlaceOrder.limit(BTCUSDT, userId, side, price(price), qty(qty), TimeInForce.GTC));
    }

    public long limit(long userId, Side side, String price, String qty, TimeInForce tif) {
        return place(PlaceOrder.limit(BTCUSDT, userId, side, price(price), qty(qty), tif));
    }

    public void cancel(long userId, long orderId) {
        ok(CancelOrder.byId(BTCUSDT, userId, orderId));
    }

    public long free(long userId, int assetId) {
        return engine.free(userId, assetId);
    }

    public long locked(long userId, int assetId) {
        return engine.locked(userId, assetId);
    }

    public List<EventLog.TradeEvent> trades() {
        return log.events().stream().filter(e -> e instanceof EventLog.TradeEvent)
                .map(e -> (EventLog.TradeEvent) e).toList();
    }

    public List<EventLog.OrderEvent> orderEvents(long orderId) {
        return log.events().stream().filter(e -> e instanceof EventLog.OrderEvent o && o.orderId() == orderId)
                .map(e -> (EventLog.OrderEvent) e).toList();
    }

    /** Status of an order: open ones from the engine, closed ones from the last event that named it. */
    public OrderStatus status(long orderId) {
        var open = engine.order(orderId);
        if (open != null) {
            return open.status();
        }
        OrderStatus status = null;
        for (EventLog.Event e : log.events()) {
            if (e instanceof EventLog.OrderEvent o && o.orderId() == orderId) {
                status = o.status();
            } else if (e instanceof EventLog.TradeEvent t) {
                long takerId = t.buyerIsMaker() ? t.sellerOrderId() : t.buyerOrderId();
                long makerId = t.buyerIsMaker() ? t.buyerOrderId() : t.sellerOrderId();
                if (takerId == orderId) {
                    status = t.takerStatus();
                } else if (makerId == orderId) {
                    status = t.makerStatus();
                }
            }
        }
        return status;
    }
}
