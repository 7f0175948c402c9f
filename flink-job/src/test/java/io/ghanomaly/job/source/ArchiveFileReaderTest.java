package io.ghanomaly.job.source;

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
        ArchiveRecord cut = records.get(events.size());
        assertThat(cut.deadLetter.reason()).isEqualTo(DeadLetterReason.TRUNCATED_LINE);
        assertThat(cut.deadLetter.lineNumber()).isEqualTo(events.size() + 1);
        assertThat(intact.get(events.size())).startsWith(cut.deadLetter.rawLine());
        ArchiveRecord failure = records.get(events.size() + 1);
        assertThat(failure.deadLetter.reason()).isEqualTo(DeadLetterReason.FILE_ERROR);
        assertThat(failure.deadLetter.detail()).contains("Unexpected end of ZLIB input stream");
        assertThat(records.get(records.size() - 1).kind).isEqualTo(ArchiveRecord.Kind.END_OF_FILE);
        assertThat(records).hasSize(events.size() + 3);
    }

    @Test
    void reportsACorruptGzipHeaderAsOneFileError() throws Exception {
        Path corrupt = SharedData.require("gharchive/bad/2015-01-01-11.corrupt-header.json.gz");

        List<ArchiveRecord> records = readAll(corrupt);

        assertThat(records).hasSize(2);
        assertThat(records.get(0).deadLetter.reason()).isEqualTo(DeadLetterReason.FILE_ERROR);
        assertThat(records.get(0).deadLetter.detail()).contains("Not in GZIP format");
        assertThat(records.get(1).kind).isEqualTo(ArchiveRecord.Kind.END_OF_FILE);
        assertThat(records.get(1).completesUpTo).isEqualTo(Long.MIN_VALUE);
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

        List<ArchiveRecord> records = readAll(new ByteArrayInputStream(gz), "hour.json.gz");

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
                        "EVENT",
                        "DEAD_LETTER:MALFORMED_JSON@2",
                        "DEAD_LETTER:MISSING_ACTOR@4",
                        "DEAD_LETTER:LINE_TOO_LONG@5",
                        "DEAD_LETTER:BAD_TIMESTAMP@6",
                        "EVENT",
                        "END_OF_FILE");
        assertThat(records.get(3).deadLetter.rawLine()).isEqualTo(huge);
        assertThat(records.get(1).deadLetter.rawLine()).isEqualTo("{not json");
        assertThat(records.get(1).deadLetter.sourceFile()).isEqualTo("hour.json.gz");
    }

    @Test
    void endsAFileAtTheEndOfItsBusiestHour() throws Exception {
        // The Timeline file "hour 0" is 08:00 UTC, with 96 events of 09:00 UTC at its end.
        List<ArchiveRecord> records =
                readAll(SharedData.require("gharchive/hours/2013-02-15-0.json.gz"));
        ArchiveRecord end = records.get(records.size() - 1);
        assertThat(end.kind).isEqualTo(ArchiveRecord.Kind.END_OF_FILE);
        assertThat(Instant.ofEpochMilli(end.completesUpTo + 1))
                .isEqualTo(Instant.parse("2013-02-15T09:00:00Z"));
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
