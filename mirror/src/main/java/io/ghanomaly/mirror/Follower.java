package io.ghanomaly.mirror;

import io.ghanomaly.core.archive.ArchiveHour;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Follows the archive: fetches each UTC hour once it is due ({@code --delay} after it ends), in
 * hour order, and keeps asking for an hour that is not there yet every {@code --poll}, until {@code
 * --hole-after} makes its 404 a hole. Runs until {@code --to}, or until interrupted.
 */
final class Follower {
    private static final Duration HOUR = Duration.ofHours(1);

    /** At most this many due hours per round, so that a long catch-up reports as it goes. */
    private static final int MAX_HOURS_PER_ROUND = 24;

    /** The longest single sleep: a clock that jumps (a laptop waking up) is noticed soon. */
    private static final Duration MAX_SLEEP = Duration.ofMinutes(1);

    private final MirrorConfig config;
    private final Mirror mirror;
    private final MirrorReport report;
    private final Clock clock;

    Follower(MirrorConfig config, Mirror mirror, MirrorReport report, Clock clock) {
        this.config = config;
        this.mirror = mirror;
        this.report = report;
        this.clock = clock;
    }

    /** When following first asks for the UTC hour starting at {@code hour}. */
    Instant dueAt(Instant hour) {
        return hour.plus(HOUR).plus(config.delay());
    }

    /** The newest hour that is due at {@code now}: where following starts without --from. */
    Instant newestDueHour(Instant now) {
        return now.minus(config.delay()).truncatedTo(ChronoUnit.HOURS).minus(HOUR);
    }

    /** Follows until {@code --to} or until the thread is interrupted; returns in both cases. */
    void run() {
        Instant next = config.from() != null ? config.from() : newestDueHour(clock.instant());
        report.note(
                "Following the archive from "
                        + next
                        + (config.to() != null ? " to " + config.to() : "")
                        + ": each hour "
                        + Durations.format(config.delay())
                        + " after it ends; stop with Ctrl-C");
        Instant announcedWait = null;
        try {
            while (config.to() == null || next.isBefore(config.to())) {
                Instant now = clock.instant();
                List<Instant> due = dueHours(next, now);
                if (due.isEmpty()) {
                    if (!next.equals(announcedWait)) {
                        announcedWait = next;
                        report.note("next: UTC hour " + next + ", due at " + dueAt(next));
                    }
                    sleep(Duration.between(now, dueAt(next)));
                    continue;
                }
                List<ArchiveHour> files = new ArrayList<>();
                for (Instant h : due) {
                    files.addAll(ArchiveHour.holding(h));
                }
                List<FileResult> results = mirror.fetchAll(files, true);
                next = firstHourNotDone(due, results);
                if (next.isBefore(due.get(due.size() - 1).plus(HOUR))) {
                    sleep(config.poll());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<Instant> dueHours(Instant next, Instant now) {
        List<Instant> due = new ArrayList<>();
        for (Instant h = next;
                due.size() < MAX_HOURS_PER_ROUND
                        && (config.to() == null || h.isBefore(config.to()))
                        && !dueAt(h).isAfter(now);
                h = h.plus(HOUR)) {
            due.add(h);
        }
        return due;
    }

    /** The first due hour with a file still to try again, or the hour after the last one due. */
    private static Instant firstHourNotDone(List<Instant> due, List<FileResult> results) {
        for (Instant h : due) {
            for (FileResult r : results) {
                if (r.file().start().equals(h) && r.worthAnotherRound()) {
                    return h;
                }
            }
        }
        return due.get(due.size() - 1).plus(HOUR);
    }

    private static void sleep(Duration d) throws InterruptedException {
        long ms = Math.max(1, Math.min(d.toMillis(), MAX_SLEEP.toMillis()));
        Thread.sleep(ms);
    }
}
