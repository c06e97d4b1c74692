package io.bourse.api.userdata;

/**
 * The client id a cancel-all ({@code DELETE /api/v3/openOrders}) gives each order it cancels, as Binance gives each
 * a new one. Derived from the command's sequence and the order, so the REST answer and the user-data stream, which
 * learn of the cancel separately, report the same id.
 */
public final class CancelAllIds {
    private CancelAllIds() {
    }

    /** At most 31 characters (Binance allows 36). */
    public static String of(long sequence, long orderId) {
        return "cxl-" + Long.toString(sequence, 36) + "-" + Long.toString(orderId, 36);
    }
}
