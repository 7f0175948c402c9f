package io.ghanomaly.core.archive;

import static io.ghanomaly.core.event.DeadLetterReason.BAD_TIMESTAMP;
import static io.ghanomaly.core.event.DeadLetterReason.FIELD_TOO_LONG;
import static io.ghanomaly.core.event.DeadLetterReason.IMPLAUSIBLE_TIMESTAMP;
import static io.ghanomaly.core.event.DeadLetterReason.LINE_TOO_LONG;
import static io.ghanomaly.core.event.DeadLetterReason.MALFORMED_JSON;
import static io.ghanomaly.core.event.DeadLetterReason.MISSING_ACTOR;
import static io.ghanomaly.core.event.DeadLetterReason.MISSING_TIMESTAMP;
import static io.ghanomaly.core.event.DeadLetterReason.MISSING_TYPE;
import static io.ghanomaly.core.event.DeadLetterReason.NOT_AN_OBJECT;
import static io.ghanomaly.core.event.DeadLetterReason.WRONG_FIELD_TYPE;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.ghanomaly.core.event.DeadLetterReason;
import io.ghanomaly.core.event.GhEvent;
import io.ghanomaly.core.feature.EventKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;

/**
 * Damaged lines for a bad-input corpus, generated: what the archive, its downloaders and an
 * attacker can do to a line, each kind with what the reader must make of it.
 */
final class DamagedLines {
    private DamagedLines() {}

    /** The login prefix of generated events; no real login has it (the test checks). */
    static final String SYNTHETIC = "corpus-";

    static final byte[] BOM = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};

    /** What the reader must make of a damaged line: a dead letter, an event, or nothing. */
    record Expected(DeadLetterReason reason, String why, Predicate<GhEvent> check) {
        boolean skipped() {
            return reason == null && check == null;
        }
    }

    static Expected deadLetter(DeadLetterReason reason) {
        return new Expected(reason, null, null);
    }

    static Expected accepted(String why, Predicate<GhEvent> check) {
        return new Expected(null, why, check);
    }

    /**
     * Damage to lines: lines added between a real hour's lines, or a change to the real lines whose
     * index {@code changes} accepts.
     */
    record LineDamage(
            String name,
            Expected expected,
            List<byte[]> added,
            IntPredicate changes,
            UnaryOperator<byte[]> change) {}

    /** A line of a damaged file and the damage it carries, or null for an untouched real line. */
    @SuppressWarnings("ArrayRecordComponent") // the line's bytes, as written
    record Line(byte[] bytes, LineDamage damage) {}

    private static LineDamage dead(String name, DeadLetterReason reason, Object... lines) {
        return new LineDamage(name, deadLetter(reason), bytes(lines), i -> false, null);
    }

    private static LineDamage added(String name, Expected expected, Object... lines) {
        return new LineDamage(name, expected, bytes(lines), i -> false, null);
    }

    private static LineDamage changed(
            String name, String why, IntPredicate which, UnaryOperator<byte[]> change) {
        return new LineDamage(name, accepted(why, e -> true), List.of(), which, change);
    }

    /** Every kind of damage to single lines, with what must become of it. */
    static List<LineDamage> lineDamage() {
        return List.of(
                dead(
                        "not an object: array, number, string, null",
                        NOT_AN_OBJECT,
                        "[1,2,3]",
                        "42",
                        "\"PushEvent\"",
                        "null",
                        "true"),
                dead(
                        "not JSON: syntax errors, form feed, NBSP",
                        MALFORMED_JSON,
                        "{not json",
                        "{\"type\":\"PushEvent\",}",
                        "{'type':'PushEvent'}",
                        "NaN",
                        "}",
                        "\f",
                        "\u00a0"),
                dead(
                        "an object spread over two lines",
                        MALFORMED_JSON,
                        event("split").substring(0, event("split").indexOf("\"actor\"")),
                        event("split").substring(event("split").indexOf("\"actor\""))),
                dead(
                        "two objects on one line (a lost newline)",
                        MALFORMED_JSON,
                        event("two-a") + event("two-b")),
                dead(
                        "two objects split by a bare CR",
                        MALFORMED_JSON,
                        event("cr-a") + "\r" + event("cr-b")),
                dead(
                        "100,000 [ or nested objects",
                        MALFORMED_JSON,
                        "[".repeat(100_000),
                        event("deep", "payload", "{\"a\":".repeat(100_000))),
                added(
                        "900 levels deep (Jackson allows 1,000)",
                        accepted("legal JSON, read without recursion", e -> true),
                        event(
                                "deep-legal",
                                "payload",
                                "{\"x\":" + "[".repeat(900) + "]".repeat(900) + "}")),
                dead(
                        "wrong field types",
                        WRONG_FIELD_TYPE,
                        event("type-number", "type", "5"),
                        event("actor-array", "actor", "[\"corpus-actor-array\"]"),
                        event("login-object", "actor", "{\"login\":{\"name\":\"corpus-x\"}}"),
                        event("created-at-number", "created_at", "1420126200"),
                        event("repo-string", "repo", "\"corpus/repo-string\""),
                        event("repo-name-number", "repo", "{\"name\":7}"),
                        event("payload-string", "payload", "\"started\""),
                        event(
                                "id-2^70",
                                "actor",
                                "{\"id\":1180591620717411303424,\"login\":\"corpus-id\"}")),
                dead(
                        "payload.size: a string, -1, 2^40, 2.5",
                        WRONG_FIELD_TYPE,
                        push("size-string", "\"3\""),
                        push("size-negative", "-1"),
                        push("size-2^40", "1099511627776"),
                        push("size-fraction", "2.5")),
                dead(
                        "no type, or an empty or null one",
                        MISSING_TYPE,
                        event("no-type", "type", null),
                        event("empty-type", "type", "\"\""),
                        event("null-type", "type", "null")),
                dead(
                        "no actor, a null one, an empty login",
                        MISSING_ACTOR,
                        event("no-actor", "actor", null),
                        event("null-actor", "actor", "null"),
                        event("empty-login", "actor", "{\"login\":\"\"}"),
                        event("id-only", "actor", "{\"id\":9}")),
                dead(
                        "no created_at, or a null one",
                        MISSING_TIMESTAMP,
                        event("no-time", "created_at", null),
                        event("null-time", "created_at", "null")),
                dead(
                        "a 1 MB login, type or repository name",
                        FIELD_TOO_LONG,
                        event("huge-login", "actor", login("x".repeat(1 << 20))),
                        event("huge-type", "type", quote("X".repeat(1 << 20))),
                        event(
                                "huge-repo",
                                "repo",
                                "{\"name\":" + quote("r".repeat(1 << 20)) + "}")),
                dead(
                        "a 100,000-character key or number",
                        MALFORMED_JSON,
                        event("long-key", "payload", "{\"" + "k".repeat(100_000) + "\":1}"),
                        event("long-number", "payload", "{\"n\":" + "1".repeat(100_000) + "}")),
                dead(
                        "a 10 MB line (limit 4 MiB)",
                        LINE_TOO_LONG,
                        event("10mb", "payload", "{\"pad\":" + quote("x".repeat(10 << 20)) + "}")),
                dead(
                        "impossible dates and offsets",
                        BAD_TIMESTAMP,
                        at("2015-02-30T15:30:00Z"),
                        at("2015-13-01T15:30:00Z"),
                        at("2015-01-01T25:30:00Z"),
                        at("2015-01-01T15:60:00Z"),
                        at("2015-06-30T23:59:60Z"),
                        at("2015-01-01T15:30:00"),
                        at("2015-01-01T15:30:00+00:60"),
                        at("2015-01-01T15:30:00+19:00"),
                        at("yesterday"),
                        at("")),
                dead(
                        "years +-999,999,999 (past epoch ms)",
                        BAD_TIMESTAMP,
                        at("+999999999-12-31T23:59:59Z"),
                        at("-999999999-01-01T00:00:00Z")),
                dead(
                        "0000, 1970, 2100, 12 h early, 61 min late",
                        IMPLAUSIBLE_TIMESTAMP,
                        at("0000-01-01T00:00:00Z"),
                        at("1970-01-01T00:00:00Z"),
                        at("2100-01-01T00:00:00Z"),
                        at("2015-01-01T03:00:00Z"),
                        at("2015-01-01T17:01:00Z")),
                added(
                        "stragglers up to 1 h outside the hour",
                        accepted(
                                "the archive files a few events in a neighbouring hour", e -> true),
                        at("2015-01-01T14:00:00Z"),
                        at("2015-01-01T16:59:59Z")),
                added(
                        "other ISO-8601 spellings (.123, +05:30, -08:00)",
                        accepted(
                                "the same instant, however spelt",
                                e -> e.createdAt().toString().startsWith("2015-01-01T15:30:00")),
                        at("2015-01-01T15:30:00.123Z"),
                        at("2015-01-01T21:00:00+05:30"),
                        at("2015-01-01T07:30:00-08:00")),
                // Jackson reads a BOM at the start of its input as the encoding mark it is; a BOM
                // anywhere else is a character JSON does not allow between tokens
                changed(
                        "a BOM at the start of a line",
                        "an encoding mark, no content; Windows tools write one",
                        i -> i % 1000 == 7,
                        line -> concat(BOM, line)),
                dead(
                        "a BOM inside a line",
                        MALFORMED_JSON,
                        event("bom-inside").replaceFirst("\\{", "{\uFEFF")),
                dead(
                        "invalid UTF-8: 0xFF, Latin-1, a cut sequence",
                        MALFORMED_JSON,
                        withBytes(event("utf8-ff"), "utf8-ff", 'f', 0xff),
                        withBytes(event("latin1"), "started", 's', 0xe9, 't'),
                        withBytes(event("cut-utf8"), "started", 's', 0xe2, 0x82)),
                dead(
                        "a lone surrogate escape in a login, type or repo",
                        MALFORMED_JSON,
                        event("lone-\\ud800"),
                        event("lone-type", "type", "\"Watch\\ud800\""),
                        event("lone-repo", "repo", "{\"name\":\"corpus/\\udfff\"}")),
                // only the fields an event keeps must be text that can be written out again
                added(
                        "a lone surrogate in a field never read",
                        accepted("the features never read it", e -> true),
                        event("lone-unread", "payload", "{\"note\":\"\\ud800\"}")),
                dead(
                        "NUL bytes: in a string, a line of NULs",
                        MALFORMED_JSON,
                        withBytes(event("nul"), "nul", 'n', 0, 'l'),
                        new byte[64]),
                // GitHub would never send them, but they are valid JSON strings and valid Unicode;
                // the reader keys actors by the login as written and does not police logins
                added(
                        "escaped NUL or emoji in a login",
                        accepted(
                                "valid JSON and Unicode; logins are keys, not policed",
                                e -> e.actorLogin().length() > SYNTHETIC.length()),
                        event("nul-\\u0000"),
                        event("emoji-\\ud83d\\ude00")),
                changed(
                        "CRLF line ends",
                        "the reader drops one \\r before the \\n",
                        i -> i % 10 == 3,
                        line -> concat(line, new byte[] {'\r'})),
                changed(
                        "white space around the object",
                        "JSON allows it around a value",
                        i -> i % 1000 == 507,
                        line -> concat(bytes(" \t"), line, bytes("  "))),
                added(
                        "blank and white-space-only lines",
                        new Expected(null, "skipped: they hold nothing", null),
                        "",
                        "   ",
                        "\t",
                        "\r"),
                added(
                        "types the archive does not know",
                        accepted(
                                "counted as other_type_count; GitHub adds types",
                                e -> EventKind.of(e.type()) == EventKind.UNKNOWN),
                        event("foo", "type", "\"FooEvent\""),
                        event("lower", "type", "\"pushevent\""),
                        event("space", "type", "\" PushEvent\"")),
                added(
                        "retired types, no repo (FollowEvent)",
                        accepted(
                                "real 2011-2016 types",
                                e -> EventKind.of(e.type()) != EventKind.UNKNOWN),
                        event("follow", "type", "\"FollowEvent\"", "repo", null),
                        event("gist", "type", "\"GistEvent\"")),
                // Jackson's strict duplicate detection would cost every line a hash set; the last
                // value wins, as JSON.parse does
                added(
                        "duplicate keys: type, actor, created_at",
                        accepted(
                                "the last one wins, as in JSON.parse",
                                e ->
                                        e.type().equals("WatchEvent")
                                                && e.actorLogin().endsWith("last")
                                                && e.createdAt().toString().startsWith("2015")),
                        "{\"type\":\"PushEvent\"," + event("dup-type-last").substring(1),
                        "{\"actor\":\"corpus-first\"," + event("dup-actor-last").substring(1),
                        "{\"created_at\":\"2100-01-01T00:00:00Z\","
                                + event("dup-time-last").substring(1)),
                // the archive has duplicated events; the reader does not dedupe (no id before 2015)
                added(
                        "the same event twice",
                        accepted("both count: Timeline events have no id", e -> true),
                        event("twice"),
                        event("twice")),
                added(
                        "200,000 distinct keys in a payload",
                        accepted(
                                "Jackson's name table is bounded and collision-checked", e -> true),
                        event(
                                "flood",
                                "payload",
                                IntStream.range(0, 200_000)
                                        .mapToObj(i -> "\"k" + i + "\":0")
                                        .collect(Collectors.joining(",", "{", "}")))));
    }

    /** A real hour's lines with every added line spread among them and the changes applied. */
    static List<Line> mix(List<byte[]> real, List<LineDamage> damage) {
        List<Line> added = new ArrayList<>();
        damage.forEach(d -> d.added().forEach(b -> added.add(new Line(b, d))));
        int every = Math.max(1, real.size() / (added.size() + 1));
        List<Line> out = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < real.size(); i++) {
            final int index = i;
            LineDamage change =
                    damage.stream().filter(d -> d.changes().test(index)).findFirst().orElse(null);
            out.add(
                    change == null
                            ? new Line(real.get(i), null)
                            : new Line(change.change().apply(real.get(i)), change));
            if (i % every == every - 1 && next < added.size()) {
                out.add(added.get(next++));
            }
        }
        out.addAll(added.subList(next, added.size()));
        return out;
    }

    /**
     * A generated event of 2015-01-01 15:30 UTC by corpus-{@code tag}; a null value drops a key.
     */
    static String event(String tag, String... keyAndJson) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("id", "\"1\"");
        fields.put("type", "\"WatchEvent\"");
        fields.put("actor", login(tag));
        fields.put("repo", "{\"id\":9,\"name\":\"corpus/" + tag + "\"}");
        fields.put("payload", "{\"action\":\"started\"}");
        fields.put("public", "true");
        fields.put("created_at", "\"2015-01-01T15:30:00Z\"");
        for (int i = 0; i < keyAndJson.length; i += 2) {
            if (keyAndJson[i + 1] == null) {
                fields.remove(keyAndJson[i]);
            } else {
                fields.put(keyAndJson[i], keyAndJson[i + 1]);
            }
        }
        return fields.entrySet().stream()
                .map(f -> "\"" + f.getKey() + "\":" + f.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static String login(String tag) {
        return "{\"id\":9,\"login\":\"" + SYNTHETIC + tag + "\"}";
    }

    private static String push(String tag, String size) {
        return event(tag, "type", "\"PushEvent\"", "payload", "{\"size\":" + size + "}");
    }

    private static String at(String createdAt) {
        return event("at-" + createdAt.replace(':', '.'), "created_at", quote(createdAt));
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }

    /** {@code line} with the first {@code marker} replaced by raw bytes (not valid text). */
    private static byte[] withBytes(String line, String marker, int... raw) {
        int at = line.indexOf(marker);
        byte[] middle = new byte[raw.length];
        for (int i = 0; i < raw.length; i++) {
            middle[i] = (byte) raw[i];
        }
        return concat(
                bytes(line.substring(0, at)), middle, bytes(line.substring(at + marker.length())));
    }

    private static List<byte[]> bytes(Object... lines) {
        List<byte[]> out = new ArrayList<>();
        for (Object l : lines) {
            out.add(l instanceof byte[] b ? b : bytes((String) l));
        }
        return Collections.unmodifiableList(out);
    }

    static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Lines as a file holds them: each ends in a newline. */
    static byte[] join(List<byte[]> lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] l : lines) {
            out.writeBytes(l);
            out.write('\n');
        }
        return out.toByteArray();
    }

    static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
