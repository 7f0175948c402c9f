package io.ghanomaly.core.archive;

import static io.ghanomaly.core.archive.DamagedLines.BOM;
import static io.ghanomaly.core.archive.DamagedLines.bytes;
import static io.ghanomaly.core.archive.DamagedLines.concat;
import static io.ghanomaly.core.archive.DamagedLines.gzip;
import static io.ghanomaly.core.archive.DamagedLines.join;
import static io.ghanomaly.core.event.DeadLetterReason.FILE_ERROR;
import static io.ghanomaly.core.event.DeadLetterReason.IMPLAUSIBLE_TIMESTAMP;
import static io.ghanomaly.core.event.DeadLetterReason.NOT_AN_ARCHIVE_HOUR;
import static io.ghanomaly.core.event.DeadLetterReason.TRUNCATED_LINE;

import io.ghanomaly.core.event.DeadLetterReason;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Damaged files for a bad-input corpus, generated from real hours: what the archive, its
 * downloaders and the network can do to a whole file, each with what the reader must make of it.
 */
final class DamagedFiles {
    private DamagedFiles() {}

    /** A real hour as the archive serves it. */
    @SuppressWarnings("ArrayRecordComponent") // the file's bytes
    record RealHour(String fileName, byte[] gzipped, List<byte[]> lines) {}

    /** How the reader gets a file's bytes: as a file gives them, or through a harder stream. */
    enum Delivery {
        AS_IS,
        /** One gzip member at a time, available() 0 at each seam, as network streams do. */
        MEMBER_BY_MEMBER,
        /** The connection resets after a million bytes. */
        FAILING_AFTER_1_MB
    }

    /** Which of its real hour's events a damaged file must yield. */
    enum Kept {
        EVERY_EVENT,
        EVERY_EVENT_BEFORE_THE_BREAK,
        NONE
    }

    /**
     * One damaged file made from a real hour (or from nothing: {@code realHour} null).
     *
     * @param deadLetters what it must yield besides the real hour's own dead letters; a count of -1
     *     stands for every line that the real hour reads as an event
     */
    @SuppressWarnings("ArrayRecordComponent") // the file's bytes
    record FileDamage(
            String name,
            String why,
            String fileName,
            byte[] bytes,
            Delivery delivery,
            String realHour,
            int linesIn,
            Kept kept,
            Map<DeadLetterReason, Integer> deadLetters) {

        /** Damage to a real hour that keeps every event and adds no dead letter, by default. */
        FileDamage from(RealHour h, byte[] damaged) {
            return new FileDamage(
                    name,
                    why,
                    h.fileName(),
                    damaged,
                    delivery,
                    h.fileName(),
                    h.lines().size(),
                    kept,
                    deadLetters);
        }

        /** Damage made from nothing real: {@code lines} generated lines. */
        FileDamage generated(String file, byte[] content, int lines) {
            return new FileDamage(
                    name, why, file, content, delivery, null, lines, kept, deadLetters);
        }

        FileDamage named(String other) {
            return new FileDamage(
                    name, why, other, bytes, delivery, realHour, linesIn, kept, deadLetters);
        }

        FileDamage delivered(Delivery how) {
            return new FileDamage(
                    name, why, fileName, bytes, how, realHour, linesIn, kept, deadLetters);
        }

        FileDamage yields(Kept events, Map<DeadLetterReason, Integer> dead) {
            return new FileDamage(
                    name, why, fileName, bytes, delivery, realHour, linesIn, events, dead);
        }

        InputStream open(InputStream file) throws IOException {
            return switch (delivery) {
                case AS_IS -> file;
                case MEMBER_BY_MEMBER -> {
                    try (file) {
                        yield memberByMember(file.readAllBytes());
                    }
                }
                case FAILING_AFTER_1_MB -> failingAfter(file, 1 << 20);
            };
        }
    }

    private static FileDamage damage(String name, String why) {
        return new FileDamage(
                name, why, null, null, Delivery.AS_IS, null, 0, Kept.EVERY_EVENT, Map.of());
    }

    /** Every kind of damage to whole files, each made from one of the real hours. */
    static List<FileDamage> fileDamage(Map<String, RealHour> hours) {
        RealHour h11 = hours.get("2011-02-15-0.json.gz");
        RealHour h13 = hours.get("2013-02-15-0.json.gz");
        RealHour h0 = hours.get("2015-01-01-0.json.gz");
        RealHour h15 = hours.get("2015-01-01-15.json.gz");
        RealHour h25 = hours.get("2025-01-01-15.first-2048-events.json.gz");
        List<FileDamage> files = new ArrayList<>();
        files.add(
                damage("several gzip members, available() 0 at seams", "all read (JDK-7036144)")
                        .from(h13, members(h13.lines(), 500))
                        .delivered(Delivery.MEMBER_BY_MEMBER));
        FileDamage after = damage("bytes after the gzip stream (garbage, zeros)", "as gzip -d");
        files.add(after.from(h11, concat(h11.gzipped(), bytes("garbage\n"))));
        files.add(after.from(h0, concat(h0.gzipped(), new byte[4096])));
        List<byte[]> windows = new ArrayList<>();
        h25.lines().forEach(l -> windows.add(concat(l, new byte[] {'\r'})));
        windows.set(0, concat(BOM, windows.get(0)));
        files.add(
                damage("a Windows re-save: BOM, CRLF throughout", "as in the line rows")
                        .from(h25, gzip(join(windows))));
        files.add(
                damage("gzip data named .json", "no text starts 1f 8b, so it is gunzipped")
                        .from(h0, h0.gzipped())
                        .named("2015-01-01-0.json"));
        files.add(
                damage("a gzip of nothing", "a valid hour without events")
                        .yields(Kept.NONE, Map.of())
                        .generated("2015-01-01-1.json.gz", gzip(new byte[0]), 0));
        files.add(
                damage("an empty file (0 bytes)", "what a failed download leaves")
                        .yields(Kept.NONE, Map.of(FILE_ERROR, 1))
                        .generated("2015-01-01-2.json.gz", new byte[0], 0));
        FileDamage notGzip =
                damage("plain JSON or an HTML error page named .gz", "refused whole, not guessed")
                        .yields(Kept.NONE, Map.of(FILE_ERROR, 1));
        files.add(notGzip.from(h11, join(h11.lines())));
        String errorPage = "<html>\n<title>503 Service Unavailable</title>\n</html>\n";
        files.add(notGzip.generated("2015-01-01-3.json.gz", bytes(errorPage), 3));
        files.add(
                damage("truncated mid-stream", "every whole line before the cut is kept")
                        .from(h0, Arrays.copyOf(h0.gzipped(), h0.gzipped().length * 3 / 5))
                        .yields(
                                Kept.EVERY_EVENT_BEFORE_THE_BREAK,
                                Map.of(TRUNCATED_LINE, 1, FILE_ERROR, 1)));
        files.add(
                damage("the gzip trailer cut off", "every line is whole and kept")
                        .from(h11, Arrays.copyOf(h11.gzipped(), h11.gzipped().length - 5))
                        .yields(Kept.EVERY_EVENT, Map.of(FILE_ERROR, 1)));
        files.add(
                damage("the connection resets mid-file", "every whole line before it is kept")
                        .from(h15, h15.gzipped())
                        .delivered(Delivery.FAILING_AFTER_1_MB)
                        .yields(
                                Kept.EVERY_EVENT_BEFORE_THE_BREAK,
                                Map.of(TRUNCATED_LINE, 1, FILE_ERROR, 1)));
        // before the fix, every event read until the checksum failed was passed on, wrong ones too
        files.add(
                damage("a flipped bit in the compressed data", "decodes to wrong events: none used")
                        .from(h15, flippedBit(h15.gzipped()))
                        .yields(Kept.NONE, Map.of(FILE_ERROR, 1)));
        byte[] badChecksum = h11.gzipped().clone();
        badChecksum[badChecksum.length - 6] ^= 0x01;
        files.add(
                damage("a flipped bit in the gzip checksum", "no telling it from bad data")
                        .from(h11, badChecksum)
                        .yields(Kept.NONE, Map.of(FILE_ERROR, 1)));
        files.add(
                damage("a real hour under another hour's name", "every event 5 h off the name")
                        .from(h11, h11.gzipped())
                        .named("2011-02-15-5.json.gz")
                        .yields(Kept.NONE, Map.of(IMPLAUSIBLE_TIMESTAMP, -1)));
        FileDamage badName =
                damage("names that are not archive hours", "not read: the name is no hour")
                        .from(h11, h11.gzipped())
                        .yields(Kept.NONE, Map.of(NOT_AN_ARCHIVE_HOUR, 1));
        for (String name :
                List.of(
                        "2015-01-01-00.json.gz",
                        "2015-01-01-24.json.gz",
                        "2015-13-01-1.json.gz",
                        "2015-02-30-1.json.gz",
                        "foo.json.gz",
                        "2015-01-01-1.json.gz.part",
                        "2015-1-1-1.json.gz",
                        "2015-01-01-1.JSON.GZ")) {
            files.add(badName.named(name));
        }
        return files;
    }

    /**
     * The hour with a bit flipped that still decodes, up to the checksum at the end, to events the
     * hour does not hold (found by trying the low bit of each byte from the middle on).
     */
    static byte[] flippedBit(byte[] gzipped) {
        byte[] d = gzipped.clone();
        d[gzipped.length / 2 + 105] ^= 0x01;
        return d;
    }

    /** The lines as gzip members of {@code perMember} lines each, one after the other. */
    private static byte[] members(List<byte[]> lines, int perMember) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < lines.size(); i += perMember) {
            out.writeBytes(gzip(join(lines.subList(i, Math.min(lines.size(), i + perMember)))));
        }
        return out.toByteArray();
    }

    /** The file's gzip members as separate streams in sequence: available() is 0 at each seam. */
    private static InputStream memberByMember(byte[] file) {
        byte[] header = Arrays.copyOf(gzip(new byte[0]), 10); // as gzip() starts every member
        List<InputStream> parts = new ArrayList<>();
        int start = 0;
        for (int i = 1; i + header.length <= file.length; i++) {
            if (Arrays.equals(file, i, i + header.length, header, 0, header.length)) {
                parts.add(new ByteArrayInputStream(file, start, i - start));
                start = i;
            }
        }
        parts.add(new ByteArrayInputStream(file, start, file.length - start));
        return new SequenceInputStream(Collections.enumeration(parts));
    }

    private static InputStream failingAfter(InputStream in, int bytes) {
        return new FilterInputStream(in) {
            private int left = bytes;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) {
                    throw new IOException("Connection reset by peer");
                }
                int n = super.read(b, off, Math.min(len, left));
                left -= Math.max(n, 0);
                return n;
            }
        };
    }
}
