package io.ghanomaly.job.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ghanomaly.core.archive.ArchiveRecord;
import io.ghanomaly.core.archive.HourCompletion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackfillPlanTest {
    @TempDir Path in;

    @Test
    void knowsForEachFileWhatTheOneReaderRunWouldHaveCompletedBeforeIt() throws IOException {
        for (String name :
                new String[] {
                    "2015-01-01-3.json.gz", // 02:00 has no file
                    "2015-01-01-1.json.gz",
                    "sub/2015-01-01-1.json.gz", // the same hour again: lands after it closed
                    "2015-01-01-0.json.gz",
                    "2014-12-31-16.json.gz", // Pacific name of 00:00 UTC, read before -0
                    "notes.json",
                    "_2015-01-01-4.json.gz.inprogress"
                }) {
            Files.createDirectories(in.resolve(name).getParent());
            Files.write(in.resolve(name), new byte[0]);
        }
        BackfillPlan plan =
                BackfillPlan.list(in.toUri().toString(), new ArchiveFileFilter(null, null));

        assertThat(
                        Arrays.stream(plan.paths())
                                .map(p -> in.toUri().relativize(p.toUri()).toString()))
                .containsExactly(
                        "2014-12-31-16.json.gz",
                        "2015-01-01-0.json.gz",
                        "2015-01-01-1.json.gz",
                        "sub/2015-01-01-1.json.gz",
                        "2015-01-01-3.json.gz",
                        "notes.json");
        assertThat(before(plan, "2014-12-31-16.json.gz").completeUpTo()).isEqualTo(Long.MIN_VALUE);
        // 2014-12-31-16 does not close 00:00 (2015-01-01-0 holds it too), it closes 23:00
        HourCompletion at0 = before(plan, "2015-01-01-0.json.gz");
        assertThat(at0.isLate(at("2014-12-31T23:59:59Z"))).isTrue();
        assertThat(at0.isLate(at("2015-01-01T00:00:00Z"))).isFalse();
        HourCompletion at1 = before(plan, "2015-01-01-1.json.gz");
        assertThat(at1.isLate(at("2015-01-01T00:59:59Z"))).isTrue();
        assertThat(at1.isLateFile(start("2015-01-01T02:00:00Z"))).isFalse();
        assertThat(
                        before(plan, "sub/2015-01-01-1.json.gz")
                                .isLateFile(start("2015-01-01T02:00:00Z")))
                .isTrue();
        HourCompletion at3 = before(plan, "2015-01-01-3.json.gz");
        assertThat(at3.isLate(at("2015-01-01T01:59:59Z"))).isTrue();
        assertThat(at3.isLate(at("2015-01-01T02:00:00Z"))).as("no file closed 02:00").isFalse();
        assertThat(before(plan, "notes.json").completeUpTo())
                .isEqualTo(at("2015-01-01T04:00:00Z") - 1);

        assertThatThrownBy(() -> before(plan, "2015-01-01-5.json.gz"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not one of the 6 files");
    }

    @Test
    void readsOnlyTheHoursOfItsRange() throws IOException {
        for (String name :
                new String[] {
                    "2015-01-01-0.json.gz", "2015-01-01-1.json.gz", "2015-01-01-2.json.gz"
                }) {
            Files.write(in.resolve(name), new byte[0]);
        }
        BackfillPlan plan =
                BackfillPlan.list(
                        in.toUri().toString(),
                        new ArchiveFileFilter(
                                Instant.parse("2015-01-01T01:00:00Z"),
                                Instant.parse("2015-01-01T02:00:00Z")));
        assertThat(plan.size()).isEqualTo(1);
        assertThat(plan.paths()[0].getName()).isEqualTo("2015-01-01-1.json.gz");
    }

    private HourCompletion before(BackfillPlan plan, String file) {
        return plan.completionBefore(
                new org.apache.flink.core.fs.Path(in.toUri().resolve(file)).toString());
    }

    private static long at(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    private static ArchiveRecord start(String hourEnd) {
        return ArchiveRecord.startOfFile("f", at(hourEnd));
    }
}
