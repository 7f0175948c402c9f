package io.ghanomaly.core.archive;

import io.ghanomaly.core.event.DeadLetterReason;
import io.ghanomaly.core.event.GhEvent;
import io.ghanomaly.core.event.GhEventParser;
import io.ghanomaly.core.event.MalformedEventException;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Turns one archive file into {@link ArchiveRecord}s: a start-of-file mark with the hour the file's
 * name stands for, every line an event or a dead letter, then an end-of-file mark. The job's source
 * and the trainer's raw-hours path both read the archive with this class.
 *
 * <p>An event whose {@code created_at} lies implausibly far from its file's hour ({@link
 * ArchiveHour#isPlausible}) is dead-lettered as {@link DeadLetterReason#IMPLAUSIBLE_TIMESTAMP}: a
 * year-2100 or 1970 clock must not move event time or open a window. A file whose name is not an
 * archive hour is not read: it becomes one {@link DeadLetterReason#NOT_AN_ARCHIVE_HOUR}.
 *
 * <p>Damage never loses what came before it: a gzip stream that breaks off (truncated download,
 * corrupt block) yields every complete line before the break, then the incomplete line as {@link
 * DeadLetterReason#TRUNCATED_LINE}, then one {@link DeadLetterReason#FILE_ERROR}, then the
 * end-of-file mark, and the source moves on to the next file. Lines are parsed straight from the
 * read buffer; only a line that straddles two reads is copied. A gzip file is inflated ahead, on a
 * thread of its own ({@link InflateAhead}), while its lines are split and parsed here.
 *
 * <p>Gzip data is known to be intact only once the checksum at its end has been checked, and a
 * flipped bit can decode to a valid event with another login. So a gzip file's records are held
 * until its end (about 50 MB for a modern hour, at most {@link #HOLD_LIMIT_BYTES}); if the checksum
 * fails, none of them is used and one {@link DeadLetterReason#FILE_ERROR} stands for them all. A
 * truncated file is not damaged data: every complete line before the cut is kept.
 */
public final class ArchiveFileReader implements Closeable {
    private static final int READ_SIZE = 1 << 17;

    /** The default limit of a line's length, in bytes: the job's and the trainer's. */
    public static final int DEFAULT_MAX_LINE_BYTES = 4 << 20;

    /** A line longer than this is dead-lettered whole up to here, and cut beyond it. */
    static final int KEPT_LINE_LIMIT = 64 << 20;

    /**
     * How much memory, as {@link #heldSize} estimates it, a gzip file's records may take while they
     * wait for its checksum; past it (a file far larger than any real hour), the rest of the file
     * is passed on unchecked rather than exhaust memory.
     */
    static final long HOLD_LIMIT_BYTES = 256L << 20;

    private static final int GZIP_MAGIC = 0x1f8b;

    private static final VarHandle WORDS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long NEWLINES = ONES * '\n';

    private final InputStream raw;
    private final String file;
    private final int maxLineBytes;
    private final long holdLimitBytes;
    private final GhEventParser parser = new GhEventParser();
    private final ArchiveHour hour; // null when the name is not an archive hour

    private InputStream in;
    private byte[] buf = new byte[READ_SIZE];
    private int pos;
    private int limit;
    private long lineNumber;
    private boolean ended;
    private IOException failure;
    private boolean failureReported;
    private boolean startReported;
    private boolean endReported;
    private boolean empty;
    private boolean gzip;

    private final ArrayDeque<ArchiveRecord> ready = new ArrayDeque<>();
    private boolean holding; // the records read wait for the checksum at the end of the stream
    private long heldBytes;
    private boolean settled; // the end of the input has been reached and judged
    private long passedUnchecked; // records passed on, past the hold limit, before the checksum
    private long dropped; // records read from damaged gzip data and not used

    /**
     * @param raw the file's bytes; gzip-decompressed here when the name ends in .gz or the bytes
     *     start as gzip does
     * @param file the file's path, for dead letters
     * @param maxLineBytes longer lines are dead-lettered as {@link DeadLetterReason#LINE_TOO_LONG}
     */
    public ArchiveFileReader(InputStream raw, String file, int maxLineBytes) {
        this(raw, file, maxLineBytes, HOLD_LIMIT_BYTES);
    }

    /** A reader of a file on the local disk, with the default line limit. */
    public static ArchiveFileReader open(Path file) throws IOException {
        return new ArchiveFileReader(
                Files.newInputStream(file), file.toString(), DEFAULT_MAX_LINE_BYTES);
    }

    /** With another limit to what the reader holds until a checksum is checked, for tests. */
    ArchiveFileReader(InputStream raw, String file, int maxLineBytes, long holdLimitBytes) {
        this.raw = raw;
        this.file = file;
        this.maxLineBytes = maxLineBytes;
        this.holdLimitBytes = holdLimitBytes;
        this.hour = ArchiveHour.ofPath(file).orElse(null);
    }

    /** The hour the file's name stands for, empty when the name is not an archive hour. */
    public Optional<ArchiveHour> hour() {
        return Optional.ofNullable(hour);
    }

    /** The next record, or null when the file has been read and its end reported. */
    public ArchiveRecord next() {
        if (!startReported) {
            startReported = true;
            if (hour == null) {
                ended = true;
                return ArchiveRecord.deadLetter(
                        new DeadLetter(
                                file,
                                0,
                                DeadLetterReason.NOT_AN_ARCHIVE_HOUR,
                                ArchiveHour.whyNotAnArchiveName(ArchiveHour.nameOf(file))
                                        + "; the file was not read",
                                null));
            }
            return ArchiveRecord.startOfFile(file, hour.end().toEpochMilli());
        }
        if (in == null && failure == null && !ended) {
            open();
        }
        while (!ended && (holding || ready.isEmpty())) {
            ArchiveRecord r = nextLine();
            if (r != null) {
                ready.add(r);
                if (holding && (heldBytes += heldSize(r)) > holdLimitBytes) {
                    holding = false;
                }
            }
        }
        boolean damaged = gzip && in != null && failure instanceof ZipException;
        if (ended && !settled) {
            settled = true;
            holding = false;
            if (damaged) {
                dropped = ready.size();
                ready.clear();
            }
        }
        if (!ready.isEmpty()) {
            if (!settled) {
                passedUnchecked++;
            }
            return ready.poll();
        }
        if (failure != null && !failureReported) {
            failureReported = true;
            return ArchiveRecord.deadLetter(
                    new DeadLetter(
                            file,
                            lineNumber,
                            DeadLetterReason.FILE_ERROR,
                            damaged ? damagedData() : unreadable(),
                            null));
        }
        if (!endReported) {
            endReported = true;
            return ArchiveRecord.endOfFile(
                    file, hour == null ? Long.MIN_VALUE : hour.completesUpTo());
        }
        return null;
    }

    private void open() {
        try {
            ReadAhead bytes = new ReadAhead(raw);
            int magic = bytes.firstTwoBytes();
            if (magic < 0) {
                empty = true;
                failure = new EOFException("the file is empty");
                ended = true;
                return;
            }
            // gzip saved without its .gz is still gzip: no UTF-8 text starts with 1f 8b
            gzip = file.endsWith(".gz") || magic == GZIP_MAGIC;
            // inflated on a thread of its own, ahead of the line splitting and parsing here
            in = gzip ? new InflateAhead(new GZIPInputStream(bytes, READ_SIZE), file) : bytes;
            holding = gzip;
        } catch (IOException e) {
            failure = e; // e.g. "Not in GZIP format": nothing of this file can be read
            ended = true;
        }
    }

    /** Why nothing more of the file could be read, for a file error. */
    private String unreadable() {
        if (empty) {
            return "The file is empty (0 bytes), as a failed or unfinished download leaves it";
        }
        String why;
        if (failure instanceof EOFException) {
            why =
                    "the gzip stream breaks off, as a truncated download does"
                            + (failure.getMessage() == null
                                    ? ""
                                    : " (" + failure.getMessage() + ")");
        } else if (failure instanceof ZipException) {
            why = "it is not gzip data (" + failure.getMessage() + ")";
        } else {
            why =
                    "reading it failed ("
                            + (failure.getMessage() != null ? failure.getMessage() : failure)
                            + ")";
        }
        return "The file could not be read past line "
                + lineNumber
                + ": "
                + why
                + (lineNumber == 0 ? "" : "; every complete line before it was kept");
    }

    /** Why a gzip file whose data fails its checksum (or inflation) yields nothing. */
    private String damagedData() {
        String found =
                "The file's compressed data is damaged ("
                        + failure.getMessage()
                        + ", found after line "
                        + lineNumber
                        + ")";
        if (passedUnchecked == 0) {
            return found
                    + ", so none of its lines is used: any of them may be wrong; download the file"
                    + " again";
        }
        return found
                + ": its first "
                + passedUnchecked
                + " records were passed on unchecked, as the file is too big to hold, and may be"
                + " wrong"
                + (dropped == 0 ? "" : "; the " + dropped + " after them are not used")
                + "; download the file again";
    }

    /** A rough size in memory of a held record, so that no file can make the reader hold more. */
    private static long heldSize(ArchiveRecord r) {
        if (r.event != null) {
            GhEvent e = r.event;
            return 256
                    + e.type().length()
                    + e.actorLogin().length()
                    + length(e.repoName())
                    + length(e.action())
                    + length(e.refType());
        }
        return 256 + length(r.deadLetter.rawLine()) + r.deadLetter.detail().length();
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }

    /** The record of the next line, or null for a blank line or the end of input. */
    private ArchiveRecord nextLine() {
        int nl = indexOfNewline(pos);
        if (nl >= 0) {
            int start = pos;
            pos = nl + 1;
            return record(start, nl - start, false);
        }
        // The line continues past what has been read: move it to the front and read on.
        System.arraycopy(buf, pos, buf, 0, limit - pos);
        limit -= pos;
        pos = 0;
        while (true) {
            if (limit == buf.length) {
                if (buf.length == KEPT_LINE_LIMIT) {
                    return overlongLine();
                }
                buf = Arrays.copyOf(buf, Math.min(buf.length * 2, KEPT_LINE_LIMIT));
            }
            int scanFrom = limit;
            int n = fill();
            if (n < 0) {
                ended = true;
                int length = limit;
                pos = limit;
                // A last line without a newline is whole, unless the stream broke off in it.
                return length == 0 ? null : record(0, length, failure != null);
            }
            limit += n;
            int found = indexOfNewline(scanFrom);
            if (found >= 0) {
                pos = found + 1;
                return record(0, found, false);
            }
        }
    }

    /** A line longer than the buffer cap: keep its head, read past the rest. */
    private ArchiveRecord overlongLine() {
        String head = new String(buf, 0, limit, StandardCharsets.UTF_8);
        long length = limit;
        lineNumber++;
        while (true) {
            limit = 0;
            pos = 0;
            int n = fill();
            if (n < 0) {
                ended = true;
                DeadLetterReason reason =
                        failure != null
                                ? DeadLetterReason.TRUNCATED_LINE
                                : DeadLetterReason.LINE_TOO_LONG;
                return keptDeadLetter(reason, length, head);
            }
            limit = n;
            int found = indexOfNewline(0);
            if (found >= 0) {
                pos = found + 1;
                return keptDeadLetter(DeadLetterReason.LINE_TOO_LONG, length + found, head);
            }
            length += n;
        }
    }

    private ArchiveRecord keptDeadLetter(DeadLetterReason reason, long length, String head) {
        String detail =
                "The line is "
                        + length
                        + " bytes long, over the limit of "
                        + maxLineBytes
                        + " (--max-line-bytes); only its first "
                        + KEPT_LINE_LIMIT
                        + " bytes are kept here";
        return ArchiveRecord.deadLetter(new DeadLetter(file, lineNumber, reason, detail, head));
    }

    private int fill() {
        if (failure != null) {
            return -1;
        }
        try {
            return in.read(buf, limit, buf.length - limit);
        } catch (IOException e) {
            failure = e; // e.g. "Unexpected end of ZLIB input stream"
            return -1;
        }
    }

    private int indexOfNewline(int from) {
        int i = from;
        for (; i + 8 <= limit; i += 8) { // eight bytes at a time: a zero byte of w ^ '\n'...
            long x = (long) WORDS.get(buf, i) ^ NEWLINES;
            long zero = (x - ONES) & ~x & HIGHS; // ...sets the high bit of that byte (the first)
            if (zero != 0) {
                return i + (Long.numberOfTrailingZeros(zero) >>> 3);
            }
        }
        for (; i < limit; i++) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private ArchiveRecord record(int off, int len, boolean truncated) {
        lineNumber++;
        if (len > 0 && buf[off + len - 1] == '\r') {
            len--;
        }
        if (isBlank(buf, off, len)) {
            return null;
        }
        if (truncated) {
            return deadLetter(
                    DeadLetterReason.TRUNCATED_LINE,
                    "The file broke off in this line; it is kept as far as it was read",
                    off,
                    len);
        }
        if (len > maxLineBytes) {
            return deadLetter(
                    DeadLetterReason.LINE_TOO_LONG,
                    "The line is "
                            + len
                            + " bytes long, over the limit of "
                            + maxLineBytes
                            + " (--max-line-bytes)",
                    off,
                    len);
        }
        try {
            GhEvent e = parser.parse(buf, off, len);
            if (!hour.isPlausible(e.createdAtMillis())) {
                return deadLetter(DeadLetterReason.IMPLAUSIBLE_TIMESTAMP, implausible(e), off, len);
            }
            return ArchiveRecord.event(e);
        } catch (MalformedEventException e) {
            return deadLetter(e.reason(), e.getMessage(), off, len);
        }
    }

    private String implausible(GhEvent e) {
        Instant at = Instant.ofEpochMilli(e.createdAtMillis());
        boolean before = at.isBefore(hour.start());
        Duration off =
                before ? Duration.between(at, hour.start()) : Duration.between(hour.end(), at);
        return "created_at "
                + at
                + " lies "
                + (off.toDays() >= 2 ? off.toDays() + " days" : off.toMinutes() + " min")
                + (before ? " before" : " after")
                + " the hour this file holds ("
                + hour.start()
                + " to "
                + hour.end()
                + "); an event may lie at most "
                + ArchiveHour.PLAUSIBLE_SKEW.toMinutes()
                + " min outside its file's hour";
    }

    private ArchiveRecord deadLetter(DeadLetterReason reason, String detail, int off, int len) {
        String line = new String(buf, off, len, StandardCharsets.UTF_8);
        return ArchiveRecord.deadLetter(new DeadLetter(file, lineNumber, reason, detail, line));
    }

    private static boolean isBlank(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (b[i] != ' ' && b[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        if (in != null) {
            in.close();
        } else {
            raw.close();
        }
    }
}
