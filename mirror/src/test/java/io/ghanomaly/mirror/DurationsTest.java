package io.ghanomaly.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void readsDurationsAsTheJobsOptionsWriteThem() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("10min")).isEqualTo(Duration.ofMinutes(10));
        assertThat(Durations.parse("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(Durations.parse("6h")).isEqualTo(Duration.ofHours(6));
        assertThat(Durations.parse("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(Durations.parse("PT15M")).isEqualTo(Duration.ofMinutes(15));
        assertThatThrownBy(() -> Durations.parse("soon"))
                .hasMessageContaining("write 500ms, 30s, 10min, 6h or 1d");
    }

    @Test
    void writesTheShortestExactForm() {
        assertThat(Durations.format(Duration.ofMinutes(10))).isEqualTo("10min");
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Durations.format(Duration.ofHours(6))).isEqualTo("6h");
    }
}
