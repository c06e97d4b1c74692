package io.bourse.engine.book;

import io.bourse.engine.Side;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A book side against a TreeMap: random levels added and removed over a price that trends far beyond the ladder
 * window, so levels move between the ladder and the far array and the window re-centres, in both directions.
 */
class BookSideTest {
    @Property(tries = 60)
    void shouldKeepLevelsInPriorityOrderWhereverThePriceWanders(@ForAll long seed,
                                                               @ForAll @IntRange(min = 0, max = 1) int sideIndex) {
        Side side = Side.values()[sideIndex];
        BookSide book = new BookSide(side);
        TreeMap<Long, PriceLevel> model = new TreeMap<>(side == Side.BUY ? Comparator.reverseOrder()
                : Comparator.<Long>naturalOrder());
        Random rnd = new Random(seed);
        long mid = 1_000_000;
        long drift = rnd.nextBoolean() ? 40 : -40;
        for (int step = 0; step < 4_000; step++) {
            mid += drift + rnd.nextInt(41) - 20;
            if (rnd.nextInt(500) == 0) {
                drift = -drift;
            }
            if (model.isEmpty() || rnd.nextInt(100) < 55) {
                long spread = rnd.nextInt(10) == 0 ? 30_000 : 3_000;
                long ticks = Math.max(1, mid + (long) (rnd.nextGaussian() * spread));
                PriceLevel level = book.levelFor(ticks * 10, ticks, ticks);
                PriceLevel known = model.get(ticks);
                if (known != null) {
                    assertThat(level).isSameAs(known);
                } else {
                    model.put(ticks, level);
                }
                assertThat(level.price).isEqualTo(ticks * 10);
            } else {
                List<Long> prices = new ArrayList<>(model.keySet());
                long ticks = rnd.nextInt(3) == 0 ? prices.getFirst() : prices.get(rnd.nextInt(prices.size()));
                book.removeLevel(model.remove(ticks));
            }
            assertThat(book.levelCount()).isEqualTo(model.size());
            assertThat(book.best()).isSameAs(model.isEmpty() ? null : model.firstEntry().getValue());
            if (step % 97 == 0) {
                List<PriceLevel> walked = new ArrayList<>();
                for (PriceLevel l = book.best(); l != null; l = book.nextWorse(l)) {
                    walked.add(l);
                }
                assertThat(walked).containsExactlyElementsOf(model.values());
            }
        }
    }
}
