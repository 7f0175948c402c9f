package io.ghanomaly.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ArchiveHourTest {
    @Test
    void readsAndWritesTheArchivesUnpaddedHourNames() {
        assertThat(ArchiveHour.ofFileName("2015-01-01-0.json.gz"))
                .contains(Instant.parse("2015-01-01T00:00:00Z"));
        assertThat(ArchiveHour.ofFileName("2015-01-01-15.json.gz"))
                .contains(Instant.parse("2015-01-01T15:00:00Z"));
        assertThat(ArchiveHour.ofFileName("2015-01-01-0.truncated.json.gz"))
                .contains(Instant.parse("2015-01-01T00:00:00Z"));
        assertThat(ArchiveHour.ofFileName("2015-01-01-24.json.gz")).isEmpty();
        assertThat(ArchiveHour.ofFileName("2015-02-30-1.json.gz")).isEmpty();
        assertThat(ArchiveHour.ofFileName("notes.txt")).isEmpty();
        assertThat(ArchiveHour.fileName(Instant.parse("2025-01-01T00:00:00Z")))
                .isEqualTo("2025-01-01-0.json.gz");
        assertThat(ArchiveHour.fileName(Instant.parse("2025-01-01T15:00:00Z")))
                .isEqualTo("2025-01-01-15.json.gz");
        assertThat(ArchiveHour.startOf(Instant.parse("2025-01-01T15:59:59.999Z").toEpochMilli()))
                .isEqualTo(Instant.parse("2025-01-01T15:00:00Z").toEpochMilli());
    }
}
