package io.bourse.history;

import io.bourse.engine.PreventedMatch;
import io.bourse.engine.ExecType;
import io.bourse.engine.command.AmendOrder;
import io.bourse.engine.command.Command;
import io.bourse.engine.event.EngineEvent;
import io.bourse.engine.event.OrderState;
import io.bourse.engine.event.TradeState;
import io.bourse.runtime.event.EncodedEvents;
import io.bourse.runtime.pipeline.EventConsumer;
import io.bourse.store.Database;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes every order's latest state, every trade, prevented match and amendment to PostgreSQL. Rows are buffered
 * and written in one transaction per batch together with the consumer's position, so after a crash the core hands
 * it exactly the commands after that position: rows are neither lost nor doubled (trades are keyed by symbol and
 * trade id, orders by order id, prevented matches by symbol and id, amendments by order and execution id).
 *
 * <p>Its transactions commit without waiting for PostgreSQL's write-ahead log to reach the disk
 * ({@code synchronous_commit = off}, for these transactions only). The journal is the record of truth and the
 * position commits with the rows, so a crash loses at most the last fraction of a second of both, and the writer
 * writes them again from the journal; what it saves is an fsync per batch on the disk the journal's group commit
 * waits on (see docs/api.md).
 */
public final class HistoryWriter implements EventConsumer {
    static final String NAME = "history";
    /** Rows buffered before writing even if the batch goes on (bounds memory while catching up). */
    private static final int MAX_BUFFERED = 20_000;

    private final Jdbi jdbi;
    private final History stored;
    private final Map<Long, OrderState> orders = new LinkedHashMap<>();
    private final List<TradeState> trades = new ArrayList<>();
    private final List<PreventedMatch> prevented = new ArrayList<>();
    private final List<OrderAmendment> amendments = new ArrayList<>();
    private long bufferedUpTo;
    private volatile long written;

    public HistoryWriter(Database db) {
        this.jdbi = db.jdbi();
        this.stored = new History(db);
        this.written = jdbi.withHandle(h -> h.createQuery("SELECT sequence FROM consumer_positions WHERE consumer = :c")
                .bind("c", NAME).mapTo(Long.class).findOne().orElse(0L));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long lastAppliedSequence() {
        return written;
    }

    /** The sequence of the last command whose rows are committed. */
    public long writtenSequence() {
        return written;
    }

    @Override
    public void onCommand(long sequence, long timestampMs, Command command, EncodedEvents events) {
        if (events.count() > 0) {
            for (EngineEvent e : events.decode()) {
                switch (e) {
                    case EngineEvent.OrderUpdated u -> {
                        if (command instanceof AmendOrder && u.execType() == ExecType.REPLACED) {
                            amended(sequence, timestampMs, u.order());
                        }
                        orders.put(u.order().orderId(), u.order());
                    }
                    case EngineEvent.TradeExecuted t -> {
                        trades.add(t.trade());
                        orders.put(t.taker().orderId(), t.taker());
                        orders.put(t.maker().orderId(), t.maker());
                    }
                    case EngineEvent.MatchPrevented p -> prevented.add(p.match());
                    default -> {
                    }
                }
            }
        }
        bufferedUpTo = sequence;
        if (orders.size() + trades.size() + prevented.size() + amendments.size() >= MAX_BUFFERED) {
            flush();
        }
    }

    @Override
    public void onBatchEnd() {
        if (bufferedUpTo > written) {
            flush();
        }
    }

    private void flush() {
        long upTo = bufferedUpTo;
        jdbi.useTransaction(h -> {
            h.execute("SET LOCAL synchronous_commit TO OFF");
            writeTrades(h);
            writeOrders(h);
            writePrevented(h);
            writeAmendments(h);
            h.createUpdate("INSERT INTO consumer_positions (consumer, sequence) VALUES (:c, :s) "
                    + "ON CONFLICT (consumer) DO UPDATE SET sequence = excluded.sequence")
                    .bind("c", NAME).bind("s", upTo).execute();
        });
        orders.clear();
        trades.clear();
        prevented.clear();
        amendments.clear();
        written = upTo;
    }

    /** Records an amendment against the order as it was: in this batch's buffer, else as stored. */
    private void amended(long sequence, long timestampMs, OrderState now) {
        OrderState before = orders.get(now.orderId());
        if (before == null) {
            before = stored.order(now.userId(), now.orderId()).orElse(null);
        }
        if (before != null) {
            amendments.add(OrderAmendment.of(before, now, sequence, timestampMs));
        }
    }

    private void writeAmendments(Handle h) {
        if (amendments.isEmpty()) {
            return;
        }
        PreparedBatch batch = h.prepareBatch("INSERT INTO order_amendments (order_id, execution_id, symbol_id, "
                + "user_id, orig_client_order_id, new_client_order_id, orig_qty, new_qty, time_ms) VALUES (:order, "
                + ":execution, :symbol, :user, :origClient, :newClient, :origQty, :newQty, :time) "
                + "ON CONFLICT DO NOTHING");
        for (OrderAmendment a : amendments) {
            batch.bind("order", a.orderId()).bind("execution", a.executionId()).bind("symbol", a.symbolId())
                    .bind("user", a.userId()).bind("origClient", a.origClientOrderId())
                    .bind("newClient", a.newClientOrderId()).bind("origQty", a.origQty()).bind("newQty", a.newQty())
                    .bind("time", a.timeMs()).add();
        }
        batch.execute();
    }

    private void writePrevented(Handle h) {
        if (prevented.isEmpty()) {
            return;
        }
        PreparedBatch batch = h.prepareBatch("INSERT INTO prevented_matches (symbol_id, prevented_match_id, "
                + "taker_order_id, maker_order_id, user_id, price, maker_prevented_qty, stp_mode, time_ms) VALUES "
                + "(:symbol, :id, :taker, :maker, :user, :price, :qty, :mode, :time) ON CONFLICT DO NOTHING");
        for (PreventedMatch p : prevented) {
            batch.bind("symbol", p.symbolId()).bind("id", p.preventedMatchId()).bind("taker", p.takerOrderId())
                    .bind("maker", p.makerOrderId()).bind("user", p.userId()).bind("price", p.price())
                    .bind("qty", p.makerPreventedQty()).bind("mode", p.mode().name()).bind("time", p.timeMs())
                    .add();
        }
        batch.execute();
    }

    private void writeTrades(Handle h) {
        if (trades.isEmpty()) {
            return;
        }
        PreparedBatch batch = h.prepareBatch("INSERT INTO trades (symbol_id, trade_id, price, qty, quote_qty, "
                + "buyer_order_id, seller_order_id, buyer_user_id, seller_user_id, buyer_is_maker, buyer_fee, "
                + "seller_fee, time_ms) VALUES (:symbol, :id, :price, :qty, :quote, :bo, :so, :bu, :su, :bm, :bf, "
                + ":sf, :time) ON CONFLICT DO NOTHING");
        for (TradeState t : trades) {
            batch.bind("symbol", t.symbolId()).bind("id", t.tradeId()).bind("price", t.price()).bind("qty", t.qty())
                    .bind("quote", t.quoteQty()).bind("bo", t.buyerOrderId()).bind("so", t.sellerOrderId())
                    .bind("bu", t.buyerUserId()).bind("su", t.sellerUserId()).bind("bm", t.buyerIsMaker())
                    .bind("bf", t.buyerFee()).bind("sf", t.sellerFee()).bind("time", t.timeMs()).add();
        }
        batch.execute();
    }

    private void writeOrders(Handle h) {
        if (orders.isEmpty()) {
            return;
        }
        PreparedBatch batch = h.prepareBatch("INSERT INTO orders (order_id, symbol_id, user_id, client_order_id, "
                + "side, type, time_in_force, status, stp_mode, price, stop_price, orig_qty, executed_qty, "
                + "cum_quote_qty, quote_order_qty, iceberg_qty, prevented_qty, order_list_id, created_ms, updated_ms, "
                + "working_ms, list_client_order_id) VALUES (:id, :symbol, :user, :client, :side, :type, :tif, "
                + ":status, :stp, :price, :stop, :orig, :executed, :cum, :quoteQty, :iceberg, :prevented, :list, "
                + ":created, :updated, :working, :listClient) ON CONFLICT (order_id) DO UPDATE SET "
                + "status = excluded.status, client_order_id = excluded.client_order_id, "
                + "orig_qty = excluded.orig_qty, executed_qty = excluded.executed_qty, "
                + "cum_quote_qty = excluded.cum_quote_qty, prevented_qty = excluded.prevented_qty, "
                + "price = excluded.price, updated_ms = excluded.updated_ms, working_ms = excluded.working_ms");
        for (OrderState o : orders.values()) {
            batch.bind("id", o.orderId()).bind("symbol", o.symbolId()).bind("user", o.userId())
                    .bind("client", o.clientOrderId()).bind("side", o.side().name()).bind("type", o.type().name())
                    .bind("tif", o.timeInForce() == null ? null : o.timeInForce().name())
                    .bind("status", o.status().name()).bind("stp", o.stpMode().name()).bind("price", o.price())
                    .bind("stop", o.stopPrice()).bind("orig", o.origQty()).bind("executed", o.executedQty())
                    .bind("cum", o.cumQuoteQty()).bind("quoteQty", o.quoteOrderQty())
                    .bind("iceberg", o.icebergQty()).bind("prevented", o.preventedQty())
                    .bind("list", o.orderListId()).bind("created", o.createdTimeMs())
                    .bind("updated", o.updatedTimeMs()).bind("working", o.workingTimeMs())
                    .bind("listClient", o.listClientOrderId()).add();
        }
        batch.execute();
    }
}
