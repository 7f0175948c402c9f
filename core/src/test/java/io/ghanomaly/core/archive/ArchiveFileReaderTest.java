package io.ghanomaly.core.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.ghanomaly.core.event.DeadLetterReason;
import io.ghanomaly.core.event.GhEventParser;
import io.ghanomaly.core.testing.SharedData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class ArchiveFileReaderTest {
    private static final int MAX_LINE = 4 << 20;
    private final GhEventParser parser = new GhEventParser();

    @Test
    void keepsEveryCompleteLineOfATruncatedFileThenReportsTheBreak() throws Exception {
        Path truncated = SharedData.require("gharchive/bad/2015-01-01-0.truncated.json.gz");
        List<String> intact =
                SharedData.gzipLines(SharedData.require("gharchive/hours/2015-01-01-0.json.gz"));

        List<ArchiveRecord> records = readAll(truncated);

        List<ArchiveRecord> events = ofKind(records, ArchiveRecord.Kind.EVENT);
        // gzip itself, run on the same bytes, decides how many lines were complete.
        assertThat(events)
                .hasSize(SharedData.completeLinesByGzip(truncated))
                .hasSizeGreaterThan(2000);
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).event).isEqualTo(parser.parse(intact.get(i)));
        }
        assertThat(records.get(0).kind).isEqualTo(ArchiveRecord.Kind.START_OF_FILE);
        ArchiveRecord cut = records.get(events.size() + 1);
        assertThat(cut.deadLetter.reason()).isEqualTo(DeadLetterReason.TRUNCATED_LINE);
        assertThat(cut.deadLetter.lineNumber()).isEqualTo(events.size() + 1);
        assertThat(intact.get(events.size())).startsWith(cut.deadLetter.rawLine());
        ArchiveRecord failure = records.get(events.size() + 2);
        assertThat(failure.deadLetter.reason()).isEqualTo(DeadLetterReason.FILE_ERROR);
        assertThat(failure.deadLetter.detail()).contains("Unexpected end of ZLIB input stream");
        assertThat(records.get(records.size() - 1).kind).isEqualTo(ArchiveRecord.Kind.END_OF_FILE);
        assertThat(records).hasSize(events.size() + 4);
    }

    @Test
    void reportsACorruptGzipHeaderAsOneFileError() throws Exception {
        Path corrupt = SharedData.require("gharchive/bad/2015-01-01-11.corrupt-header.json.gz");

        List<ArchiveRecord> records = readAll(corrupt);

        assertThat(records).hasSize(3);
        assertThat(records.get(1).deadLetter.reason()).isEqualTo(DeadLetterReason.FILE_ERROR);
        assertThat(records.get(1).deadLetter.detail())
                .startsWith("The file could not be read past line 0")
                .contains("Not in GZIP format");
        assertThat(records.get(2).kind).isEqualTo(ArchiveRecord.Kind.END_OF_FILE);
        // nothing more of hour 11 can come from this file: the hour is complete all the same
        assertThat(Instant.ofEpochMilli(records.get(2).completesUpTo + 1))
                .isEqualTo(Instant.parse("2015-01-01T12:00:00Z"));
    }

    @Test
    void deadLettersEachBadLineWithItsNumberAndKeepsTheGoodOnes() throws Exception {
        String good = event("alice", "2025-01-01T15:00:01Z");
        String huge =
                event("bob", "2025-01-01T15:00:02Z").replace("}}", "},\"pad\":\"")
                        + "x".repeat(10 << 20)
                        + "\"}";
        byte[] gz =
                gzip(
                        good
                                + "\n"
                                + "{not json\n"
                                + "\n"
                                + "{\"type\":\"PushEvent\",\"created_at\":\"2025-01-01T15:00:03Z\"}\n"
                                + huge
                                + "\n"
                                + "{\"type\":\"PushEvent\",\"actor\":{\"login\":\"c\"},"
                                + "\"created_at\":\"soon\"}\r\n"
                                + good); // the last line has no newline and is still whole

        List<ArchiveRecord> records =
                readAll(new ByteArrayInputStream(gz), "in/2025-01-01-15.json.gz");

        assertThat(records)
                .extracting(
                        r ->
                                r.kind.name()
                                        + (r.deadLetter == null
                                                ? ""
                                                : ":"
                                                        + r.deadLetter.reason()
                                                        + "@"
                                                        + r.deadLetter.lineNumber()))
                .containsExactly(
                        "START_OF_FILE",
                        "EVENT",
                        "DEAD_LETTER:MALFORMED_JSON@2",
                        "DEAD_LETTER:MISSING_ACTOR@4",
                        "DEAD_LETTER:LINE_TOO_LONG@5",
                        "DEAD_LETTER:BAD_TIMESTAMP@6",
                        "EVENT",
                        "END_OF_FILE");
        assertThat(records.get(4).deadLetter.rawLine()).isEqualTo(huge);
        assertThat(records.get(2).deadLetter.rawLine()).isEqualTo("{not json");
        assertThat(records.get(2).deadLetter.sourceFile()).isEqualTo("in/2025-01-01-15.json.gz");
    }

    @Test
    void endsAFileAtTheEndOfTheUtcHourItsNameStandsFor() throws Exception {
        // The Timeline file "hour 0" is 08:00 UTC, with 96 events of 09:00 UTC at its end.
        List<ArchiveRecord> records =
                readAll(SharedData.require("gharchive/hours/2013-02-15-0.json.gz"));
        assertThat(records.get(0).hourEndMillis)
                .isEqualTo(Instant.parse("2013-02-15T09:00:00Z").toEpochMilli());
        assertThat(ofKind(records, ArchiveRecord.Kind.EVENT)).hasSize(6848);
        ArchiveRecord end = records.get(records.size() - 1);
        assertThat(end.kind).isEqualTo(ArchiveRecord.Kind.END_OF_FILE);
        assertThat(Instant.ofEpochMilli(end.completesUpTo + 1))
                .isEqualTo(Instant.parse("2013-02-15T09:00:00Z"));
    }

    @Test
    void deadLettersEventTimesFarFromTheFilesHourAndKeepsStragglers() {
        String lines =
                String.join(
                        "\n",
                        event("a", "2025-01-01T15:10:00Z"),
                        event("future", "2100-01-01T00:00:00Z"),
                        event("epoch", "1970-01-01T00:00:00Z"),
                        event("straggler", "2025-01-01T14:58:00Z"),
                        event("early", "2025-01-01T16:59:59Z"),
                        event("far", "2025-01-01T17:00:00Z"));
        List<ArchiveRecord> records =
                readAll(
                        new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)),
                        "2025-01-01-15.json");

        assertThat(ofKind(records, ArchiveRecord.Kind.EVENT))
                .extracting(r -> r.event.actorLogin())
                .containsExactly("a", "straggler", "early");
        List<ArchiveRecord> dead = ofKind(records, ArchiveRecord.Kind.DEAD_LETTER);
        assertThat(dead)
                .extracting(r -> r.deadLetter.reason())
                .containsOnly(DeadLetterReason.IMPLAUSIBLE_TIMESTAMP);
        assertThat(dead.get(0).deadLetter.detail())
                .isEqualTo(
                        "created_at 2100-01-01T00:00:00Z lies 27392 days after the hour this file"
                                + " holds (2025-01-01T15:00:00Z to 2025-01-01T16:00:00Z); an event"
                                + " may lie at most 60 min outside its file's hour");
        assertThat(dead.get(2).deadLetter.detail()).contains("lies 60 min after");
    }

    @Test
    void doesNotReadAFileWhoseNameIsNotAnArchiveHour() {
        String line = event("a", "2025-01-01T15:10:00Z");
        List<ArchiveRecord> records =
                readAll(
                        new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8)),
                        "in/2025-01-01-05.json");
        assertThat(records).hasSize(2);
        assertThat(records.get(0).deadLetter.reason())
                .isEqualTo(DeadLetterReason.NOT_AN_ARCHIVE_HOUR);
        assertThat(records.get(0).deadLetter.detail())
                .startsWith("2025-01-01-05.json is not an archive hour")
                .endsWith("the file was not read");
        assertThat(records.get(1).kind).isEqualTo(ArchiveRecord.Kind.END_OF_FILE);
        assertThat(records.get(1).completesUpTo).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void readsUncompressedJsonFilesToo() {
        String lines =
                event("a", "2025-01-01T15:00:01Z") + "\n" + event("b", "2025-01-01T15:00:02Z");
        List<ArchiveRecord> records =
                readAll(
                        new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)),
                        "2025-01-01-15.json");
        assertThat(ofKind(records, ArchiveRecord.Kind.EVENT)).hasSize(2);
    }

    @Test
    void passesOnAGzipFileTooBigToHoldUncheckedAndSaysSoWhenItsChecksumFails() throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            lines.append(event("a" + i, "2025-01-01T15:00:01Z")).append('\n');
        }
        byte[] gz = gzip(lines.toString());
        long holdLimit = 50_000; // about 180 events
        List<ArchiveRecord> clean = readAll(gz, holdLimit);
        assertThat(ofKind(clean, ArchiveRecord.Kind.EVENT))
                .extracting(r -> r.event.actorLogin())
                .hasSize(1000)
                .startsWith("a0", "a1")
                .endsWith("a999");
        assertThat(ofKind(clean, ArchiveRecord.Kind.DEAD_LETTER)).isEmpty();

        gz[gz.length - 6] ^= 1; // the checksum, not the data: the reader cannot tell the two apart
        List<ArchiveRecord> damaged = readAll(gz, holdLimit);
        assertThat(ofKind(damaged, ArchiveRecord.Kind.EVENT)).hasSize(1000);
        assertThat(ofKind(damaged, ArchiveRecord.Kind.DEAD_LETTER))
                .singleElement()
                .satisfies(
                        r ->
                                assertThat(r.deadLetter.detail())
                                        .isEqualTo(
                                                "The file's compressed data is damaged (Corrupt"
                                                        + " GZIP trailer, found after line 1000):"
                                                        + " its first 1000 records were passed on"
                                                        + " unchecked, as the file is too big to"
                                                        + " hold, and may be wrong; download the"
                                                        + " file again"));
        // within the limit, the same file yields nothing but the file error
        assertThat(readAll(gz, ArchiveFileReader.HOLD_LIMIT_BYTES))
                .extracting(r -> r.kind)
                .containsExactly(
                        ArchiveRecord.Kind.START_OF_FILE,
                        ArchiveRecord.Kind.DEAD_LETTER,
                        ArchiveRecord.Kind.END_OF_FILE);
    }

    private static List<ArchiveRecord> readAll(byte[] gz, long holdLimit) throws IOException {
        List<ArchiveRecord> out = new ArrayList<>();
        try (ArchiveFileReader reader =
                new ArchiveFileReader(
                        new ByteArrayInputStream(gz),
                        "2025-01-01-15.json.gz",
                        MAX_LINE,
                        holdLimit)) {
            for (ArchiveRecord r = reader.next(); r != null; r = reader.next()) {
                out.add(r);
            }
        }
        return out;
    }

    private static String event(String login, String createdAt) {
        return "{\"type\":\"WatchEvent\",\"actor\":{\"login\":\""
                + login
                + "\"},"
                + "\"repo\":{\"name\":\"o/r\"},\"created_at\":\""
                + createdAt
                + "\","
                + "\"payload\":{\"action\":\"started\"}}";
    }

    private static List<ArchiveRecord> readAll(Path file) throws IOException {
        return readAll(Files.newInputStream(file), file.toString());
    }

    private static List<ArchiveRecord> readAll(InputStream in, String name) {
        List<ArchiveRecord> out = new ArrayList<>();
        try (ArchiveFileReader reader = new ArchiveFileReader(in, name, MAX_LINE)) {
            for (ArchiveRecord r = reader.next(); r != null; r = reader.next()) {
                out.add(r);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out;
    }

    private static List<ArchiveRecord> ofKind(List<ArchiveRecord> records, ArchiveRecord.Kind k) {
        return records.stream().filter(r -> r.kind == k).toList();
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
