package io.ghanomaly.core.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Parses one line of a GH Archive hour into a {@link GhEvent}, for every era of the archive.
 *
 * <p>Three shapes exist: the Events API format (2015 on: {@code actor{id,login}}, {@code
 * repo{name}}), the Timeline format (2012-2014: {@code actor} is a login string with {@code
 * actor_attributes}, {@code repository{owner,name}}, {@code created_at} with a -08:00 offset) and
 * the early 2011 shape ({@code repo}/{@code actor} objects, {@code payload.shas}). Events run from
 * 2 to 60 KB, most of it nested pull requests and commit lists the features never read, so this is
 * a streaming parse that reads the few fields it needs and skips every other subtree unbuilt. Field
 * order differs between eras (Timeline puts {@code payload} before {@code type}), so payload fields
 * are collected first and interpreted once the whole object is read.
 *
 * <p>Pushed commits: {@code payload.size}, else the length of {@code payload.commits} or {@code
 * payload.shas}. Since October 2025 the archive's PushEvents carry none of them; such a push counts
 * as 1 commit (its head), a lower bound.
 *
 * <p>Thread-safe; create one and share it.
 */
public final class GhEventParser {

    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final Pattern JACKSON_INTERNALS =
            Pattern.compile(
                    ", from `[^`]*`|: enable `[^`]*` to allow|\\s*\\([^(]*\\[Source: .*\\]\\)$");

    // GitHub's limits are 39 for a login (plus "[bot]"), 100 for a repository name plus its owner;
    // the archive's longest type is 29. These leave room for eras and renames, not for abuse.
    static final int MAX_LOGIN_LENGTH = 100;
    static final int MAX_REPO_LENGTH = 300;
    static final int MAX_TYPE_LENGTH = 100;

    public GhEvent parse(String line) throws MalformedEventException {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return parse(bytes, 0, bytes.length);
    }

    /**
     * Parses the UTF-8 line in {@code buf[offset, offset+length)}: by {@link FastEventScanner} when
     * the line is plain, else (and for every error) with Jackson.
     */
    public GhEvent parse(byte[] buf, int offset, int length) throws MalformedEventException {
        EventFields fast = FastEventScanner.scan(buf, offset, length);
        return fast != null ? fast.toEvent() : parseWithJackson(buf, offset, length);
    }

    /** The same parse, by Jackson's streaming parser only. */
    static GhEvent parseWithJackson(byte[] buf, int offset, int length)
            throws MalformedEventException {
        try (JsonParser p = JSON.createParser(buf, offset, length)) {
            return parseObject(p);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException(
                    DeadLetterReason.MALFORMED_JSON,
                    "The line is not valid JSON: " + readable(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new MalformedEventException(
                    DeadLetterReason.MALFORMED_JSON, "The line is not valid JSON: " + e);
        }
    }

    /**
     * Jackson's message without what only a Java programmer can use: the method that sets a limit,
     * the feature that would allow a token, the (redacted) source of a start marker.
     */
    private static String readable(String jacksonMessage) {
        return JACKSON_INTERNALS.matcher(jacksonMessage).replaceAll("");
    }

    private static GhEvent parseObject(JsonParser p) throws IOException, MalformedEventException {
        JsonToken first = p.nextToken();
        if (first == null) {
            throw new MalformedEventException(
                    DeadLetterReason.MALFORMED_JSON,
                    "The line holds no JSON value, only a byte-order mark or white space");
        }
        if (first != JsonToken.START_OBJECT) {
            // "not an object" must be true: the second half of an object split over two lines
            // ("actor":{...}}) starts with a string, yet is no JSON at all
            p.skipChildren();
            if (p.nextToken() != null) {
                throw new MalformedEventException(
                        DeadLetterReason.MALFORMED_JSON,
                        "The line goes on after the end of its first JSON value; one event a"
                                + " line");
            }
            throw new MalformedEventException(
                    DeadLetterReason.NOT_AN_OBJECT,
                    "The line is JSON but not an object; an event is one {...} object a line");
        }
        EventFields f = new EventFields();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "type" -> f.type = text(p, value, "type");
                case "created_at" -> f.createdAt = text(p, value, "created_at");
                case "actor" -> readActor(p, value, f);
                case "actor_attributes" ->
                        f.attributesLogin = stringFieldOf(p, value, "actor_attributes", "login");
                case "repo" -> f.repoName = stringFieldOf(p, value, "repo", "name");
                case "repository" -> readTimelineRepository(p, value, f);
                case "payload" -> readPayload(p, value, f);
                default -> p.skipChildren();
            }
        }
        if (p.nextToken() != null) {
            throw new MalformedEventException(
                    DeadLetterReason.MALFORMED_JSON,
                    "The line goes on after the end of its JSON object; one event a line");
        }
        return f.toEvent();
    }

    private static void readActor(JsonParser p, JsonToken value, EventFields f)
            throws IOException, MalformedEventException {
        if (value == JsonToken.VALUE_STRING) {
            f.actorLogin = p.getText(); // Timeline: the login itself
        } else if (value == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (name.equals("login")) {
                    f.actorLogin = text(p, t, "actor.login");
                } else if (name.equals("id") && t == JsonToken.VALUE_NUMBER_INT) {
                    if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                        throw new MalformedEventException(
                                DeadLetterReason.WRONG_FIELD_TYPE,
                                "actor.id should be a 64-bit number but is " + p.getText());
                    }
                    f.actorId = p.getLongValue();
                } else {
                    p.skipChildren();
                }
            }
        } else if (value != JsonToken.VALUE_NULL) {
            throw wrongType("actor", "an object or a login", value);
        }
    }

    /**
     * The one string field {@code name} of the object {@code field}, skipping the rest; or null.
     */
    private static String stringFieldOf(JsonParser p, JsonToken value, String field, String name)
            throws IOException, MalformedEventException {
        if (!isObject(value, field)) {
            return null;
        }
        String found = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String member = p.currentName();
            JsonToken t = p.nextToken();
            if (member.equals(name)) {
                found = text(p, t, field + "." + name);
            } else {
                p.skipChildren();
            }
        }
        return found;
    }

    private static void readTimelineRepository(JsonParser p, JsonToken value, EventFields f)
            throws IOException, MalformedEventException {
        if (!isObject(value, "repository")) {
            return;
        }
        String owner = null;
        String name = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            if (field.equals("owner")) {
                owner = text(p, t, "repository.owner");
            } else if (field.equals("name")) {
                name = text(p, t, "repository.name");
            } else {
                p.skipChildren();
            }
        }
        if (name != null) {
            f.timelineRepoName = owner == null ? name : owner + "/" + name;
        }
    }

    private static void readPayload(JsonParser p, JsonToken value, EventFields f)
            throws IOException, MalformedEventException {
        if (!isObject(value, "payload")) {
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            switch (name) {
                case "size" -> f.pushSize = commitCount(p, t);
                case "commits" -> f.commitsLength = countArrayElements(p, t);
                case "shas" -> f.shasLength = countArrayElements(p, t);
                case "action" -> f.action = t == JsonToken.VALUE_STRING ? p.getText() : null;
                case "ref_type" -> f.refType = t == JsonToken.VALUE_STRING ? p.getText() : null;
                default -> p.skipChildren();
            }
        }
    }

    /** payload.size: a count of commits, or -1 when null (as if absent). */
    private static int commitCount(JsonParser p, JsonToken t)
            throws IOException, MalformedEventException {
        if (t == JsonToken.VALUE_NULL) {
            return -1;
        }
        if (t != JsonToken.VALUE_NUMBER_INT
                || p.getNumberType() != JsonParser.NumberType.INT
                || p.getIntValue() < 0) {
            throw new MalformedEventException(
                    DeadLetterReason.WRONG_FIELD_TYPE,
                    "payload.size should be a count of commits but is "
                            + (t.isNumeric() ? p.getText() : describe(t)));
        }
        return p.getIntValue();
    }

    private static int countArrayElements(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            p.skipChildren();
            return -1;
        }
        int n = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            p.skipChildren();
            n++;
        }
        return n;
    }

    private static String text(JsonParser p, JsonToken t, String field)
            throws IOException, MalformedEventException {
        if (t == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        throw wrongType(field, "a string", t);
    }

    /**
     * Whether a value is an object to read; null is as if absent, and anything else is an error: a
     * repo or payload that is a string would silently lose the event's repository or commits.
     */
    private static boolean isObject(JsonToken t, String field) throws MalformedEventException {
        if (t == JsonToken.START_OBJECT) {
            return true;
        }
        if (t == JsonToken.VALUE_NULL) {
            return false;
        }
        throw wrongType(field, "an object", t);
    }

    private static MalformedEventException wrongType(String field, String expected, JsonToken t) {
        return new MalformedEventException(
                DeadLetterReason.WRONG_FIELD_TYPE,
                field + " should be " + expected + " but is " + describe(t));
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_STRING -> "a string";
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_NULL -> "null";
            default -> t.name();
        };
    }
}
