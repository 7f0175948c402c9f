package io.ghanomaly.core.archive;

import static io.ghanomaly.core.archive.DamagedLines.SYNTHETIC;
import static org.assertj.core.api.Assertions.assertThat;

import io.ghanomaly.core.archive.DamagedFiles.FileDamage;
import io.ghanomaly.core.archive.DamagedFiles.Kept;
import io.ghanomaly.core.archive.DamagedFiles.RealHour;
import io.ghanomaly.core.archive.DamagedLines.Line;
import io.ghanomaly.core.archive.DamagedLines.LineDamage;
import io.ghanomaly.core.event.DeadLetterReason;
import io.ghanomaly.core.event.GhEvent;
import io.ghanomaly.core.event.GhEventParser;
import io.ghanomaly.core.event.MalformedEventException;
import io.ghanomaly.core.feature.ActorHourAccumulator;
import io.ghanomaly.core.testing.SharedData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every line accounted for: real hours mixed with every kind of damage in {@link DamagedLines} and
 * {@link DamagedFiles}, read as the trainer's raw path reads them (ArchiveFileReader, then one
 * ActorHourAccumulator per actor and UTC hour). The real hours' features come out exact; every
 * other line is dead-lettered for its reason, in a sentence, or accepted on purpose, for the reason
 * its damage class gives.
 */
class BadInputCorpusTest {
    private static final String MIXED_INTO = "2015-01-01-15.json.gz";
    private static final List<String> REAL_HOURS =
            List.of(
                    "hours/2011-02-15-0.json.gz",
                    "hours/2013-02-15-0.json.gz",
                    "hours/2015-01-01-0.json.gz",
                    "hours/2015-01-01-15.json.gz",
                    "samples/2025-01-01-15.first-2048-events.json.gz");
    private static final Pattern NOT_A_SENTENCE =
            Pattern.compile("VALUE_|START_|FIELD_NAME|Exception|java\\.|`|\\[Source|null[A-Z_]");

    @TempDir static Path corpus;

    private static final Map<String, RealHour> real = new LinkedHashMap<>();
    private static final Map<String, List<ArchiveRecord>> pristine = new LinkedHashMap<>();
    private static List<Line> mixed;
    private static List<ArchiveRecord> mixedRecords;
    private static List<FileDamage> files;
    private static final List<List<ArchiveRecord>> fileRecords = new ArrayList<>();

    @BeforeAll
    static void readTheCorpus() throws IOException {
        for (String hour : REAL_HOURS) {
            Path p = SharedData.require("gharchive/" + hour);
            byte[] gz = Files.readAllBytes(p);
            String name = p.getFileName().toString();
            real.put(name, new RealHour(name, gz, lines(gunzip(gz))));
            pristine.put(name, read(new ByteArrayInputStream(gz), name));
        }
        mixed = DamagedLines.mix(real.get(MIXED_INTO).lines(), DamagedLines.lineDamage());
        Path mixedFile =
                write(
                        "mixed",
                        MIXED_INTO,
                        DamagedLines.gzip(
                                DamagedLines.join(mixed.stream().map(Line::bytes).toList())));
        mixedRecords = read(Files.newInputStream(mixedFile), mixedFile.toString());
        files = DamagedFiles.fileDamage(real);
        for (int i = 0; i < files.size(); i++) {
            FileDamage d = files.get(i);
            Path f = write("file-" + i, d.fileName(), d.bytes());
            fileRecords.add(read(d.open(Files.newInputStream(f)), f.toString()));
        }
    }

    @Test
    void realHoursKeepTheirExactActorHourFeaturesAmidEveryKindOfDamage() {
        List<GhEvent> hour = events(pristine.get(MIXED_INTO));
        assertThat(hour).noneMatch(e -> e.actorLogin().startsWith(SYNTHETIC));
        List<GhEvent> realOnes =
                events(mixedRecords).stream()
                        .filter(e -> !e.actorLogin().startsWith(SYNTHETIC))
                        .toList();
        assertThat(actorHours(realOnes))
                .hasSize(actorHours(hour).size())
                .isEqualTo(actorHours(hour));

        for (int i = 0; i < files.size(); i++) {
            FileDamage d = files.get(i);
            List<GhEvent> got = events(fileRecords.get(i));
            if (d.kept() == Kept.NONE) {
                assertThat(got).as(d.name()).isEmpty();
                continue;
            }
            List<GhEvent> want = events(pristine.get(d.realHour()));
            if (d.kept() == Kept.EVERY_EVENT_BEFORE_THE_BREAK) {
                assertThat(got.size()).as(d.name()).isBetween(1000, want.size() - 1000);
                want = want.subList(0, got.size());
            }
            assertThat(actorHours(got)).as(d.name()).isEqualTo(actorHours(want));
            assertThat(got).as(d.name()).isEqualTo(want);
        }
    }

    @Test
    void everyOtherLineIsDeadLetteredForItsReasonOrAcceptedOnPurpose() {
        Map<String, Tally> table = new LinkedHashMap<>();
        checkEveryLineOfTheMixedHour(table);
        checkEveryDamagedFile(table);
        print(table);
    }

    /** Each record of the mixed hour against the line it came from: the reader keeps line order. */
    private static void checkEveryLineOfTheMixedHour(Map<String, Tally> table) {
        String untouched = "real lines of " + MIXED_INTO + ", untouched";
        int cursor = 0;
        for (ArchiveRecord r : mixedRecords) {
            if (r.kind == ArchiveRecord.Kind.START_OF_FILE
                    || r.kind == ArchiveRecord.Kind.END_OF_FILE) {
                continue;
            }
            while (isBlank(mixed.get(cursor).bytes())) {
                LineDamage blank = mixed.get(cursor++).damage();
                tally(table, blank.name(), blank.expected().why()).linesIn++;
            }
            Line line = mixed.get(cursor++);
            LineDamage d = line.damage();
            String at = (d == null ? "a real line" : d.name()) + ", line " + cursor;
            if (r.deadLetter != null) {
                assertThat(r.deadLetter.lineNumber()).as(at).isEqualTo(cursor);
            }
            if (d != null && d.expected().reason() != null) {
                assertThat(r.deadLetter).as(at).isNotNull();
                assertThat(r.deadLetter.reason()).as(at).isEqualTo(d.expected().reason());
            } else if (d != null) {
                assertThat(r.event).as(at).isNotNull().matches(d.expected().check());
            }
            Tally t =
                    tally(
                            table,
                            d == null ? untouched : d.name(),
                            d == null ? null : d.expected().why());
            t.linesIn++;
            t.add(r);
        }
        for (Line rest : mixed.subList(cursor, mixed.size())) {
            assertThat(isBlank(rest.bytes())).isTrue();
            tally(table, rest.damage().name(), rest.damage().expected().why()).linesIn++;
        }
    }

    /** Each damaged file against what it must yield, the real hour's own dead letters too. */
    private static void checkEveryDamagedFile(Map<String, Tally> table) {
        for (int i = 0; i < files.size(); i++) {
            FileDamage d = files.get(i);
            List<ArchiveRecord> own = d.realHour() == null ? List.of() : pristine.get(d.realHour());
            Map<DeadLetterReason, Integer> want = new EnumMap<>(DeadLetterReason.class);
            d.deadLetters().forEach((k, n) -> want.put(k, n < 0 ? events(own).size() : n));
            if (d.kept() == Kept.EVERY_EVENT || d.deadLetters().containsValue(-1)) {
                // every line was parsed: what the real hour itself dead-letters comes too
                deadLetters(own).forEach(dl -> want.merge(dl.reason(), 1, Integer::sum));
            }
            Map<DeadLetterReason, Integer> got = new EnumMap<>(DeadLetterReason.class);
            deadLetters(fileRecords.get(i)).forEach(dl -> got.merge(dl.reason(), 1, Integer::sum));
            assertThat(got).as(d.name() + ": " + d.fileName()).isEqualTo(want);
            Tally t = tally(table, d.name(), d.why());
            t.linesIn += d.linesIn();
            fileRecords.get(i).forEach(t::add);
        }
    }

    @Test
    void deadLettersReadAsSentences() {
        List<DeadLetter> all =
                Stream.concat(Stream.of(mixedRecords), fileRecords.stream())
                        .flatMap(rs -> deadLetters(rs).stream())
                        .toList();
        assertThat(all).hasSizeGreaterThan(100);
        assertThat(all.stream().map(DeadLetter::detail))
                .filteredOn(
                        d ->
                                NOT_A_SENTENCE.matcher(d).find()
                                        || !d.matches("(?s)[\\w\"].* .* .*\\S"))
                .isEmpty();
        assertThat(detail("wrong field types", 4))
                .isEqualTo("repo should be an object but is a string");
        assertThat(detail("payload.size: a string, -1, 2^40, 2.5", 2))
                .isEqualTo("payload.size should be a count of commits but is 1099511627776");
        assertThat(detail("100,000 [ or nested objects", 0))
                .isEqualTo(
                        "The line is not valid JSON: Document nesting depth (1001) exceeds the"
                                + " maximum allowed (1000)");
        assertThat(detail("years +-999,999,999 (past epoch ms)", 0))
                .isEqualTo(
                        "created_at \"+999999999-12-31T23:59:59Z\" lies too far from 1970 to be"
                                + " counted in milliseconds");
        assertThat(detail("a lone surrogate escape in a login, type or repo", 0))
                .isEqualTo(
                        "actor login holds a lone surrogate \\ud800, which is no Unicode character");
        assertThat(fileError("an empty file (0 bytes)"))
                .isEqualTo(
                        "The file is empty (0 bytes), as a failed or unfinished download leaves it");
        assertThat(fileError("the connection resets mid-file"))
                .matches(
                        "The file could not be read past line \\d+: reading it failed \\(Connection"
                                + " reset by peer\\); every complete line before it was kept");
        assertThat(fileError("a flipped bit in the compressed data"))
                .matches(
                        "The file's compressed data is damaged \\(Corrupt GZIP trailer, found after"
                                + " line \\d+\\), so none of its lines is used: any of them may be"
                                + " wrong; download the file again");
    }

    @Test
    void aFlippedBitThatStillDecodesToOtherEventsYieldsNoneOfThem() throws IOException {
        RealHour hour = real.get(MIXED_INTO);
        Set<GhEvent> held = new HashSet<>(events(pristine.get(MIXED_INTO)));
        // gzip alone, up to the checksum that fails at the end, decodes events the hour never held
        ByteArrayOutputStream decoded = new ByteArrayOutputStream();
        try (InputStream in =
                new GZIPInputStream(
                        new ByteArrayInputStream(DamagedFiles.flippedBit(hour.gzipped())))) {
            in.transferTo(decoded);
        } catch (ZipException expected) {
            assertThat(expected).hasMessage("Corrupt GZIP trailer");
        }
        GhEventParser parser = new GhEventParser();
        long foreign = 0;
        for (byte[] line : lines(decoded.toByteArray())) {
            try {
                foreign += held.contains(parser.parse(line, 0, line.length)) ? 0 : 1;
            } catch (MalformedEventException e) {
                // garbage that is not even JSON cannot pass for an event
            }
        }
        assertThat(foreign).isPositive();

        List<ArchiveRecord> records =
                fileRecords.get(indexOf("a flipped bit in the compressed data"));
        assertThat(records)
                .extracting(r -> r.kind)
                .containsExactly(
                        ArchiveRecord.Kind.START_OF_FILE,
                        ArchiveRecord.Kind.DEAD_LETTER,
                        ArchiveRecord.Kind.END_OF_FILE);
    }

    /** Actor-hours as FeatureHistory.RawHours computes them: by login and UTC hour of the event. */
    private static Map<String, List<Double>> actorHours(List<GhEvent> events) {
        Map<String, ActorHourAccumulator> open = new TreeMap<>();
        for (GhEvent e : events) {
            long hour = ArchiveHour.startOf(e.createdAtMillis());
            open.computeIfAbsent(e.actorLogin() + '\n' + hour, k -> new ActorHourAccumulator())
                    .add(e);
        }
        Map<String, List<Double>> features = new TreeMap<>();
        open.forEach(
                (key, acc) -> {
                    long hour = Long.parseLong(key.substring(key.indexOf('\n') + 1));
                    double[] v = acc.toFeatures(hour).values();
                    features.put(key, Arrays.stream(v).boxed().toList());
                });
        return features;
    }

    /** What happened to the lines of one damage class. */
    private static final class Tally {
        final String why;
        long linesIn;
        long events;
        final Map<DeadLetterReason, Long> deadLetters = new EnumMap<>(DeadLetterReason.class);

        Tally(String why) {
            this.why = why;
        }

        String deadLetterCounts() {
            return deadLetters.entrySet().stream()
                    .map(e -> String.format("%s %,d", e.getKey().label(), e.getValue()))
                    .collect(Collectors.joining(", "));
        }

        void add(ArchiveRecord r) {
            events += r.kind == ArchiveRecord.Kind.EVENT ? 1 : 0;
            if (r.deadLetter != null) {
                deadLetters.merge(r.deadLetter.reason(), 1L, Long::sum);
            }
        }
    }

    private static Tally tally(Map<String, Tally> table, String name, String why) {
        return table.computeIfAbsent(name, k -> new Tally(why));
    }

    /** The table as Markdown, so that its rows can go straight into the README. */
    private static void print(Map<String, Tally> table) {
        System.out.printf(
                "%n| %-48s | %10s | %8s | %-46s | %s |%n| %s | %s | %s | %s | --- |%n",
                "damage",
                "lines in",
                "events",
                "dead letters",
                "why",
                "-".repeat(48),
                "-".repeat(10),
                "-".repeat(8),
                "-".repeat(46));
        table.forEach(
                (name, t) ->
                        System.out.printf(
                                "| %-48s | %,10d | %,8d | %-46s | %s |%n",
                                name,
                                t.linesIn,
                                t.events,
                                t.deadLetterCounts(),
                                t.why == null ? "" : t.why));
    }

    /** The detail of the {@code index}th dead letter of a damage class in the mixed file. */
    private static String detail(String damage, int index) {
        return deadLetters(mixedRecords).stream()
                .filter(
                        dl -> {
                            LineDamage d = mixed.get((int) dl.lineNumber() - 1).damage();
                            return d != null && d.name().equals(damage);
                        })
                .skip(index)
                .findFirst()
                .orElseThrow()
                .detail();
    }

    private static String fileError(String damage) {
        return deadLetters(fileRecords.get(indexOf(damage))).stream()
                .filter(dl -> dl.reason() == DeadLetterReason.FILE_ERROR)
                .findFirst()
                .orElseThrow()
                .detail();
    }

    private static int indexOf(String damage) {
        for (int i = 0; i < files.size(); i++) {
            if (files.get(i).name().equals(damage)) {
                return i;
            }
        }
        throw new AssertionError("no file damage " + damage);
    }

    private static List<ArchiveRecord> read(InputStream in, String name) {
        List<ArchiveRecord> out = new ArrayList<>();
        try (ArchiveFileReader reader =
                new ArchiveFileReader(in, name, ArchiveFileReader.DEFAULT_MAX_LINE_BYTES)) {
            for (ArchiveRecord r = reader.next(); r != null; r = reader.next()) {
                out.add(r);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out;
    }

    private static List<GhEvent> events(List<ArchiveRecord> records) {
        return records.stream().filter(r -> r.event != null).map(r -> r.event).toList();
    }

    private static List<DeadLetter> deadLetters(List<ArchiveRecord> records) {
        return records.stream().filter(r -> r.deadLetter != null).map(r -> r.deadLetter).toList();
    }

    /** Blank as the reader sees it: nothing but spaces and tabs once a last \r is dropped. */
    private static boolean isBlank(byte[] line) {
        int n = line.length > 0 && line[line.length - 1] == '\r' ? line.length - 1 : line.length;
        for (int i = 0; i < n; i++) {
            if (line[i] != ' ' && line[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    private static Path write(String dir, String name, byte[] bytes) throws IOException {
        Path d = Files.createDirectories(corpus.resolve(dir));
        return Files.write(d.resolve(name), bytes);
    }

    private static byte[] gunzip(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    /** The newline-separated lines of a file, byte for byte. */
    private static List<byte[]> lines(byte[] text) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length; i++) {
            if (text[i] == '\n') {
                lines.add(Arrays.copyOfRange(text, start, i));
                start = i + 1;
            }
        }
        if (start < text.length) {
            lines.add(Arrays.copyOfRange(text, start, text.length));
        }
        return lines;
    }
}
