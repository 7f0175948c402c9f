package io.ghanomaly.trainer;

import static org.assertj.core.api.Assertions.assertThat;

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
        // the most that weekdays' 02:00-04:00 drifted, the same for every weekday: Wednesday,
        // not in the window, too
        assertThat(x.usualAt(MONDAY + 27 * HOUR)).isEqualTo(mondayNight);
        assertThat(x.usualAt(MONDAY + (48 + 3) * HOUR)).isEqualTo(mondayNight);
        assertThat(x.usualAt(MONDAY - HOUR)).isNaN(); // Sunday: no weekend in the window
    }

    @Test
    void hoursOfTheWeekStartOnMondayAtMidnightUtc() {
        assertThat(ReferenceDistribution.hourOfWeek(MONDAY)).isZero();
        assertThat(ReferenceDistribution.hourOfWeek(MONDAY - HOUR)).isEqualTo(167);
        assertThat(ReferenceDistribution.hourOfWeek(MONDAY + 30 * HOUR)).isEqualTo(30);
    }

    @Test
    void theUsualLevelIsTheHighestOfTheHourAndItsNeighboursOnDaysOfTheSameKind() {
        double[] sum = new double[168];
        int[] n = new int[168];
        sum[5] = 0.3; // Monday 05:00
        n[5] = 1;
        sum[24 + 6] = 0.1; // Tuesday 06:00
        n[24 + 6] = 1;
        sum[5 * 24 + 5] = 0.5; // Saturday 05:00, two weeks of it
        n[5 * 24 + 5] = 2;
        double[] usual = UsualDrift.byHourOfWeek(sum, n);
        assertThat(usual[5]).isEqualTo(0.3);
        assertThat(usual[3 * 24 + 6]).isEqualTo(0.3); // Thursday 06:00: Monday's 05:00 is near
        assertThat(usual[4 * 24 + 7]).isEqualTo(0.1); // Friday 07:00: Tuesday's 06:00
        assertThat(usual[8]).isNaN(); // no weekday hour from 07:00 to 09:00
        assertThat(usual[6 * 24 + 4]).isEqualTo(0.25); // Sunday 04:00: Saturday's mean
        assertThat(usual[6 * 24 + 12]).isNaN();
    }
}
