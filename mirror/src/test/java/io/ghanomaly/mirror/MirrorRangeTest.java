package io.ghanomaly.mirror;

import static io.ghanomaly.mirror.TestMirrors.hour;
import static org.assertj.core.api.Assertions.assertThat;

import io.ghanomaly.core.testing.SharedData;
import io.ghanomaly.mirror.FileResult.Status;
import io.ghanomaly.mirror.FlakyArchive.Request;
import io.ghanomaly.mirror.FlakyArchive.Trick;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One misbehaviour at a time, against a loopback archive of real hours. */
class MirrorRangeTest {
    private static final String H15 = "2015-01-01-15.json.gz";
    private static final String H0 = "2015-01-01-0.json.gz";

    @TempDir Path out;
    private FlakyArchive archive;
    private TestMirrors.Settings settings;

    @BeforeEach
    void startArchive() throws Exception {
        archive = FlakyArchive.serving(SharedData.require("gharchive/hours"));
        settings = new TestMirrors.Settings(out, archive.baseUrl());
    }

    @AfterEach
    void stopArchive() throws Exception {
        archive.close();
    }

    private TestMirrors.Run mirror(String... hours) throws InterruptedException {
        return TestMirrors.range(settings, List.of(hours).stream().map(TestMirrors::hour).toList());
    }

    private void assertPlacedExactly(String name) throws Exception {
        assertThat(Files.readAllBytes(out.resolve(name))).isEqualTo(archive.bytesOf(name));
        assertThat(out.resolve("." + name + ".part")).doesNotExist();
    }

    @Test
    void resumesATruncatedDownloadWithARangeRequest() throws Exception {
        archive.then(H15, Trick.TRUNCATE);
        TestMirrors.Run run = mirror("2015-01-01T15");

        int size = archive.bytesOf(H15).length;
        assertThat(run.of(H15).status()).isEqualTo(Status.FETCHED);
        assertThat(run.of(H15).retries()).isEqualTo(1);
        List<Request> requests = archive.requestsFor(H15);
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).range()).isNull();
        assertThat(requests.get(0).status()).isEqualTo(200);
        assertThat(requests.get(1).range()).isEqualTo("bytes=" + size / 2 + "-");
        assertThat(requests.get(1).status()).isEqualTo(206);
        // not one byte twice: half, then the other half
        assertThat(run.summary().bytes()).isEqualTo(size);
        assertPlacedExactly(H15);
    }

    @Test
    void resumesAPartialFileLeftByAnEarlierRun() throws Exception {
        // the real first 1,000,000 bytes of 2015-01-01-0, as a broken-off download leaves them
        Path truncated = SharedData.require("gharchive/bad/2015-01-01-0.truncated.json.gz");
        Files.copy(truncated, out.resolve("." + H0 + ".part"));
        TestMirrors.Run run = mirror("2015-01-01T00");

        assertThat(run.of(H0).status()).isEqualTo(Status.FETCHED);
        assertThat(archive.requestsFor(H0))
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.range()).isEqualTo("bytes=1000000-");
                            assertThat(r.status()).isEqualTo(206);
                        });
        assertThat(run.summary().bytes()).isEqualTo(archive.bytesOf(H0).length - 1_000_000L);
        assertPlacedExactly(H0);
    }

    @Test
    void startsAgainFromTheFirstByteWhenTheServerIgnoresTheRange() throws Exception {
        Files.write(out.resolve("." + H15 + ".part"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        archive.always(H15, Trick.IGNORE_RANGE);
        TestMirrors.Run run = mirror("2015-01-01T15");

        assertThat(run.of(H15).status()).isEqualTo(Status.FETCHED);
        assertThat(archive.requestsFor(H15))
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.range()).isEqualTo("bytes=8-");
                            assertThat(r.status()).isEqualTo(200);
                        });
        assertPlacedExactly(H15);
    }

    @Test
    void cutsOffAStalledBodyAfterTheTimeoutAndResumesIt() throws Exception {
        settings.timeout = Duration.ofSeconds(1);
        archive.then(H15, Trick.STALL);
        long started = System.nanoTime();
        TestMirrors.Run run = mirror("2015-01-01T15");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(run.of(H15).status()).isEqualTo(Status.FETCHED);
        assertThat(run.of(H15).retries()).isEqualTo(1);
        assertThat(took).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(10));
        assertThat(archive.requestsFor(H15).get(1).range())
                .isEqualTo("bytes=" + FlakyArchive.STALL_BYTES + "-");
        assertPlacedExactly(H15);
    }

    @Test
    void keepsASlowBodyThatTakesLongerThanTheTimeoutButIsNeverIdleThatLong() throws Exception {
        settings.timeout = Duration.ofSeconds(1);
        archive.then(H15, Trick.TRICKLE); // about 3 s in all, a part every 100 ms
        TestMirrors.Run run = mirror("2015-01-01T15");

        assertThat(run.of(H15).status()).isEqualTo(Status.FETCHED);
        assertThat(run.of(H15).retries()).isZero();
        assertThat(run.of(H15).took()).isGreaterThan(Duration.ofSeconds(2));
        assertPlacedExactly(H15);
    }

    @Test
    void retriesServerErrorsWithGrowingWaitsAndWaitsAsLongAsRetryAfterSays() throws Exception {
        settings.backoff = Duration.ofMillis(200);
        archive.then(H15, Trick.UNAVAILABLE, Trick.UNAVAILABLE, Trick.TOO_MANY_REQUESTS);
        TestMirrors.Run run = mirror("2015-01-01T15");

        assertThat(run.of(H15).status()).isEqualTo(Status.FETCHED);
        assertThat(run.of(H15).retries()).isEqualTo(3);
        List<Request> r = archive.requestsFor(H15);
        assertThat(r).extracting(Request::status).containsExactly(503, 503, 429, 200);
        // backoff 200 ms, then 400 ms (each plus up to half as much jitter), then Retry-After: 1
        assertThat(gapMillis(r, 1)).isBetween(200L, 1000L);
        assertThat(gapMillis(r, 2)).isBetween(400L, 1500L);
        assertThat(gapMillis(r, 3)).isGreaterThanOrEqualTo(1000L);
        assertPlacedExactly(H15);
    }

    private static long gapMillis(List<Request> r, int i) {
        return (r.get(i).arrivedNanos() - r.get(i - 1).arrivedNanos()) / 1_000_000;
    }

    @Test
    void recordsA404AsAHoleWithoutAskingAgain() throws Exception {
        TestMirrors.Run run = mirror("2015-01-01T16"); // not in the test archive
        String name = "2015-01-01-16.json.gz";

        assertThat(run.of(name).status()).isEqualTo(Status.HOLE);
        assertThat(archive.requestsFor(name)).hasSize(1);
        assertThat(Files.readAllLines(out.resolve(HoleLog.FILE_NAME)))
                .hasSize(2)
                .last()
                .asString()
                .matches(name + "\t2015-01-01T16:00:00Z\t20\\d\\d-\\d\\d-\\d\\dT[0-9:]{8}Z");
        assertThat(run.summary().failed()).isZero();
        assertThat(run.output()).contains("hole           " + name);
    }

    @Test
    void reportsA404ForAnHourJustEndedAsNotPublishedYetRatherThanAHole() throws Exception {
        Clock justAfter = Clock.fixed(Instant.parse("2015-01-01T17:05:00Z"), ZoneOffset.UTC);
        TestMirrors.Run run =
                TestMirrors.range(settings, List.of(hour("2015-01-01T16")), justAfter);

        assertThat(run.of("2015-01-01-16.json.gz").status()).isEqualTo(Status.NOT_YET);
        assertThat(run.summary().failed()).isEqualTo(1);
        assertThat(run.summary().holes()).isZero();
        assertThat(out.resolve(HoleLog.FILE_NAME)).doesNotExist();
        assertThat(run.output()).contains("not published yet");
    }

    @Test
    void reportsAFileCorruptOnEveryTryAsFailedAndNeverPlacesIt() throws Exception {
        settings.retries = 2;
        archive.always(H15, Trick.CORRUPT);
        TestMirrors.Run run = mirror("2015-01-01T15");

        assertThat(run.of(H15).status()).isEqualTo(Status.CORRUPT);
        assertThat(run.summary().failed()).isEqualTo(1);
        assertThat(run.summary().corrupt()).isEqualTo(1);
        // deleted after each check, so every try starts from the first byte
        assertThat(archive.requestsFor(H15))
                .hasSize(3)
                .allSatisfy(r -> assertThat(r.range()).isNull());
        assertThat(out.resolve(H15)).doesNotExist();
        assertThat(out.resolve("." + H15 + ".part")).doesNotExist();
        assertThat(run.output()).contains("FAILED         " + H15 + " after 2 retries");
    }

    @Test
    void replacesACorruptDownloadWithASoundOneFetchedFromScratch() throws Exception {
        archive.then(H15, Trick.CORRUPT);
        TestMirrors.Run run = mirror("2015-01-01T15");

        assertThat(run.of(H15).status()).isEqualTo(Status.FETCHED);
        assertThat(archive.requestsFor(H15)).extracting(Request::range).containsExactly(null, null);
        assertPlacedExactly(H15);
    }

    @Test
    void skipsAFileAlreadyThereWithoutAskingTheArchive() throws Exception {
        Files.write(out.resolve(H15), archive.bytesOf(H15));
        TestMirrors.Run run = mirror("2015-01-01T15");

        assertThat(run.of(H15).status()).isEqualTo(Status.ALREADY_THERE);
        assertThat(run.summary().alreadyThere()).isEqualTo(1);
        assertThat(archive.requests()).isEmpty();
        assertThat(run.output()).contains("already there  " + H15);
    }

    @Test
    void placesFilesInHourOrderWhenALaterOneFinishesFirst() throws Exception {
        archive.then("2011-02-15-0.json.gz", Trick.SLOW);
        TestMirrors.Run run = mirror("2011-02-15T00", "2013-02-15T08", "2015-01-01T15");

        assertThat(run.summary().fetched()).isEqualTo(3);
        assertThat(run.output().lines().filter(l -> l.startsWith("fetched")))
                .extracting(l -> l.split("\\s+")[1])
                .containsExactly("2011-02-15-0.json.gz", "2013-02-15-0.json.gz", H15);
        // the later ones were downloaded while the first one was slow, not after it
        long slowArrived = archive.requestsFor("2011-02-15-0.json.gz").get(0).arrivedNanos();
        assertThat(archive.requestsFor(H15).get(0).arrivedNanos() - slowArrived)
                .isLessThan(500_000_000L);
    }
}
