package io.ghanomaly.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.ghanomaly.core.testing.SharedData;
import io.ghanomaly.mirror.FlakyArchive.Trick;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line: options, help, and one line with exit code 2 for every usage error. */
class MirrorCommandTest {
    private static final Clock NOW =
            Clock.fixed(Instant.parse("2025-06-01T12:34:00Z"), ZoneOffset.UTC);

    @TempDir Path dir;

    /** What one run of the command printed, and its exit code. */
    record Outcome(int exitCode, String out, String err) {}

    private static Outcome run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code =
                MirrorCommand.execute(
                        args,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        NOW);
        return new Outcome(
                code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private String[] withOut(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--out");
        all.add(dir.resolve("hours").toString());
        return all.toArray(String[]::new);
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "'' | give a range (--from 2025-01-01T00 --to 2025-01-01T03) or --follow",
                "--from 2025-13-01T00 --to 2025-01-01T03 | is not a UTC hour: write 2025-01-01T15",
                "--from 2025-01-01T15:30:00Z --to 2025-01-01T18 | (the start of an hour)",
                "--from 2025-01-02T00 --to 2025-01-01T03 | is not before --to",
                "--from 2025-01-01T03 --to 2025-01-01T03 | is not before --to",
                "--from 2025-01-01T00 | --from needs --to",
                "--to 2025-01-01T00 | --to needs --from",
                "--from 2025-01-01T00 --to 2025-07-01T00 | is in the future",
                "--from 2010-01-01T00 --to 2011-03-01T00 | before the archive begins",
                "--follow --parallel 0 | --parallel must be 1 to 64",
                "--follow --timeout 10x | is not a duration: write 500ms",
                "--follow --base-url ftp://example.org | must be an http:// or https:// URL",
                "--follow --retries -1 | --retries must be 0 or more",
                "--frm 2025-01-01T00 | Unknown option"
            })
    void refusesAUsageErrorInOneLineWithExitCode2(String args, String says) {
        Outcome o = run(withOut(args.isBlank() ? new String[0] : args.split(" ")));

        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err()).contains(says).endsWith("(see ./gh-anomaly mirror --help)\n");
        assertThat(o.err().lines()).hasSize(1);
        assertThat(o.err()).doesNotContain("Exception", "\tat ");
        assertThat(o.out()).isEmpty();
    }

    @Test
    void refusesAnOutputDirectoryItCannotWriteTo() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
        Outcome o =
                run(
                        "--from",
                        "2025-01-01T00",
                        "--to",
                        "2025-01-01T03",
                        "--out",
                        file.resolve("hours").toString());

        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err().lines()).singleElement().asString().contains("cannot write to --out");
    }

    @Test
    void documentsEveryOptionAndItsDefaultInHelp() {
        Outcome o = run("--help");

        assertThat(o.exitCode()).isZero();
        assertThat(o.out().replaceAll("\\s+", " "))
                .contains(
                        "--out=DIR",
                        "default: work/hours",
                        "--from=HOUR",
                        "--to=HOUR",
                        "--follow",
                        "--parallel=N",
                        "default: 4",
                        "--base-url=URL",
                        "default: https://data.gharchive.org",
                        "--retries=N",
                        "default: 5",
                        "--timeout=DURATION",
                        "default: 30s",
                        "--backoff=DURATION",
                        "default: 2s",
                        "--delay=DURATION",
                        "default: 10min",
                        "--poll=DURATION",
                        "default: 1min",
                        "--hole-after=DURATION",
                        "default: 6h",
                        "Exit codes:");
    }

    @Test
    void mirrorsARangeAndExitsWith1WhenAFileFailed() throws Exception {
        try (FlakyArchive archive =
                FlakyArchive.serving(SharedData.require("gharchive/hours"))
                        .always("2015-01-01-15.json.gz", Trick.CORRUPT)) {
            String base = archive.baseUrl().toString();
            Outcome good =
                    run(
                            withOut(
                                    "--from",
                                    "2011-02-15T00",
                                    "--to",
                                    "2011-02-15T01",
                                    "--base-url",
                                    base,
                                    "--backoff",
                                    "10ms"));
            assertThat(good.exitCode()).isZero();
            assertThat(good.out())
                    .contains("Mirroring 1 files for UTC hours [2011-02-15T00:00:00Z")
                    .contains("fetched        2011-02-15-0.json.gz")
                    .contains("Summary: 1 fetched, 0 already there");
            assertThat(dir.resolve("hours/2011-02-15-0.json.gz")).exists();

            Outcome bad =
                    run(
                            withOut(
                                    "--from",
                                    "2015-01-01T15",
                                    "--to",
                                    "2015-01-01T16",
                                    "--base-url",
                                    base,
                                    "--backoff",
                                    "10ms",
                                    "--retries",
                                    "1"));
            assertThat(bad.exitCode()).isEqualTo(1);
            assertThat(bad.out()).contains("1 failed (1 corrupt)");
            assertThat(bad.err()).isEmpty();
        }
    }
}
