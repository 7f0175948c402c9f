package io.ghanomaly.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ghanomaly.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check a download must pass, against the real archive's sound and broken files. */
class GzipCheckTest {
    @TempDir Path dir;

    @Test
    void acceptsEveryRealHourWhole() throws Exception {
        List<Path> hours;
        try (Stream<Path> s = Files.list(SharedData.require("gharchive/hours"))) {
            hours = s.sorted().toList();
        }
        assertThat(hours).hasSize(4);
        for (Path hour : hours) {
            long expected;
            try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(hour))) {
                expected = in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            assertThat(GzipCheck.verify(hour)).as("%s", hour).isEqualTo(expected).isPositive();
        }
    }

    @Test
    void rejectsTheArchivesRealTruncatedAndCorruptFiles() {
        Path bad = SharedData.require("gharchive/bad");
        assertThatThrownBy(() -> GzipCheck.verify(bad.resolve("2015-01-01-0.truncated.json.gz")))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(
                        () -> GzipCheck.verify(bad.resolve("2015-01-01-11.corrupt-header.json.gz")))
                .isInstanceOf(IOException.class);
    }

    @Test
    void rejectsAFileWithFlippedBytesAndAnEmptyOne() throws Exception {
        byte[] sound =
                Files.readAllBytes(SharedData.require("gharchive/hours/2015-01-01-15.json.gz"));
        byte[] flipped = sound.clone();
        for (int i = flipped.length / 2; i < flipped.length / 2 + 16; i++) {
            flipped[i] ^= (byte) 0xFF;
        }
        Path damaged = Files.write(dir.resolve("flipped.json.gz"), flipped);
        Path empty = Files.write(dir.resolve("empty.json.gz"), new byte[0]);

        assertThatThrownBy(() -> GzipCheck.verify(damaged)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> GzipCheck.verify(empty)).isInstanceOf(IOException.class);
    }
}
