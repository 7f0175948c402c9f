package io.ghanomaly.job.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveFileFilterTest {
    @TempDir Path dir;

    @Test
    void readsArchiveFilesButNotHiddenOnesOrOtherFiles() throws Exception {
        ArchiveFileFilter all = new ArchiveFileFilter(null, null);
        assertThat(all.test(path("2025-01-01-15.json.gz"))).isTrue();
        assertThat(all.test(path("export.json"))).isTrue();
        assertThat(all.test(path(".2025-01-01-16.json.gz.inprogress"))).isFalse();
        assertThat(all.test(path("_SUCCESS"))).isFalse();
        assertThat(all.test(path("labels.csv"))).isFalse();
        assertThat(all.test(new org.apache.flink.core.fs.Path(dir.toUri()))).isTrue(); // recurse
    }

    @Test
    void backfillsOnlyTheHoursInTheRange() throws Exception {
        ArchiveFileFilter range =
                new ArchiveFileFilter(
                        Instant.parse("2025-01-01T10:00:00Z"),
                        Instant.parse("2025-01-01T12:00:00Z"));
        assertThat(range.test(path("2025-01-01-9.json.gz"))).isFalse();
        assertThat(range.test(path("2025-01-01-10.json.gz"))).isTrue();
        assertThat(range.test(path("2025-01-01-11.json.gz"))).isTrue();
        assertThat(range.test(path("2025-01-01-12.json.gz"))).isFalse();
        // not an archive hour: let through, for the reader to dead-letter it by name
        assertThat(range.test(path("export.json"))).isTrue();
        assertThat(range.test(path("2025-01-01-05.json.gz"))).isTrue();
    }

    private org.apache.flink.core.fs.Path path(String name) throws Exception {
        return new org.apache.flink.core.fs.Path(Files.createFile(dir.resolve(name)).toUri());
    }
}
