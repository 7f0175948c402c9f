package io.ghanomaly.core.archive;

import io.ghanomaly.core.event.GhEvent;

/**
 * What {@link ArchiveFileReader} yields: the mark that a file starts, an event, a dead letter, or
 * the mark that a file has been read to its end (which drives event time: see {@link
 * HourCompletion}).
 *
 * <p>A POJO with one field set per kind rather than a sealed interface, so Flink serializes it with
 * its POJO serializer instead of Kryo.
 */
public final class ArchiveRecord {
    /** Which of the fields below is set. */
    public enum Kind {
        START_OF_FILE,
        EVENT,
        DEAD_LETTER,
        END_OF_FILE
    }

    public Kind kind;
    public GhEvent event;
    public DeadLetter deadLetter;

    /**
     * For END_OF_FILE: the last millisecond of event time that is complete now that this file has
     * been read ({@link ArchiveHour#completesUpTo}), or Long.MIN_VALUE for a file that is not an
     * archive hour.
     */
    public long completesUpTo;

    /** For START_OF_FILE and END_OF_FILE: the file. */
    public String sourceFile;

    /** For START_OF_FILE: the end (exclusive, epoch ms) of the UTC hour the file holds. */
    public long hourEndMillis;

    public static ArchiveRecord startOfFile(String sourceFile, long hourEndMillis) {
        ArchiveRecord r = new ArchiveRecord();
        r.kind = Kind.START_OF_FILE;
        r.sourceFile = sourceFile;
        r.hourEndMillis = hourEndMillis;
        return r;
    }

    public static ArchiveRecord event(GhEvent event) {
        ArchiveRecord r = new ArchiveRecord();
        r.kind = Kind.EVENT;
        r.event = event;
        return r;
    }

    public static ArchiveRecord deadLetter(DeadLetter deadLetter) {
        ArchiveRecord r = new ArchiveRecord();
        r.kind = Kind.DEAD_LETTER;
        r.deadLetter = deadLetter;
        return r;
    }

    public static ArchiveRecord endOfFile(String sourceFile, long completesUpTo) {
        ArchiveRecord r = new ArchiveRecord();
        r.kind = Kind.END_OF_FILE;
        r.sourceFile = sourceFile;
        r.completesUpTo = completesUpTo;
        return r;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case START_OF_FILE -> "StartOfFile[" + sourceFile + "]";
            case EVENT -> "Event" + event;
            case DEAD_LETTER -> "DeadLetter" + deadLetter;
            case END_OF_FILE -> "EndOfFile[" + sourceFile + " up to " + completesUpTo + "]";
        };
    }
}
