package io.ghanomaly.core.archive;

/**
 * Which hours of event time are complete, as files are read in {@link ArchiveHour#READ_ORDER}: an
 * hour is complete once every file that can hold it has ended. The job's watermark and the
 * trainer's raw-hours path both follow it, so both close the same hours at the same points.
 *
 * <p>Event time moves only at the end of a file, never within one: an event, however new, cannot
 * close an hour whose file has not ended. An event of a complete hour (a straggler in the next
 * file) is late; so is every event of a file whose hour is already complete (a file that lands
 * after its hour was closed).
 */
public final class HourCompletion {
    private static final long HOUR_MILLIS = 3_600_000L;

    private long completeUpTo;

    /** Nothing complete yet. */
    public HourCompletion() {
        this(Long.MIN_VALUE);
    }

    /** Restored: complete up to and including {@code completeUpTo} (epoch ms). */
    public HourCompletion(long completeUpTo) {
        this.completeUpTo = completeUpTo;
    }

    /** The last complete millisecond of event time, or Long.MIN_VALUE. */
    public long completeUpTo() {
        return completeUpTo;
    }

    /** Records that a file ended; returns whether event time moved on. */
    public boolean fileEnded(ArchiveRecord endOfFile) {
        if (endOfFile.completesUpTo <= completeUpTo) {
            return false;
        }
        completeUpTo = endOfFile.completesUpTo;
        return true;
    }

    /** Whether the hour that holds {@code eventMillis} is already complete. */
    public boolean isLate(long eventMillis) {
        return ArchiveHour.startOf(eventMillis) + HOUR_MILLIS - 1 <= completeUpTo;
    }

    /** Whether a starting file's hour is already complete, so that all of it comes too late. */
    public boolean isLateFile(ArchiveRecord startOfFile) {
        return startOfFile.hourEndMillis - 1 <= completeUpTo;
    }
}
