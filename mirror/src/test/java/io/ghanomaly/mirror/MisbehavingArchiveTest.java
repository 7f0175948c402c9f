package io.ghanomaly.mirror;

import static io.ghanomaly.mirror.TestMirrors.hour;
import static org.assertj.core.api.Assertions.assertThat;

import io.ghanomaly.core.testing.SharedData;
import io.ghanomaly.mirror.FileResult.Status;
import io.ghanomaly.mirror.FlakyArchive.Request;
import io.ghanomaly.mirror.FlakyArchive.Trick;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way the archive misbehaves at once, over four real hours of three eras: the mirror ends
 * with exact copies of every sound file, a recorded hole, and the corrupt file reported and kept
 * out.
 */
class MisbehavingArchiveTest {
    /** Real hours, and the files that hold them (2015-01-01T00Z has two, one missing). */
    private static final List<Instant> HOURS =
            List.of(
                    hour("2011-02-15T00"), // 2011-02-15-0: 503, 503, 429 Retry-After: 1, then fine
                    hour("2013-02-15T08"), // 2013-02-15-0 (Pacific name): stalls once
                    hour("2015-01-01T00"), // 2014-12-31-16: 404; 2015-01-01-0: cut off once
                    hour("2015-01-01T15")); // 2015-01-01-15: corrupt on every try

    @TempDir Path out;
    private FlakyArchive archive;

    @BeforeEach
    void startArchive() throws Exception {
        archive =
                FlakyArchive.serving(SharedData.require("gharchive/hours"))
                        .then(
                                "2011-02-15-0.json.gz",
                                Trick.UNAVAILABLE,
                                Trick.UNAVAILABLE,
                                Trick.TOO_MANY_REQUESTS)
                        .then("2013-02-15-0.json.gz", Trick.STALL)
                        .then("2015-01-01-0.json.gz", Trick.TRUNCATE)
                        .always("2015-01-01-15.json.gz", Trick.CORRUPT);
    }

    @AfterEach
    void stopArchive() throws Exception {
        archive.close();
    }

    @Test
    void endsWithExactCopiesARecordedHoleAndTheCorruptFileKeptOut() throws Exception {
        TestMirrors.Settings settings = new TestMirrors.Settings(out, archive.baseUrl());
        long started = System.nanoTime();
        TestMirrors.Run run = TestMirrors.range(settings, HOURS);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.println(run.output());
        System.out.println(run.summary().line());
        System.out.printf("misbehaving archive: %.1f s wall%n", seconds);

        assertThat(run.results())
                .extracting(r -> r.file().fileName() + " " + r.status() + " " + r.retries())
                .containsExactly(
                        "2011-02-15-0.json.gz FETCHED 3",
                        "2013-02-15-0.json.gz FETCHED 1",
                        "2014-12-31-16.json.gz HOLE 0",
                        "2015-01-01-0.json.gz FETCHED 1",
                        "2015-01-01-15.json.gz CORRUPT 4");
        MirrorReport.Summary s = run.summary();
        assertThat(s.fetched()).isEqualTo(3);
        assertThat(s.alreadyThere()).isZero();
        assertThat(s.retried()).isEqualTo(4);
        assertThat(s.retries()).isEqualTo(3 + 1 + 1 + 4);
        assertThat(s.holes()).isEqualTo(1);
        assertThat(s.failed()).isEqualTo(1);
        assertThat(s.corrupt()).isEqualTo(1);
        assertThat(s.line())
                .startsWith(
                        "Summary: 3 fetched, 0 already there, 4 retried (9 retries), 1 hole,"
                                + " 1 failed (1 corrupt); ");

        // every placed file is the archive's, byte for byte, and decompresses whole
        for (String name :
                List.of("2011-02-15-0.json.gz", "2013-02-15-0.json.gz", "2015-01-01-0.json.gz")) {
            assertThat(Files.readAllBytes(out.resolve(name))).isEqualTo(archive.bytesOf(name));
            assertThat(GzipCheck.verify(out.resolve(name))).isPositive();
        }
        // the stalled and the cut-off bodies were resumed, not fetched again
        assertThat(archive.requestsFor("2013-02-15-0.json.gz"))
                .extracting(Request::range, Request::status)
                .last()
                .satisfies(t -> assertThat(t.toList()).containsExactly("bytes=65536-", 206));
        Request resumed = archive.requestsFor("2015-01-01-0.json.gz").get(1);
        assertThat(resumed.range())
                .isEqualTo("bytes=" + archive.bytesOf("2015-01-01-0.json.gz").length / 2 + "-");
        assertThat(resumed.status()).isEqualTo(206);
        // Retry-After: 1 was honoured
        List<Request> flaky = archive.requestsFor("2011-02-15-0.json.gz");
        assertThat(flaky).extracting(Request::status).containsExactly(503, 503, 429, 200);
        assertThat(flaky.get(3).arrivedNanos() - flaky.get(2).arrivedNanos())
                .isGreaterThanOrEqualTo(1_000_000_000L);
        // the corrupt file: fetched from scratch every time, then kept out entirely
        assertThat(archive.requestsFor("2015-01-01-15.json.gz"))
                .hasSize(5)
                .allSatisfy(r -> assertThat(r.range()).isNull());
        // the hole: asked once, recorded
        assertThat(archive.requestsFor("2014-12-31-16.json.gz")).hasSize(1);
        assertThat(Files.readAllLines(out.resolve(HoleLog.FILE_NAME), StandardCharsets.UTF_8))
                .hasSize(2)
                .first()
                .isEqualTo(HoleLog.HEADER);
        assertThat(Files.readAllLines(out.resolve(HoleLog.FILE_NAME)).get(1))
                .startsWith("2014-12-31-16.json.gz\t2015-01-01T00:00:00Z\t");
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(
                            "2011-02-15-0.json.gz",
                            "2013-02-15-0.json.gz",
                            "2015-01-01-0.json.gz",
                            HoleLog.FILE_NAME);
        }

        // a second run finds the sound files there and asks only for the missing ones
        int requestsBefore = archive.requests().size();
        TestMirrors.Run again = TestMirrors.range(settings, HOURS);
        System.out.println(again.output());
        assertThat(again.summary().alreadyThere()).isEqualTo(3);
        assertThat(again.summary().fetched()).isZero();
        assertThat(again.results())
                .filteredOn(r -> r.status() == Status.ALREADY_THERE)
                .extracting(FileResult::size)
                .containsExactly(
                        (long) archive.bytesOf("2011-02-15-0.json.gz").length,
                        (long) archive.bytesOf("2013-02-15-0.json.gz").length,
                        (long) archive.bytesOf("2015-01-01-0.json.gz").length);
        assertThat(archive.requests().subList(requestsBefore, archive.requests().size()))
                .extracting(Request::name)
                .containsOnly("2014-12-31-16.json.gz", "2015-01-01-15.json.gz");
    }
}
