package io.bourse.marketdata;

import io.bourse.engine.StpMode;
import io.bourse.engine.SymbolStatus;
import io.bourse.engine.market.SymbolSpec;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Klines in a client's time zone start at its midnight; whole-bucket offsets keep the UTC buckets. */
class KlineTimeZoneTest {
    private static final long HOUR = 3_600_000L;

    private static SymbolMarket market() {
        return new SymbolMarket(new SymbolSpec(0, "BTCUSDT", 0, 1, SymbolStatus.TRADING,
                new SymbolSpec.PriceFilter(1, 1_000_000_000L, 1), new SymbolSpec.LotSize(1, 1_000_000, 1),
                new SymbolSpec.LotSize(1, 1_000_000, 1), new SymbolSpec.NotionalFilter(0, false, 0, false, 5), null,
                100, 5, 0, StpMode.NONE));
    }

    private static long at(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @Test
    void dailyKlinesFollowTheClientsMidnight() {
        SymbolMarket m = market();
        m.trade(1, 100, 1, 100, at("2026-01-01T10:00:00Z"), false, 1);   // Jan 1, 18:00 at +08:00
        m.trade(2, 120, 1, 120, at("2026-01-01T20:00:00Z"), false, 2);   // Jan 2, 04:00 at +08:00
        m.endAggregate();
        long now = at("2026-01-02T01:00:00Z");

        List<Kline> utc = m.klines(KlineInterval.D1, -1, -1, 10, now, 0);
        assertThat(utc).hasSize(2);
        assertThat(utc.getFirst().trades()).isEqualTo(2);

        List<Kline> east = m.klines(KlineInterval.D1, -1, -1, 10, now, 8 * HOUR);
        assertThat(east).extracting(Kline::openTime)
                .containsExactly(at("2025-12-31T16:00:00Z"), at("2026-01-01T16:00:00Z"));
        assertThat(east.get(0).close()).isEqualTo(100);
        assertThat(east.get(1).open()).isEqualTo(120);
        assertThat(east.get(1).closeTime()).isEqualTo(at("2026-01-02T16:00:00Z") - 1);
        assertThat(east.get(0).trades() + east.get(1).trades()).isEqualTo(2);
    }

    @Test
    void aWholeNumberOfBucketsKeepsTheUtcBuckets() {
        SymbolMarket m = market();
        m.trade(1, 100, 1, 100, at("2026-01-01T10:05:00Z"), false, 1);
        m.endAggregate();
        long now = at("2026-01-01T10:30:00Z");
        assertThat(m.klines(KlineInterval.H1, -1, -1, 5, now, 8 * HOUR))
                .isEqualTo(m.klines(KlineInterval.H1, -1, -1, 5, now));
        List<Kline> quarter = m.klines(KlineInterval.H1, -1, -1, 5, now, (5 * 60 + 45) * 60_000L);
        assertThat(quarter.getLast().openTime()).isEqualTo(at("2026-01-01T10:00:00Z") - 45 * 60_000L + HOUR);
    }
}
