package io.ghanomaly.mirror;

import io.ghanomaly.mirror.FileResult.Status;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The mirror's progress on stdout, one line per file as it finishes with the running totals, and
 * the totals themselves, for the summary line and for tests.
 */
final class MirrorReport {
    /**
     * The totals of a run.
     *
     * @param retried files that took more than one try, whatever became of them
     * @param retries tries after the first, over all files
     * @param failed files not there at the end (corrupt ones included)
     * @param corrupt files that were not sound gzip on any try
     * @param bytes body bytes received, retries included
     */
    record Summary(
            int fetched,
            int alreadyThere,
            int retried,
            int retries,
            int holes,
            int failed,
            int corrupt,
            long bytes,
            double seconds) {

        double megabytesPerSecond() {
            return seconds > 0 ? bytes / 1e6 / seconds : 0;
        }

        String line() {
            return String.format(
                    Locale.ROOT,
                    "Summary: %d fetched, %d already there, %d retried (%d retries), %d %s,"
                            + " %d failed (%d corrupt); %,d bytes received in %.1f s, %.1f MB/s",
                    fetched,
                    alreadyThere,
                    retried,
                    retries,
                    holes,
                    holes == 1 ? "hole" : "holes",
                    failed,
                    corrupt,
                    bytes,
                    seconds,
                    megabytesPerSecond());
        }
    }

    private final PrintStream out;
    private final int expectedFiles; // 0: following, no end known
    private final long startNanos = System.nanoTime();
    private final AtomicLong bytes = new AtomicLong();
    private final Set<String> announced = new HashSet<>();
    private int done;
    private int fetched;
    private int alreadyThere;
    private int retried;
    private int retries;
    private int holes;
    private int failed;
    private int corrupt;

    /**
     * @param expectedFiles how many files a range holds, for "3 of 10"; 0 when following
     */
    MirrorReport(PrintStream out, int expectedFiles) {
        this.out = out;
        this.expectedFiles = expectedFiles;
    }

    /** Counts body bytes as they arrive; called from download threads. */
    void addBytes(long n) {
        bytes.addAndGet(n);
    }

    synchronized void note(String line) {
        out.println(line);
    }

    /** Reports a file once it is in place, a hole, or given up on. */
    synchronized void finished(FileResult r) {
        done++;
        retries += r.retries();
        if (r.retries() > 0) {
            retried++;
        }
        String name = r.file().fileName();
        String line;
        switch (r.status()) {
            case FETCHED -> {
                fetched++;
                line =
                        String.format(
                                Locale.ROOT,
                                "fetched        %-21s %,13d bytes %7.1f s %2d %s",
                                name,
                                r.size(),
                                r.took().toMillis() / 1000.0,
                                r.retries(),
                                r.retries() == 1 ? "retry" : "retries");
            }
            case ALREADY_THERE -> {
                alreadyThere++;
                line =
                        String.format(
                                Locale.ROOT, "already there  %-21s %,13d bytes", name, r.size());
            }
            case HOLE -> {
                holes++;
                line =
                        String.format(
                                Locale.ROOT,
                                "hole           %-21s UTC %s, %s: recorded in %s",
                                name,
                                r.file().start(),
                                r.problem(),
                                HoleLog.FILE_NAME);
            }
            default -> {
                failed++;
                if (r.status() == Status.CORRUPT) {
                    corrupt++;
                }
                line =
                        String.format(
                                Locale.ROOT,
                                "FAILED         %-21s after %d %s: %s%s",
                                name,
                                r.retries(),
                                r.retries() == 1 ? "retry" : "retries",
                                r.problem(),
                                whatNext(r.status()));
            }
        }
        out.println(line + " | " + runningTotal());
    }

    /** Reports, once per file, that following will try it again. */
    synchronized void waiting(FileResult r, String when) {
        if (announced.add(r.file().fileName() + r.status())) {
            String why =
                    switch (r.status()) {
                        case NOT_YET -> "not there yet (" + r.problem() + ")";
                        case DEFERRED -> "downloaded, waiting for an earlier hour";
                        default -> "failing for now (" + r.problem() + ")";
                    };
            out.printf(
                    Locale.ROOT, "waiting        %-21s %s; %s%n", r.file().fileName(), why, when);
        }
    }

    synchronized Summary summary() {
        return new Summary(
                fetched,
                alreadyThere,
                retried,
                retries,
                holes,
                failed,
                corrupt,
                bytes.get(),
                (System.nanoTime() - startNanos) / 1e9);
    }

    private String runningTotal() {
        String files =
                expectedFiles > 0
                        ? done + " of " + expectedFiles + " files"
                        : done + (done == 1 ? " file" : " files");
        return String.format(Locale.ROOT, "%s, %.1f MB received", files, bytes.get() / 1e6);
    }

    private static String whatNext(Status status) {
        return switch (status) {
            case CORRUPT -> " (deleted)";
            case NOT_YET ->
                    " (not published yet: the archive adds an hour 10-15 min after it ends;"
                            + " run again later, or use --follow)";
            case FAILED -> " (partial file kept: the next run resumes it)";
            default -> "";
        };
    }
}
