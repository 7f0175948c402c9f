package io.ghanomaly.mirror;

import io.ghanomaly.core.archive.ArchiveHour;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Test settings and one-call runs of the mirror, its output captured. */
final class TestMirrors {
    private TestMirrors() {}

    /** What one run did. */
    record Run(List<FileResult> results, MirrorReport.Summary summary, String output) {
        FileResult of(String name) {
            return results.stream()
                    .filter(r -> r.file().fileName().equals(name))
                    .findFirst()
                    .orElseThrow();
        }
    }

    /** Settings for tests: short time-outs and backoffs, so that misbehaviour costs little. */
    static final class Settings {
        Path out;
        URI baseUrl;
        Instant from;
        Instant to;
        boolean follow;
        int parallel = 4;
        int retries = 4;
        Duration timeout = Duration.ofSeconds(2);
        Duration backoff = Duration.ofMillis(50);
        Duration delay = Duration.ZERO;
        Duration poll = Duration.ofMillis(200);
        Duration holeAfter = Duration.ofHours(6);

        Settings(Path out, URI baseUrl) {
            this.out = out;
            this.baseUrl = baseUrl;
        }

        MirrorConfig config() {
            return new MirrorConfig(
                    out, from, to, follow, parallel, baseUrl, retries, timeout, backoff, delay,
                    poll, holeAfter);
        }
    }

    static List<ArchiveHour> filesOf(List<Instant> hours) {
        return hours.stream().flatMap(h -> ArchiveHour.holding(h).stream()).toList();
    }

    /** Mirrors the files of {@code hours} once, as a range run does. */
    static Run range(Settings s, List<Instant> hours, Clock clock) throws InterruptedException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        List<ArchiveHour> files = filesOf(hours);
        MirrorReport report = new MirrorReport(out, files.size());
        List<FileResult> results = Mirror.create(s.config(), clock, report).fetchAll(files, false);
        return new Run(results, report.summary(), bytes.toString(StandardCharsets.UTF_8));
    }

    static Run range(Settings s, List<Instant> hours) throws InterruptedException {
        return range(s, hours, Clock.systemUTC());
    }

    static Instant hour(String text) {
        return ArchiveHour.parse(text);
    }
}
