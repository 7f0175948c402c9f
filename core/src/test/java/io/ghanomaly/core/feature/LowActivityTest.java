package io.ghanomaly.core.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LowActivityTest {
    private static final long T0 = Instant.parse("2025-07-01T00:00:00Z").toEpochMilli();
    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final long DAYS_15 = Duration.ofDays(15).toMillis();

    @Test
    void anActiveHourInTheFifteenDaysBeforeClearsTheFlag() {
        double[] low = flagged(1);
        assertThat(LowActivity.withHistory(low, LowActivity.NEVER, T0)).isSameAs(low);
        // the hour before, and the hour that starts exactly 15 days before: not quiet
        assertThat(LowActivity.withHistory(low, T0 - HOUR, T0)[flag()]).isZero();
        assertThat(LowActivity.withHistory(low, T0 - DAYS_15, T0)[flag()]).isZero();
        assertThat(low[flag()]).as("the input is not changed").isEqualTo(1);
        // an hour earlier than that: quiet
        assertThat(LowActivity.withHistory(low, T0 - DAYS_15 - HOUR, T0)).isSameAs(low);
        // an hour that is not low-activity by itself stays so
        double[] busy = flagged(0);
        assertThat(LowActivity.withHistory(busy, LowActivity.NEVER, T0)).isSameAs(busy);
    }

    @Test
    void recencyRemembersEachActorForFifteenDays() {
        LowActivity.Recency r = new LowActivity.Recency();
        assertThat(r.apply("a", T0, flagged(1))[flag()]).isEqualTo(1);
        assertThat(r.apply("b", T0, flagged(0))[flag()]).isZero();
        // b was active (even if not low-activity) an hour before: its next hour is not quiet
        assertThat(r.apply("b", T0 + HOUR, flagged(1))[flag()]).isZero();
        assertThat(r.apply("a", T0 + DAYS_15, flagged(1))[flag()]).isZero();
        // 15 days and an hour after a's last hour, and after a's entry was forgotten
        assertThat(r.apply("c", T0 + 3 * DAYS_15, flagged(1))[flag()]).isEqualTo(1);
        assertThat(r.apply("a", T0 + 3 * DAYS_15, flagged(1))[flag()]).isEqualTo(1);
    }

    @Test
    void recencyRefusesAnActorsHoursOutOfOrder() {
        LowActivity.Recency r = new LowActivity.Recency();
        r.apply("a", T0 + HOUR, flagged(1));
        assertThatThrownBy(() -> r.apply("a", T0, flagged(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("came after a later one");
    }

    private static int flag() {
        return Feature.LOW_ACTIVITY.ordinal();
    }

    private static double[] flagged(int value) {
        double[] v = new double[Feature.count()];
        v[flag()] = value;
        return v;
    }
}
