package io.ghanomaly.mirror;

import io.ghanomaly.core.archive.ArchiveHour;
import io.ghanomaly.mirror.FileResult.Status;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Fetches a list of archive files, at most {@code --parallel} at once, and renames each into place
 * once it is checked and every earlier file is done, so files land in hour order.
 */
final class Mirror {
    private final MirrorConfig config;
    private final FileFetcher fetcher;
    private final HoleLog holes;
    private final Clock clock;
    private final MirrorReport report;

    Mirror(
            MirrorConfig config,
            FileFetcher fetcher,
            HoleLog holes,
            Clock clock,
            MirrorReport report) {
        this.config = config;
        this.fetcher = fetcher;
        this.holes = holes;
        this.clock = clock;
        this.report = report;
    }

    /** The mirror with its HTTP client, retries and hole log, as {@code config} says. */
    static Mirror create(MirrorConfig config, Clock clock, MirrorReport report) {
        HttpClient client =
                HttpClient.newBuilder()
                        // one connection per download: a cancelled stalled body drops its own
                        // connection, and parallel downloads share the bandwidth as TCP does
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(config.timeout())
                        .followRedirects(HttpClient.Redirect.NORMAL)
                        .build();
        Backoff backoff =
                new Backoff(config.backoff(), () -> ThreadLocalRandom.current().nextDouble());
        FileFetcher fetcher =
                new FileFetcher(
                        config,
                        new Transfer(client, config.timeout(), clock),
                        backoff,
                        clock,
                        report::addBytes);
        return new Mirror(config, fetcher, new HoleLog(config.out()), clock, report);
    }

    /**
     * The archive's files for the UTC hours in [from, to), in read order; {@code note} hears of
     * hours that no file holds.
     */
    static List<ArchiveHour> filesFor(Instant from, Instant to, Consumer<String> note) {
        List<ArchiveHour> files = new ArrayList<>();
        for (Instant h = from; h.isBefore(to); h = h.plus(1, ChronoUnit.HOURS)) {
            List<ArchiveHour> holding = ArchiveHour.holding(h);
            if (holding.isEmpty()) {
                note.accept(
                        "no archive file holds UTC hour "
                                + h
                                + " (lost to the daylight-saving change of the Pacific-time"
                                + " names)");
            }
            files.addAll(holding);
        }
        return files;
    }

    /**
     * Fetches {@code files} (in read order) and returns what became of each, in the same order.
     * With {@code following}, a file that is not there yet (or failing for now) holds back the
     * files after it, which stay verified under their hidden names for the next round, and is not
     * reported as finished; without, every file gets its final result.
     */
    List<FileResult> fetchAll(List<ArchiveHour> files, boolean following)
            throws InterruptedException {
        PlacementTurns turns = new PlacementTurns(files.size());
        List<Callable<FileResult>> tasks = new ArrayList<>(files.size());
        for (int i = 0; i < files.size(); i++) {
            int index = i;
            ArchiveHour file = files.get(i);
            tasks.add(() -> fetchAndPlace(index, file, turns, following));
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool =
                Executors.newFixedThreadPool(
                        Math.min(config.parallel(), Math.max(1, files.size())),
                        r -> {
                            Thread t = new Thread(r, "mirror-" + threads.incrementAndGet());
                            t.setDaemon(true);
                            return t;
                        });
        try {
            // FIFO: files start in read order, which PlacementTurns relies on
            List<Future<FileResult>> futures = pool.invokeAll(tasks);
            List<FileResult> results = new ArrayList<>(files.size());
            for (Future<FileResult> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (ExecutionException e) {
            throw new IllegalStateException("a download task failed", e.getCause());
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private FileResult fetchAndPlace(
            int index, ArchiveHour file, PlacementTurns turns, boolean following)
            throws InterruptedException {
        FileResult r = null;
        try {
            r = fetcher.fetch(file);
            if (r.status() == Status.VERIFIED) {
                boolean earlierMissing = turns.awaitTurn(index);
                r = following && earlierMissing ? r.with(Status.DEFERRED, "") : place(r);
            } else if (r.status() == Status.HOLE) {
                r = recordHole(r);
            }
            if (following && r.worthAnotherRound()) {
                report.waiting(r, "trying again every " + Durations.format(config.poll()));
            } else {
                // fetched files report inside their turn, so the lines come in hour order too
                report.finished(r);
            }
            return r;
        } finally {
            turns.done(index, r == null || (following && r.worthAnotherRound()));
        }
    }

    private FileResult place(FileResult verified) {
        try {
            Files.move(
                    fetcher.partOf(verified.file()),
                    fetcher.targetOf(verified.file()),
                    StandardCopyOption.ATOMIC_MOVE);
            return verified.with(Status.FETCHED, "");
        } catch (IOException e) {
            return verified.with(
                    Status.FAILED, "could not rename into place: " + FileFetcher.describe(e));
        }
    }

    private FileResult recordHole(FileResult hole) {
        try {
            holes.record(hole.file(), clock.instant());
            return hole;
        } catch (IOException e) {
            return hole.with(
                    Status.REFUSED,
                    hole.problem() + ", and could not record the hole: " + FileFetcher.describe(e));
        }
    }
}
