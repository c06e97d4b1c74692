package io.bourse.wallet;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * Which deposits or withdrawals a history asks for: an asset (null: all), internal statuses (empty: all), a time
 * range (nulls: open), and a page. Filtering happens in SQL, before the page is cut.
 */
public record HistoryFilter(String asset, List<String> statuses, Long fromMs, Long toMs, int offset, int limit) {
    private static final Instant FAR_FUTURE = Instant.parse("9999-12-31T00:00:00Z");

    /** The newest {@code limit} of everything. */
    public static HistoryFilter newest(int limit) {
        return new HistoryFilter(null, List.of(), null, null, 0, limit);
    }

    public Timestamp from() {
        return Timestamp.from(Instant.ofEpochMilli(fromMs == null ? 0 : fromMs));
    }

    public Timestamp to() {
        return Timestamp.from(toMs == null ? FAR_FUTURE : Instant.ofEpochMilli(toMs));
    }

    /** The statuses as an SQL array parameter ({@code status = ANY(:statuses)}), or null for all. */
    public String[] statusArray() {
        return statuses.isEmpty() ? null : statuses.toArray(String[]::new);
    }
}
