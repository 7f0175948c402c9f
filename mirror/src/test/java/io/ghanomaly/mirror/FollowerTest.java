package io.ghanomaly.mirror;

import static io.ghanomaly.mirror.TestMirrors.hour;
import static org.assertj.core.api.Assertions.assertThat;

import io.ghanomaly.core.testing.SharedData;
import io.ghanomaly.mirror.FlakyArchive.Request;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Following, on a clock set back to the real hours' day (real time passing from there): each hour
 * is asked for only once it is due, asked again until it appears, placed in hour order.
 */
class FollowerTest {
    private static final String H15 = "2015-01-01-15.json.gz";

    @TempDir Path out;
    private FlakyArchive archive;
    private TestMirrors.Settings settings;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private MirrorReport report;

    @BeforeEach
    void startArchive() throws Exception {
        archive = FlakyArchive.serving(SharedData.require("gharchive/hours"));
        settings = new TestMirrors.Settings(out, archive.baseUrl());
        settings.follow = true;
        report = new MirrorReport(new PrintStream(printed, true, StandardCharsets.UTF_8), 0);
    }

    @AfterEach
    void stopArchive() throws Exception {
        archive.close();
    }

    /** Real time, as if it were {@code now} when the test starts. */
    private static Clock startingAt(String now) {
        return Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), Instant.parse(now)));
    }

    /** Runs a follower on its own thread; the thread is the caller's to interrupt. */
    private Thread follow(Clock clock, AtomicReference<Throwable> failure) {
        Follower follower =
                new Follower(
                        settings.config(),
                        Mirror.create(settings.config(), clock, report),
                        report,
                        clock);
        Thread t = new Thread(follower::run, "follower");
        t.setUncaughtExceptionHandler((th, e) -> failure.set(e));
        t.start();
        return t;
    }

    private static void await(BooleanSupplier condition, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %s", limit).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static void stop(Thread follower) throws InterruptedException {
        follower.interrupt();
        follower.join(10_000);
        assertThat(follower.isAlive()).as("follower stopped by interrupt").isFalse();
    }

    @Test
    void fetchesAnHourThatAppearsOnlyAfterAWhileAndNotBeforeItIsDue() throws Exception {
        settings.from = hour("2015-01-01T15");
        settings.delay = Duration.ofSeconds(1); // due at 16:00:01, a second after the start
        archive.hide(H15);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long started = System.nanoTime();
        Thread follower = follow(startingAt("2015-01-01T16:00:00Z"), failure);
        try {
            // asked for, and not there yet, twice: then it is published
            await(() -> archive.requestsFor(H15).size() >= 2, Duration.ofSeconds(20));
            archive.publish(H15);
            await(() -> Files.exists(out.resolve(H15)), Duration.ofSeconds(20));
            // then it waits for the next hour
            await(
                    () ->
                            printed.toString(StandardCharsets.UTF_8)
                                    .contains("next: UTC hour 2015-01-01T16"),
                    Duration.ofSeconds(20));
        } finally {
            stop(follower);
        }

        assertThat(failure.get()).isNull();
        List<Request> requests = archive.requestsFor(H15);
        assertThat(requests.get(0).arrivedNanos() - started)
                .as("first asked once due")
                .isGreaterThanOrEqualTo(1_000_000_000L);
        assertThat(requests)
                .extracting(Request::status)
                .startsWith(404, 404)
                .endsWith(200)
                .doesNotContain(206);
        // asked again every --poll, not in a tight loop
        assertThat(requests.get(1).arrivedNanos() - requests.get(0).arrivedNanos())
                .isGreaterThanOrEqualTo(settings.poll.toNanos());
        assertThat(Files.readAllBytes(out.resolve(H15))).isEqualTo(archive.bytesOf(H15));
        assertThat(out.resolve(HoleLog.FILE_NAME)).doesNotExist();
        assertThat(report.summary().fetched()).isEqualTo(1);
        assertThat(report.summary().holes()).isZero();
        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(output.lines().filter(l -> l.startsWith("waiting"))).hasSize(1);
        assertThat(output).contains("next: UTC hour 2015-01-01T16:00:00Z");
    }

    @Test
    void holdsALaterFileBackUntilTheEarlierOneOfItsHourIsThere() throws Exception {
        // 2015-01-01T00Z is held by two files: the Pacific-named 2014-12-31-16, read first, and
        // 2015-01-01-0. The first is late; a stand-in (real bytes of another hour) appears later.
        String first = "2014-12-31-16.json.gz";
        String second = "2015-01-01-0.json.gz";
        archive.put(first, archive.bytesOf("2013-02-15-0.json.gz")).hide(first);
        settings.from = hour("2015-01-01T00");
        settings.to = hour("2015-01-01T01");
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread follower = follow(startingAt("2015-01-01T01:00:00Z"), failure);
        try {
            await(() -> archive.requestsFor(first).size() >= 2, Duration.ofSeconds(20));
            assertThat(out.resolve(second)).as("not placed before the earlier file").doesNotExist();
            assertThat(Files.size(out.resolve("." + second + ".part")))
                    .isEqualTo(archive.bytesOf(second).length);
            archive.publish(first);
            follower.join(20_000); // --to reached: it ends by itself
        } finally {
            stop(follower);
        }

        assertThat(failure.get()).isNull();
        assertThat(Files.readAllBytes(out.resolve(first))).isEqualTo(archive.bytesOf(first));
        assertThat(Files.readAllBytes(out.resolve(second))).isEqualTo(archive.bytesOf(second));
        assertThat(out.resolve("." + second + ".part")).doesNotExist();
        // the verified partial file was not fetched again: 416 for the range after its end
        assertThat(archive.requestsFor(second)).extracting(Request::status).contains(200, 416);
        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(output.lines().filter(l -> l.startsWith("fetched")))
                .extracting(l -> l.split("\\s+")[1])
                .containsExactly(first, second);
    }

    @Test
    void recordsAHoleForAnHourLongOverdueAndGoesOnToTheNextFile() throws Exception {
        settings.from = hour("2015-01-01T00");
        settings.to = hour("2015-01-01T01");
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread follower = follow(Clock.systemUTC(), failure); // years after: 404 means a hole
        follower.join(20_000);
        stop(follower);

        assertThat(failure.get()).isNull();
        assertThat(report.summary().holes()).isEqualTo(1);
        assertThat(report.summary().fetched()).isEqualTo(1);
        assertThat(archive.requestsFor("2014-12-31-16.json.gz")).hasSize(1);
        assertThat(Files.readAllBytes(out.resolve("2015-01-01-0.json.gz")))
                .isEqualTo(archive.bytesOf("2015-01-01-0.json.gz"));
    }

    @Test
    void startsWithTheNewestHourThatIsDueWhenGivenNoStart() {
        settings.delay = Duration.ofMinutes(10);
        Follower follower = new Follower(settings.config(), null, report, Clock.systemUTC());
        assertThat(follower.newestDueHour(Instant.parse("2025-01-01T16:05:00Z")))
                .isEqualTo(hour("2025-01-01T14"));
        assertThat(follower.newestDueHour(Instant.parse("2025-01-01T16:10:00Z")))
                .isEqualTo(hour("2025-01-01T15"));
        assertThat(follower.dueAt(hour("2025-01-01T15")))
                .isEqualTo(Instant.parse("2025-01-01T16:10:00Z"));
    }
}
