package io.ghanomaly.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.ghanomaly.core.testing.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The parser's fast path ({@link FastEventScanner}) against Jackson's path, line by line: on every
 * real line of ../shared/data, and on real lines broken in a hundred thousand ways, the event (or
 * the dead letter's reason and message) is the same whichever path reads it.
 */
class GhEventParserEquivalenceTest {
    private static final List<String> GZIPPED =
            List.of(
                    "gharchive/hours/2011-02-15-0.json.gz",
                    "gharchive/hours/2013-02-15-0.json.gz",
                    "gharchive/hours/2015-01-01-0.json.gz",
                    "gharchive/hours/2015-01-01-15.json.gz",
                    "gharchive/samples/2025-01-01-15.first-2048-events.json.gz",
                    "gharchive/bad/2015-01-01-0.truncated.json.gz",
                    "seed-parity/2025-07-08-15.seed-parity.json.gz",
                    "seed-parity/2025-07-10-15.seed-parity.json.gz");

    @Test
    void everyRealLineParsesTheSameByBothPaths() throws IOException {
        long lines = 0;
        long fast = 0;
        for (String file : GZIPPED) {
            for (byte[] line : lines(gunzip(SharedData.require(file)))) {
                lines++;
                if (FastEventScanner.scan(line, 0, line.length) != null) {
                    fast++;
                }
                assertSamePaths(line, file);
            }
        }
        for (Path fixture : fixtures()) { // pretty-printed: one object over many lines
            byte[] whole = Files.readAllBytes(fixture);
            assertSamePaths(whole, fixture.toString());
        }
        System.out.printf(
                "GhEventParserEquivalenceTest: %,d real lines, %,d (%.2f%%) read by the fast path,"
                        + " the same events and errors as Jackson's%n",
                lines, fast, 100.0 * fast / lines);
        // the fast path must carry the load, not hand every line to Jackson
        assertThat(fast).isGreaterThan(lines * 95 / 100);
    }

    @Test
    void brokenLinesParseTheSameByBothPaths() throws IOException {
        List<byte[]> real = new ArrayList<>();
        for (String file : GZIPPED.subList(0, 5)) {
            List<byte[]> all = lines(gunzip(SharedData.require(file)));
            for (int k = 0; k < all.size(); k += 97) {
                real.add(all.get(k));
            }
        }
        byte[] noise =
                "{}[]\",:\\/0123456789-+.eEtrufalsn uXYZ\t\u00e9"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] raw = {(byte) 0x80, (byte) 0xC3, (byte) 0xED, (byte) 0xF0, (byte) 0xFF, 0, 0x1F};
        Random random = new Random(42);
        long mutations = 0;
        long acceptedByFastPath = 0;
        for (byte[] line : real) {
            for (int m = 0; m < 1_000_000 / real.size() / 10 + 1; m++) {
                byte[] broken = mutate(line, random, noise, raw);
                mutations++;
                if (FastEventScanner.scan(broken, 0, broken.length) != null) {
                    acceptedByFastPath++;
                }
                assertSamePaths(
                        broken, new String(broken, java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        System.out.printf(
                "GhEventParserEquivalenceTest: %,d broken lines from %,d real ones, %,d taken by"
                        + " the fast path, the same as Jackson's%n",
                mutations, real.size(), acceptedByFastPath);
        assertThat(mutations).isGreaterThan(90_000);
    }

    @Test
    void linesAtJacksonsLimitsParseTheSameByBothPaths() {
        String event =
                "{\"type\":\"WatchEvent\",\"created_at\":\"2015-01-01T00:00:01Z\","
                        + "\"actor\":{\"id\":7,\"login\":\"a\"},\"repo\":{\"name\":\"o/r\"},"
                        + "\"payload\":%s}";
        List<String> payloads =
                List.of(
                        "{\"" + "k".repeat(100_000) + "\":1}", // a name over Jackson's 50,000
                        "{\"" + "k".repeat(999) + "\":1}",
                        "[" + "[".repeat(1_100) + "]".repeat(1_100) + "]", // nesting over 1,000
                        "[" + "[".repeat(600) + "]".repeat(600) + "]",
                        "[" + "[".repeat(400) + "]".repeat(400) + "]",
                        "1" + "0".repeat(2_000), // a number over 1,000 digits
                        "1" + "0".repeat(500),
                        "-0.5e-7",
                        "{\"size\":2147483648}",
                        "{\"size\":99999999}",
                        "{\"size\":-1}",
                        "{\"size\":1.0}",
                        "{\"action\":{\"ref_type\":\"repository\"}}",
                        "{\"commits\":{}}",
                        "\"" + "x".repeat(1_500_000) + "\"",
                        "\"\\ud800\"");
        for (String payload : payloads) {
            byte[] line =
                    String.format(event, payload).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertSamePaths(line, payload.substring(0, Math.min(40, payload.length())));
        }
        String plain = String.format(event, "{\"size\":5}");
        for (String[] escaped :
                new String[][] {
                    {"\"type\"", "\"\\u0074ype\""},
                    {"\"login\"", "\"logi\\u006e\""},
                    {"\"size\"", "\"siz\\u0065\""},
                    {"\"repo\"", "\"rep\\u006f\""},
                    {"\"payload\"", "\"payloa\\u0064\""}
                }) { // an escaped name is the name itself to Jackson
            assertSamePaths(
                    plain.replace(escaped[0], escaped[1])
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    escaped[1]);
            assertSamePaths(
                    (plain.substring(0, plain.length() - 1) + "," + escaped[1] + ":\"X\"}")
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    "a second " + escaped[1]);
        }
        for (String login : List.of("\\u0061", "\\ud800", "\u00e9", "a\tb", "\uD83D\uDE00")) {
            byte[] line =
                    String.format(event, "{}")
                            .replace("\"login\":\"a\"", "\"login\":\"" + login + "\"")
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertSamePaths(line, login);
        }
    }

    /** A line damaged at random: a byte removed, inserted or changed, or cut short. */
    private static byte[] mutate(byte[] line, Random random, byte[] noise, byte[] raw) {
        byte[] out = line;
        for (int n = 1 + random.nextInt(2); n > 0; n--) {
            int at = random.nextInt(out.length);
            byte b =
                    random.nextInt(4) == 0
                            ? raw[random.nextInt(raw.length)]
                            : noise[random.nextInt(noise.length)];
            // near a field the event reads, most of the time: where the paths could differ
            int near = indexOfAny(out, random);
            if (near >= 0 && random.nextBoolean()) {
                at = Math.min(out.length - 1, near + random.nextInt(24));
            }
            out =
                    switch (random.nextInt(4)) {
                        case 0 -> concat(out, 0, at, out, at + 1, out.length); // remove
                        case 1 -> concat(out, 0, at, new byte[] {b}, 0, 1, out, at, out.length);
                        case 2 -> {
                            byte[] c = out.clone();
                            c[at] = b;
                            yield c;
                        }
                        default -> Arrays.copyOf(out, at); // cut short
                    };
            if (out.length == 0) {
                return out;
            }
        }
        return out;
    }

    private static final String[] FIELDS = {
        "\"type\"",
        "\"created_at\"",
        "\"actor\"",
        "\"login\"",
        "\"id\"",
        "\"repo\"",
        "\"name\"",
        "\"payload\"",
        "\"size\"",
        "\"commits\"",
        "\"shas\"",
        "\"action\"",
        "\"ref_type\"",
        "\"repository\"",
        "\"owner\"",
        "\"actor_attributes\""
    };

    private static int indexOfAny(byte[] line, Random random) {
        String s = new String(line, java.nio.charset.StandardCharsets.ISO_8859_1);
        return s.indexOf(FIELDS[random.nextInt(FIELDS.length)]);
    }

    private static byte[] concat(byte[] a, int aFrom, int aTo, byte[] b, int bFrom, int bTo) {
        byte[] out = new byte[aTo - aFrom + bTo - bFrom];
        System.arraycopy(a, aFrom, out, 0, aTo - aFrom);
        System.arraycopy(b, bFrom, out, aTo - aFrom, bTo - bFrom);
        return out;
    }

    private static byte[] concat(
            byte[] a,
            int aFrom,
            int aTo,
            byte[] b,
            int bFrom,
            int bTo,
            byte[] c,
            int cFrom,
            int cTo) {
        return concat(
                concat(a, aFrom, aTo, b, bFrom, bTo), 0, aTo - aFrom + bTo - bFrom, c, cFrom, cTo);
    }

    private static void assertSamePaths(byte[] line, String where) {
        // inside a larger buffer, as the archive reader hands lines over: the fast path must not
        // read past the line's end into the next one
        byte[] framed = new byte[line.length + 8];
        System.arraycopy(line, 0, framed, 3, line.length);
        byte[] next = "\"}]x1\n{\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(next, 0, framed, 3 + line.length, 5);
        String viaParse = outcome(() -> new GhEventParser().parse(framed, 3, line.length));
        String viaJackson = outcome(() -> GhEventParser.parseWithJackson(line, 0, line.length));
        assertThat(viaParse).as(where).isEqualTo(viaJackson);
    }

    private interface Parse {
        GhEvent run() throws MalformedEventException;
    }

    private static String outcome(Parse parse) {
        try {
            return parse.run().toString();
        } catch (MalformedEventException e) {
            return "dead letter " + e.reason() + ": " + e.getMessage();
        }
    }

    private static List<Path> fixtures() throws IOException {
        try (Stream<Path> s = Files.walk(SharedData.require("gharchive/event-fixtures"))) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    /** The file's bytes as far as gzip can read them (a truncated file: up to the break). */
    private static byte[] gunzip(Path file) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
            byte[] buf = new byte[1 << 16];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                out.write(buf, 0, n);
            }
        } catch (EOFException e) {
            // the truncated file: keep what was read
        }
        return out.toByteArray();
    }

    private static List<byte[]> lines(byte[] all) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int k = 0; k <= all.length; k++) {
            if (k == all.length || all[k] == '\n') {
                if (k > start) {
                    lines.add(Arrays.copyOfRange(all, start, k));
                }
                start = k + 1;
            }
        }
        return lines;
    }
}
