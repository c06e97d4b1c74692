package io.bourse.history;

import io.bourse.engine.OrderStatus;
import io.bourse.engine.OrderType;
import io.bourse.engine.PreventedMatch;
import io.bourse.engine.Side;
import io.bourse.engine.StpMode;
import io.bourse.engine.TimeInForce;
import io.bourse.engine.event.OrderState;
import io.bourse.engine.event.TradeState;
import io.bourse.marketdata.AggTrade;
import io.bourse.marketdata.Kline;
import io.bourse.store.Database;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the history store: orders and trades as the {@link HistoryWriter} wrote them, oldest first. */
public final class History {
    private static final String ORDER_COLUMNS = "order_id, symbol_id, user_id, client_order_id, side, type, "
            + "time_in_force, status, stp_mode, price, stop_price, orig_qty, executed_qty, cum_quote_qty, "
            + "quote_order_qty, iceberg_qty, prevented_qty, order_list_id, created_ms, updated_ms, working_ms, "
            + "list_client_order_id";
    private static final String TRADE_COLUMNS = "symbol_id, trade_id, price, qty, quote_qty, buyer_order_id, "
            + "seller_order_id, buyer_user_id, seller_user_id, buyer_is_maker, buyer_fee, seller_fee, time_ms";

    /** Orders as stored; their place on the book is not (visible 0, off the book). */
    private static final RowMapper<OrderState> ORDER = (rs, ctx) -> {
        OrderStatus status = OrderStatus.valueOf(rs.getString("status"));
        long orig = rs.getLong("orig_qty");
        long executed = rs.getLong("executed_qty");
        long prevented = rs.getLong("prevented_qty");
        return new OrderState(rs.getLong("order_id"), rs.getInt("symbol_id"), rs.getLong("user_id"),
                Side.valueOf(rs.getString("side")), OrderType.valueOf(rs.getString("type")),
                rs.getString("time_in_force") == null ? null : TimeInForce.valueOf(rs.getString("time_in_force")),
                status, StpMode.valueOf(rs.getString("stp_mode")), rs.getString("client_order_id"),
                rs.getLong("price"), rs.getLong("stop_price"), orig, executed, rs.getLong("cum_quote_qty"),
                rs.getLong("quote_order_qty"), rs.getLong("iceberg_qty"), prevented,
                status.isOpen() ? orig - executed - prevented : 0, rs.getLong("order_list_id"),
                rs.getLong("created_ms"), rs.getLong("updated_ms"), rs.getLong("working_ms"), 0, false,
                rs.getString("list_client_order_id"));
    };

    private static final RowMapper<TradeState> TRADE = (rs, ctx) -> new TradeState(rs.getLong("trade_id"),
            rs.getInt("symbol_id"), rs.getLong("price"), rs.getLong("qty"), rs.getLong("quote_qty"),
            rs.getLong("buyer_order_id"), rs.getLong("seller_order_id"), rs.getLong("buyer_user_id"),
            rs.getLong("seller_user_id"), rs.getBoolean("buyer_is_maker"), rs.getLong("buyer_fee"),
            rs.getLong("seller_fee"), rs.getLong("time_ms"));

    private static final RowMapper<PreventedMatch> PREVENTED = (rs, ctx) -> new PreventedMatch(
            rs.getInt("symbol_id"), rs.getLong("prevented_match_id"), rs.getLong("taker_order_id"),
            rs.getLong("maker_order_id"), rs.getLong("user_id"), rs.getLong("price"), rs.getLong("maker_prevented_qty"),
            StpMode.valueOf(rs.getString("stp_mode")), rs.getLong("time_ms"));

    /** Trades read at a time while folding aggregates. */
    private static final int AGG_PAGE = 1000;

    private final Jdbi jdbi;

    public History(Database db) {
        this.jdbi = db.jdbi();
    }

    public Optional<OrderState> order(long userId, long orderId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + ORDER_COLUMNS
                        + " FROM orders WHERE user_id = :u AND order_id = :id")
                .bind("u", userId).bind("id", orderId).map(ORDER).findOne());
    }

    /** The newest order of the user on the symbol with this client id. */
    public Optional<OrderState> orderByClientId(long userId, int symbolId, String clientOrderId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + ORDER_COLUMNS + " FROM orders WHERE user_id = :u "
                        + "AND symbol_id = :s AND client_order_id = :c ORDER BY order_id DESC LIMIT 1")
                .bind("u", userId).bind("s", symbolId).bind("c", clientOrderId).map(ORDER).findOne());
    }

    /** A user's orders on a symbol with id ≥ {@code fromId}, created within [start, end], oldest first. */
    public List<OrderState> orders(long userId, int symbolId, long fromId, long start, long end, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + ORDER_COLUMNS + " FROM orders WHERE user_id = :u "
                        + "AND symbol_id = :s AND order_id >= :from AND created_ms BETWEEN :start AND :end "
                        + "ORDER BY order_id LIMIT :limit")
                .bind("u", userId).bind("s", symbolId).bind("from", fromId).bind("start", start).bind("end", end)
                .bind("limit", limit).map(ORDER).list());
    }

    /** A user's newest {@code limit} orders on a symbol, oldest first. */
    public List<OrderState> newestOrders(long userId, int symbolId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM (SELECT " + ORDER_COLUMNS + " FROM orders "
                        + "WHERE user_id = :u AND symbol_id = :s ORDER BY order_id DESC LIMIT :limit) o ORDER BY order_id")
                .bind("u", userId).bind("s", symbolId).bind("limit", limit).map(ORDER).list());
    }

    /** A user's fills on a symbol (either side) matching the filters, oldest first. */
    public List<TradeState> userTrades(long userId, int symbolId, long orderId, long fromId, long start, long end,
                                       int limit, boolean newest) {
        String where = "symbol_id = :s AND (buyer_user_id = :u OR seller_user_id = :u) AND trade_id >= :from "
                + "AND time_ms BETWEEN :start AND :end"
                + (orderId >= 0 ? " AND (buyer_order_id = :o OR seller_order_id = :o)" : "");
        String sql = newest
                ? "SELECT * FROM (SELECT " + TRADE_COLUMNS + " FROM trades WHERE " + where
                        + " ORDER BY trade_id DESC LIMIT :limit) t ORDER BY trade_id"
                : "SELECT " + TRADE_COLUMNS + " FROM trades WHERE " + where + " ORDER BY trade_id LIMIT :limit";
        return jdbi.withHandle(h -> h.createQuery(sql).bind("s", symbolId).bind("u", userId).bind("o", orderId)
                .bind("from", Math.max(0, fromId)).bind("start", start).bind("end", end).bind("limit", limit)
                .map(TRADE).list());
    }

    /**
     * The legs of at most {@code limit} of the user's order lists with list id ≥ {@code fromListId}, created within
     * [{@code start}, {@code end}]: the oldest such lists, or the newest when {@code newest}; oldest first.
     */
    public List<OrderState> listOrders(long userId, long fromListId, long start, long end, int limit,
                                       boolean newest) {
        String order = newest ? "DESC" : "";
        return jdbi.withHandle(h -> h.createQuery("SELECT " + ORDER_COLUMNS + " FROM orders WHERE user_id = :u "
                        + "AND order_list_id IN (SELECT order_list_id FROM orders WHERE user_id = :u "
                        + "AND order_list_id >= :from AND created_ms >= :start AND created_ms <= :end "
                        + "GROUP BY order_list_id ORDER BY order_list_id " + order + " LIMIT :limit) "
                        + "ORDER BY order_list_id, order_id")
                .bind("u", userId).bind("from", Math.max(0, fromListId)).bind("start", start).bind("end", end)
                .bind("limit", limit).map(ORDER).list());
    }

    /** The legs of the user's newest order list of that client id (empty if none). */
    public List<OrderState> listOrdersByClientId(long userId, String listClientOrderId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + ORDER_COLUMNS + " FROM orders WHERE user_id = :u "
                        + "AND order_list_id = (SELECT max(order_list_id) FROM orders WHERE user_id = :u "
                        + "AND order_list_id >= 0 AND list_client_order_id = :c) ORDER BY order_id")
                .bind("u", userId).bind("c", listClientOrderId).map(ORDER).list());
    }

    /**
     * The user's prevented matches on a symbol, oldest first, at most {@code limit}: the one with id
     * {@code preventedMatchId} if that is ≥ 0, else those of order {@code orderId} (as taker or maker) from id
     * {@code fromId} on.
     */
    public List<PreventedMatch> preventedMatches(long userId, int symbolId, long preventedMatchId, long orderId,
                                                long fromId, int limit) {
        boolean one = preventedMatchId >= 0;
        String which = one ? "prevented_match_id = :from"
                : "(taker_order_id = :o OR maker_order_id = :o) AND prevented_match_id >= :from";
        return jdbi.withHandle(h -> {
            var query = h.createQuery("SELECT * FROM prevented_matches WHERE user_id = :u AND symbol_id = :s AND "
                    + which + " ORDER BY prevented_match_id LIMIT :limit").bind("u", userId).bind("s", symbolId)
                    .bind("from", one ? preventedMatchId : fromId).bind("limit", limit);
            if (!one) {
                query.bind("o", orderId);
            }
            return query.map(PREVENTED).list();
        });
    }

    /** The amendments of the user's order from execution id {@code fromExecutionId} on, oldest first. */
    public List<OrderAmendment> amendments(long userId, long orderId, long fromExecutionId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM order_amendments WHERE order_id = :o "
                        + "AND user_id = :u AND execution_id >= :from ORDER BY execution_id LIMIT :limit")
                .bind("o", orderId).bind("u", userId).bind("from", fromExecutionId).bind("limit", limit)
                .map((rs, ctx) -> new OrderAmendment(rs.getInt("symbol_id"), rs.getLong("order_id"),
                        rs.getLong("user_id"), rs.getLong("execution_id"), rs.getString("orig_client_order_id"),
                        rs.getString("new_client_order_id"), rs.getLong("orig_qty"), rs.getLong("new_qty"),
                        rs.getLong("time_ms"))).list());
    }

    /** Public trades of a symbol from id {@code fromId}, oldest first. */
    public List<TradeState> trades(int symbolId, long fromId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + TRADE_COLUMNS + " FROM trades WHERE symbol_id = :s "
                        + "AND trade_id >= :from ORDER BY trade_id LIMIT :limit")
                .bind("s", symbolId).bind("from", fromId).bind("limit", limit).map(TRADE).list());
    }

    /**
     * Aggregate trades of a symbol folded again from its stored trades, oldest first, at most {@code limit}: those
     * with id ≥ {@code fromId} if that is ≥ 0, else those within [{@code start}, {@code end}] (-1: open). Folded
     * as market data folds them live ({@link AggTrade#continuedBy}), so ids and contents are the same.
     */
    public List<AggTrade> aggTrades(int symbolId, long fromId, long start, long end, int limit) {
        List<AggTrade> out = new ArrayList<>();
        AggTrade current = null;
        long currentTaker = -1;
        // from the fill just before fromId: the fill at fromId may continue an aggregate that began earlier
        long after = fromId >= 0 ? fromId - 2 : Long.MIN_VALUE;
        List<TradeState> page;
        do {
            page = tradePage(symbolId, after, start < 0 ? Long.MIN_VALUE : start, end < 0 ? Long.MAX_VALUE : end);
            for (TradeState t : page) {
                long taker = t.takerOrderId();
                if (current != null && current.continuedBy(currentTaker, taker, t.tradeId(), t.price())) {
                    current = current.plus(t.tradeId(), t.qty());
                } else {
                    if (current != null && current.id() >= fromId) {
                        out.add(current);
                        if (out.size() == limit) {
                            return out;
                        }
                    }
                    current = AggTrade.of(t.tradeId(), t.price(), t.qty(), t.timeMs(), t.buyerIsMaker());
                }
                currentTaker = taker;
                after = t.tradeId();
            }
        } while (page.size() == AGG_PAGE);
        if (current != null && current.id() >= fromId) {
            out.add(current);
        }
        return out;
    }

    private List<TradeState> tradePage(int symbolId, long afterId, long start, long end) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + TRADE_COLUMNS + " FROM trades WHERE symbol_id = :s "
                        + "AND trade_id > :after AND time_ms >= :start AND time_ms <= :end ORDER BY trade_id "
                        + "LIMIT :limit")
                .bind("s", symbolId).bind("after", afterId).bind("start", start).bind("end", end)
                .bind("limit", AGG_PAGE).map(TRADE).list());
    }

    /** Public trades of a symbol at or after {@code fromMs}, oldest first (to rebuild recent klines). */
    public List<TradeState> tradesSince(int symbolId, long fromMs, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM (SELECT " + TRADE_COLUMNS + " FROM trades "
                        + "WHERE symbol_id = :s AND time_ms >= :from ORDER BY trade_id DESC LIMIT :limit) t "
                        + "ORDER BY trade_id")
                .bind("s", symbolId).bind("from", fromMs).bind("limit", limit).map(TRADE).list());
    }

    /**
     * Trades of a symbol in [{@code fromMs}, {@code toMs}] aggregated into klines of {@code bucketMs} (a second or a
     * minute), oldest first: what klines of any interval are folded from once the trades are no longer in memory.
     */
    public List<Kline> fineKlines(int symbolId, long fromMs, long toMs, long bucketMs) {
        return jdbi.withHandle(h -> h.createQuery("SELECT time_ms - MOD(time_ms, :b) AS open_time, "
                        + "(array_agg(price ORDER BY trade_id))[1] AS open, max(price) AS high, min(price) AS low, "
                        + "(array_agg(price ORDER BY trade_id DESC))[1] AS close, sum(qty) AS volume, "
                        + "sum(quote_qty) AS quote_volume, count(*) AS trades, "
                        + "COALESCE(sum(qty) FILTER (WHERE NOT buyer_is_maker), 0) AS taker_volume, "
                        + "COALESCE(sum(quote_qty) FILTER (WHERE NOT buyer_is_maker), 0) AS taker_quote, "
                        + "min(trade_id) AS first_id, max(trade_id) AS last_id "
                        + "FROM trades WHERE symbol_id = :s AND time_ms BETWEEN :from AND :to "
                        + "GROUP BY 1 ORDER BY 1")
                .bind("s", symbolId).bind("from", fromMs).bind("to", toMs).bind("b", bucketMs)
                .map((rs, ctx) -> new Kline(rs.getLong("open_time"), rs.getLong("open_time") + bucketMs - 1,
                        rs.getLong("open"), rs.getLong("high"), rs.getLong("low"), rs.getLong("close"),
                        rs.getLong("volume"), rs.getLong("quote_volume"), rs.getLong("trades"),
                        rs.getLong("taker_volume"), rs.getLong("taker_quote"), rs.getLong("first_id"),
                        rs.getLong("last_id")))
                .list());
    }

    /** The price of the symbol's last trade before {@code timeMs} (0 if none). */
    public long lastPriceBefore(int symbolId, long timeMs) {
        return jdbi.withHandle(h -> h.createQuery("SELECT price FROM trades WHERE symbol_id = :s AND time_ms < :t "
                        + "ORDER BY time_ms DESC, trade_id DESC LIMIT 1")
                .bind("s", symbolId).bind("t", timeMs).mapTo(Long.class).findOne().orElse(0L));
    }

    /** The time of the symbol's first trade, if any. */
    public java.util.OptionalLong firstTradeTime(int symbolId) {
        long first = jdbi.withHandle(h -> h.createQuery("SELECT COALESCE(min(time_ms), -1) FROM trades "
                + "WHERE symbol_id = :s").bind("s", symbolId).mapTo(Long.class).one());
        return first < 0 ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(first);
    }
}
