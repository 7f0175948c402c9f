package io.ghanomaly.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");

    @Test
    void doublesEachRetryPlusUpToHalfAsMuchJitterAndStopsGrowingAtTheCap() {
        Backoff none = new Backoff(Duration.ofSeconds(2), () -> 0.0);
        Backoff most = new Backoff(Duration.ofSeconds(2), () -> 0.999_999);

        assertThat(none.delay(1, Optional.empty())).isEqualTo(Duration.ofSeconds(2));
        assertThat(none.delay(2, Optional.empty())).isEqualTo(Duration.ofSeconds(4));
        assertThat(none.delay(3, Optional.empty())).isEqualTo(Duration.ofSeconds(8));
        assertThat(most.delay(3, Optional.empty()))
                .isBetween(Duration.ofMillis(11_990), Duration.ofSeconds(12));
        assertThat(none.delay(40, Optional.empty())).isEqualTo(Backoff.MAX);
    }

    @Test
    void waitsWhatRetryAfterSaysInSecondsOrAsADateWithinAnHour() {
        Backoff b = new Backoff(Duration.ofSeconds(2), () -> 0.5);

        assertThat(b.delay(1, Backoff.retryAfter(Optional.of("1"), NOW)))
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(Backoff.retryAfter(Optional.of("Wed, 01 Jan 2025 12:00:30 GMT"), NOW))
                .contains(Duration.ofSeconds(30));
        assertThat(Backoff.retryAfter(Optional.of("Wed, 01 Jan 2025 11:00:00 GMT"), NOW))
                .contains(Duration.ZERO);
        assertThat(b.delay(1, Optional.of(Duration.ofDays(2)))).isEqualTo(Backoff.MAX_RETRY_AFTER);
        assertThat(Backoff.retryAfter(Optional.of("soon"), NOW)).isEmpty();
        assertThat(Backoff.retryAfter(Optional.empty(), NOW)).isEmpty();
    }
}
