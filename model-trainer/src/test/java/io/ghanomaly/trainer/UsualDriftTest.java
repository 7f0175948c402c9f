package io.ghanomaly.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ghanomaly.core.drift.ReferenceDistribution;
import io.ghanomaly.core.model.IsolationForest;
import io.ghanomaly.core.model.IsolationForestParams;
import io.ghanomaly.core.model.ModelBundle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UsualDriftTest {
    private static final long MONDAY = Instant.parse("2025-01-06T00:00:00Z").toEpochMilli();
    private static final long HOUR = 3_600_000L;

    @Test
    void nightsThatDifferFromTheWeeksMixEveryNightAreUsualAtNightAndUnknownDaysBorrowTheHour() {
        SplittableRandom random = new SplittableRandom(7);
        UsualDrift usual = new UsualDrift(1);
        List<double[]> all = new ArrayList<>();
        for (int h = 0; h < 48; h++) { // Monday and Tuesday
            boolean night = h % 24 < 6;
            for (int r = 0; r < 300; r++) {
                double[] row = {night ? random.nextDouble() : 5 + random.nextDouble()};
                all.add(row);
                usual.add(ModelBundle.Population.PEOPLE, MONDAY + h * HOUR, row);
            }
        }
        double[][] rows = all.toArray(double[][]::new);
        double[] column = all.stream().mapToDouble(r -> r[0]).toArray();
        ModelBundle.Segment segment =
                usual.measure(
                        new ModelBundle.Segment(
                                ModelBundle.Population.PEOPLE,
                                IsolationForest.train(rows, new IsolationForestParams(5, 64, 1, 1)),
                                0.6,
                                rows.length,
                                List.of(ReferenceDistribution.of("x", column))));

        ReferenceDistribution x = segment.reference().get(0);
        assertThat(usual.measuredHours(ModelBundle.Population.PEOPLE)).isEqualTo(48);
        double mondayNight = x.usualAt(MONDAY + 3 * HOUR);
        double mondayNoon = x.usualAt(MONDAY + 12 * HOUR);
        // a quarter of the rows are a night's: 5 apart from the rest, normed by the std (~2.2)
        assertThat(mondayNight).isGreaterThan(1.0);
        assertThat(mondayNoon).isLessThan(0.7);
        // Wednesday was not in the window: the mean of Monday's and Tuesday's same hour
        assertThat(x.usualAt(MONDAY + (48 + 3) * HOUR))
                .isCloseTo((mondayNight + x.usualAt(MONDAY + 27 * HOUR)) / 2, within(1e-12));
        assertThat(x.usualAt(MONDAY - HOUR)).isNotNaN(); // Sunday 23:00 borrows 23:00 too
    }

    @Test
    void hoursOfTheWeekStartOnMondayAtMidnightUtc() {
        assertThat(ReferenceDistribution.hourOfWeek(MONDAY)).isZero();
        assertThat(ReferenceDistribution.hourOfWeek(MONDAY - HOUR)).isEqualTo(167);
        assertThat(ReferenceDistribution.hourOfWeek(MONDAY + 30 * HOUR)).isEqualTo(30);
    }

    @Test
    void aSlotWithNoHourOfTheSameTimeOfDayStaysUnknown() {
        double[] sum = new double[168];
        int[] n = new int[168];
        sum[5] = 0.3;
        n[5] = 1;
        double[] usual = UsualDrift.byHourOfWeek(sum, n);
        assertThat(usual[5]).isEqualTo(0.3);
        assertThat(usual[29]).isEqualTo(0.3);
        assertThat(usual[6]).isNaN();
    }
}
