package io.ghanomaly.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RhythmTest {
    static final GeneratorConfig MEAN = GeneratorConfig.defaults();

    @Test
    void peopleFollowTheClockAndTheWeekBotsDoNot() {
        // 2025-01-01 is a Wednesday, 2025-01-04 a Saturday
        GeneratorConfig peak = Rhythm.of(MEAN, Instant.parse("2025-01-01T15:00:00Z"));
        GeneratorConfig night = Rhythm.of(MEAN, Instant.parse("2025-01-01T03:00:00Z"));
        GeneratorConfig saturday = Rhythm.of(MEAN, Instant.parse("2025-01-04T15:00:00Z"));
        double bots = MEAN.eventsPerHour() * MEAN.botEventShare();

        assertThat(peak.eventsPerHour() * peak.botEventShare()).isCloseTo(bots, within(1.0));
        assertThat(night.eventsPerHour() * night.botEventShare()).isCloseTo(bots, within(1.0));
        assertThat(peak.activeActorsPerHour())
                .isEqualTo(Math.round(MEAN.activeActorsPerHour() * 1.35));
        assertThat(night.activeActorsPerHour())
                .isEqualTo(Math.round(MEAN.activeActorsPerHour() * 0.65));
        assertThat(saturday.activeActorsPerHour())
                .isEqualTo(Math.round(MEAN.activeActorsPerHour() * 1.35 * 0.7));
        assertThat(night.botEventShare())
                .isGreaterThan(MEAN.botEventShare())
                .isGreaterThan(peak.botEventShare());
        assertThat(peak.seed()).isEqualTo(MEAN.seed());
        assertThat(peak.actorPopulation()).isEqualTo(MEAN.actorPopulation());
    }
}
