package io.bourse.api.userdata;

/** One of a user's fills, as {@code myTrades} reports it; the commission is in {@code commissionAssetId}. */
public record UserTrade(int symbolId, long tradeId, long orderId, long orderListId, long price, long qty,
                        long quoteQty, long commission, int commissionAssetId, long timeMs, boolean isBuyer,
                        boolean isMaker) {
}
