package io.ghanomaly.mirror;

import io.ghanomaly.core.archive.ArchiveHour;
import io.ghanomaly.mirror.FileResult.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * Brings one archive file into the output directory under its hidden name, checked: tries it until
 * it is whole and sound or the retries are spent, resuming a partial file, starting again from
 * nothing after a corrupt one. Renaming it into place is the caller's, which keeps hour order.
 */
final class FileFetcher {
    private final MirrorConfig config;
    private final Transfer transfer;
    private final Backoff backoff;
    private final Clock clock;
    private final LongConsumer onBytes;

    /**
     * @param onBytes told of every body byte received, for the totals
     */
    FileFetcher(
            MirrorConfig config,
            Transfer transfer,
            Backoff backoff,
            Clock clock,
            LongConsumer onBytes) {
        this.config = config;
        this.transfer = transfer;
        this.backoff = backoff;
        this.clock = clock;
        this.onBytes = onBytes;
    }

    /** Where a file is written until it is checked; the job ignores names that start with ".". */
    Path partOf(ArchiveHour file) {
        return config.out().resolve("." + file.fileName() + ".part");
    }

    /** Where a file is once it is checked. */
    Path targetOf(ArchiveHour file) {
        return config.out().resolve(file.fileName());
    }

    /**
     * Fetches and checks {@code file}: {@link Status#VERIFIED} with the checked file at {@link
     * #partOf}, or why not.
     */
    FileResult fetch(ArchiveHour file) throws InterruptedException {
        long started = System.nanoTime();
        Path target = targetOf(file);
        if (Files.exists(target)) {
            return new FileResult(
                    file, Status.ALREADY_THERE, sizeOf(target), 0, since(started), "");
        }
        Path part = partOf(file);
        int retries = 0;
        while (true) {
            Status failure;
            String problem;
            Optional<Duration> retryAfter = Optional.empty();
            try {
                Transfer.Result r = transfer.get(config.urlOf(file.fileName()), part, onBytes);
                Transfer.Outcome outcome = r.outcome();
                if (outcome == Transfer.Outcome.NOT_FOUND) {
                    boolean hole = !clock.instant().isBefore(file.end().plus(config.holeAfter()));
                    return new FileResult(
                            file,
                            hole ? Status.HOLE : Status.NOT_YET,
                            0,
                            retries,
                            since(started),
                            "HTTP " + r.status());
                }
                if (outcome == Transfer.Outcome.REFUSED) {
                    return new FileResult(
                            file, Status.REFUSED, 0, retries, since(started), "HTTP " + r.status());
                }
                if (outcome == Transfer.Outcome.RANGE_NOT_SATISFIABLE
                        && r.total().isPresent()
                        && Files.size(part) != r.total().getAsLong()) {
                    // longer than the file, so not the file: begin again without Range
                    Files.delete(part);
                    failure = Status.FAILED;
                    problem = "partial file longer than the file (HTTP 416)";
                } else if (outcome == Transfer.Outcome.COMPLETE
                        || outcome == Transfer.Outcome.RANGE_NOT_SATISFIABLE) {
                    // a 416 for a partial file as long as the file: an earlier try got it all
                    try {
                        GzipCheck.verify(part);
                        return new FileResult(
                                file, Status.VERIFIED, sizeOf(part), retries, since(started), "");
                    } catch (IOException e) {
                        if (Thread.currentThread().isInterrupted()) {
                            throw new InterruptedException("stopped while checking " + part);
                        }
                        // damaged bytes cannot be resumed past: start again from nothing
                        Files.delete(part);
                        failure = Status.CORRUPT;
                        problem = "not a sound gzip file: " + describe(e);
                    }
                } else if (outcome == Transfer.Outcome.OTHER_RANGE) {
                    Files.deleteIfExists(part);
                    failure = Status.FAILED;
                    problem = "HTTP 206 for a range not asked for";
                } else {
                    failure = Status.FAILED;
                    problem = "HTTP " + r.status();
                    retryAfter = r.retryAfter();
                }
            } catch (IOException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("stopped while fetching " + file.fileName());
                }
                failure = Status.FAILED;
                problem = describe(e);
            }
            if (retries >= config.retries()) {
                return new FileResult(file, failure, 0, retries, since(started), problem);
            }
            retries++;
            Thread.sleep(backoff.delay(retries, retryAfter).toMillis());
        }
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        String what = e.getClass().getSimpleName();
        return message == null || message.isBlank() ? what : what + ": " + message;
    }
}
