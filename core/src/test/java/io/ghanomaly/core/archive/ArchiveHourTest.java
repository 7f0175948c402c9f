package io.ghanomaly.core.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ArchiveHourTest {
    private static Instant start(String name) {
        return ArchiveHour.ofFileName(name).orElseThrow().start();
    }

    private static List<String> namesHolding(String utcHour) {
        return ArchiveHour.holding(Instant.parse(utcHour)).stream()
                .map(ArchiveHour::fileName)
                .toList();
    }

    @Test
    void readsTheArchivesUnpaddedHourNamesAndNothingElse() {
        assertThat(start("2015-01-01-0.json.gz")).isEqualTo("2015-01-01T00:00:00Z");
        assertThat(start("2015-01-01-15.json.gz")).isEqualTo("2015-01-01T15:00:00Z");
        assertThat(start("2015-01-01-0.truncated.json.gz")).isEqualTo("2015-01-01T00:00:00Z");
        assertThat(start("2025-07-08-15.seed-parity.json.gz")).isEqualTo("2025-07-08T15:00:00Z");
        assertThat(start("2025-07-08-15.json")).isEqualTo("2025-07-08T15:00:00Z");
        for (String bad :
                List.of(
                        "2015-01-01-00.json.gz",
                        "2015-01-01-05.json.gz",
                        "2015-01-01-24.json.gz",
                        "2015-02-30-1.json.gz",
                        "2015-1-01-1.json.gz",
                        "2015-01-01-1.json.gz.tmp",
                        "2015-01-01-1.csv",
                        "notes.txt")) {
            assertThat(ArchiveHour.ofFileName(bad)).as(bad).isEqualTo(Optional.empty());
        }
    }

    @Test
    void namesAreUtcExceptInThePacificEraOf2012To2014() {
        // the real hours: 2011 and 2015 carry UTC, 2013-02-15-0 holds 08:00-09:00 UTC
        assertThat(start("2011-02-15-0.json.gz")).isEqualTo("2011-02-15T00:00:00Z");
        assertThat(start("2012-03-08-0.json.gz")).isEqualTo("2012-03-08T00:00:00Z");
        assertThat(start("2013-02-15-0.json.gz")).isEqualTo("2013-02-15T08:00:00Z");
        assertThat(start("2014-07-01-0.json.gz")).isEqualTo("2014-07-01T07:00:00Z"); // PDT
        assertThat(start("2014-12-31-23.json.gz")).isEqualTo("2015-01-01T07:00:00Z");
        assertThat(start("2015-01-01-0.json.gz")).isEqualTo("2015-01-01T00:00:00Z");
        assertThat(ArchiveHour.ofFileName("2013-02-15-0.json.gz").orElseThrow().pacificTimeName())
                .isTrue();
    }

    @Test
    void followsDaylightSavingAsTheCrawlersClockDid() {
        // spring 2013: 02:00 local never happened; 01:00 PST is 09:00 UTC, 03:00 PDT is 10:00
        assertThat(start("2013-03-10-1.json.gz")).isEqualTo("2013-03-10T09:00:00Z");
        assertThat(start("2013-03-10-3.json.gz")).isEqualTo("2013-03-10T10:00:00Z");
        assertThat(namesHolding("2013-03-10T10:00:00Z"))
                .containsExactly("2013-03-10-2.json.gz", "2013-03-10-3.json.gz");
        // autumn 2012: the name -1 holds the first 01:00 (PDT); the second one has no file
        assertThat(start("2012-11-04-1.json.gz")).isEqualTo("2012-11-04T08:00:00Z");
        assertThat(start("2012-11-04-2.json.gz")).isEqualTo("2012-11-04T10:00:00Z");
        assertThat(namesHolding("2012-11-04T09:00:00Z")).isEmpty();
        assertThatThrownBy(() -> ArchiveHour.fileName(Instant.parse("2012-11-04T09:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anHourWithTwoFilesClosesOnlyWithTheLast() {
        assertThat(namesHolding("2015-01-01T03:00:00Z"))
                .containsExactly("2014-12-31-19.json.gz", "2015-01-01-3.json.gz");
        ArchiveHour pacific = ArchiveHour.ofFileName("2014-12-31-19.json.gz").orElseThrow();
        ArchiveHour utc = ArchiveHour.ofFileName("2015-01-01-3.json.gz").orElseThrow();
        assertThat(pacific.closesItsHour()).isFalse();
        assertThat(pacific.completesUpTo())
                .isEqualTo(Instant.parse("2015-01-01T03:00:00Z").toEpochMilli() - 1);
        assertThat(utc.closesItsHour()).isTrue();
        assertThat(utc.completesUpTo())
                .isEqualTo(Instant.parse("2015-01-01T04:00:00Z").toEpochMilli() - 1);
        assertThat(ArchiveHour.READ_ORDER.compare(pacific, utc)).isNegative();
        assertThat(namesHolding("2015-01-01T08:00:00Z")).containsExactly("2015-01-01-8.json.gz");
    }

    @Test
    void mapsEveryUtcHourOfTheArchiveToTheFileThatClosesIt() {
        for (Instant h = Instant.parse("2011-02-12T00:00:00Z");
                h.isBefore(Instant.parse("2016-01-01T00:00:00Z"));
                h = h.plusSeconds(3600)) {
            for (ArchiveHour f : ArchiveHour.holding(h)) {
                assertThat(f.start()).isEqualTo(h);
                assertThat(ArchiveHour.ofFileName(f.fileName())).contains(f);
            }
        }
        assertThat(ArchiveHour.fileName(Instant.parse("2025-01-01T15:00:00Z")))
                .isEqualTo("2025-01-01-15.json.gz");
    }

    @Test
    void takesOnlyEventTimesNearTheFilesHour() {
        ArchiveHour f = ArchiveHour.ofFileName("2015-01-01-15.json.gz").orElseThrow();
        long start = f.start().toEpochMilli();
        assertThat(f.isPlausible(start - 3_600_000L)).isTrue();
        assertThat(f.isPlausible(start - 3_600_001L)).isFalse();
        assertThat(f.isPlausible(start + 2 * 3_600_000L - 1)).isTrue();
        assertThat(f.isPlausible(start + 2 * 3_600_000L)).isFalse();
        assertThat(f.isPlausible(Instant.parse("2100-01-01T00:00:00Z").toEpochMilli())).isFalse();
        assertThat(f.isPlausible(0)).isFalse();
    }

    @Test
    void parsesHoursAsUsersTypeThemInUtc() {
        assertThat(ArchiveHour.parse("2025-01-01T15")).isEqualTo("2025-01-01T15:00:00Z");
        assertThat(ArchiveHour.parse("2025-01-01")).isEqualTo("2025-01-01T00:00:00Z");
        assertThat(ArchiveHour.startOf(Instant.parse("2025-01-01T15:59:59.999Z").toEpochMilli()))
                .isEqualTo(Instant.parse("2025-01-01T15:00:00Z").toEpochMilli());
    }
}
