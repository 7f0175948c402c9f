package io.ghanomaly.job.source;

import io.ghanomaly.core.event.GhEvent;

/**
 * What the archive source emits: an event, a dead letter, or the mark that a file has been read to
 * its end (which drives the watermark, see {@link FileWatermarks}).
 *
 * <p>A POJO with one field set per kind rather than a sealed interface, so Flink serializes it with
 * its POJO serializer instead of Kryo.
 */
public final class ArchiveRecord {
    /** Which of the fields below is set. */
    public enum Kind {
        EVENT,
        DEAD_LETTER,
        END_OF_FILE
    }

    public Kind kind;
    public GhEvent event;
    public DeadLetter deadLetter;

    /**
     * For END_OF_FILE: the last millisecond of the hour that held most of the file's events (or
     * Long.MIN_VALUE for a file without events); all of that hour has been read.
     */
    public long completesUpTo;

    /** For END_OF_FILE: the file that ended. */
    public String sourceFile;

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
            case EVENT -> "Event" + event;
            case DEAD_LETTER -> "DeadLetter" + deadLetter;
            case END_OF_FILE -> "EndOfFile[" + sourceFile + " up to " + completesUpTo + "]";
        };
    }
}
