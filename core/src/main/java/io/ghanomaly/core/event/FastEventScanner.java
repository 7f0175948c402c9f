package io.ghanomaly.core.event;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The fast path of {@link GhEventParser}: one pass over the line's bytes that reads the few fields
 * an event needs and steps over everything else (the nested pull requests, issues and commit lists
 * that are most of a line) without building tokens or names. It gives up, and the line goes to
 * Jackson, at anything that is not plain: an escape or a control character in a field it reads, a
 * value of a type the event does not expect, a syntax error anywhere, a number or a nesting deeper
 * than it checks. So it is stricter than Jackson, never looser: every line it accepts, Jackson
 * accepts with the same fields, and every error message still comes from Jackson's path ({@code
 * GhEventParserEquivalenceTest} holds it to that on every real line and on mutated ones).
 *
 * <p>Not thread-safe; {@link #scan} makes one per line.
 */
final class FastEventScanner {
    private static final int MAX_DEPTH = 500; // Jackson refuses beyond 1,000
    // Jackson's limits are 1,000 digits for a number, 50,000 characters for a name and 20,000,000
    // for a string (lines are 4 MB at most by default, but --max-line-bytes may be raised)
    private static final int MAX_TOKEN_LENGTH = 1000;
    private static final int MAX_STRING_LENGTH = 1_000_000;

    /** Thrown, without a stack trace, when the line needs Jackson. */
    private static final class GiveUp extends Exception {
        private static final long serialVersionUID = 1L;

        GiveUp() {
            super(null, null, false, false);
        }
    }

    private static final GiveUp GIVE_UP = new GiveUp();

    /** Eight bytes of the line at a time, to step over the plain parts of strings. */
    private static final VarHandle WORDS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private static final byte[] TYPE = ascii("type");
    private static final byte[] CREATED_AT = ascii("created_at");
    private static final byte[] ACTOR = ascii("actor");
    private static final byte[] ACTOR_ATTRIBUTES = ascii("actor_attributes");
    private static final byte[] REPO = ascii("repo");
    private static final byte[] REPOSITORY = ascii("repository");
    private static final byte[] PAYLOAD = ascii("payload");
    private static final byte[] LOGIN = ascii("login");
    private static final byte[] ID = ascii("id");
    private static final byte[] NAME = ascii("name");
    private static final byte[] OWNER = ascii("owner");
    private static final byte[] SIZE = ascii("size");
    private static final byte[] COMMITS = ascii("commits");
    private static final byte[] SHAS = ascii("shas");
    private static final byte[] ACTION = ascii("action");
    private static final byte[] REF_TYPE = ascii("ref_type");

    private final byte[] b;
    private final int end;
    private int i;
    private int depth;

    // the last member name read: b[nameStart, nameStart + nameLength)
    private int nameStart;
    private int nameLength;

    private FastEventScanner(byte[] buf, int offset, int length) {
        this.b = buf;
        this.i = offset;
        this.end = offset + length;
    }

    /** The fields of the UTF-8 line in {@code buf[offset, offset+length)}, or null: ask Jackson. */
    static EventFields scan(byte[] buf, int offset, int length) {
        try {
            return new FastEventScanner(buf, offset, length).event();
        } catch (GiveUp e) {
            return null;
        }
    }

    private EventFields event() throws GiveUp {
        EventFields f = new EventFields();
        f.mayHoldEscapes = false; // a field with an escape goes to Jackson
        expect('{');
        if (!emptyObject()) {
            do {
                plainName();
                if (isName(TYPE)) {
                    f.type = text();
                } else if (isName(CREATED_AT)) {
                    f.createdAt = text();
                } else if (isName(ACTOR)) {
                    actor(f);
                } else if (isName(ACTOR_ATTRIBUTES)) {
                    f.attributesLogin = stringFieldOf(LOGIN);
                } else if (isName(REPO)) {
                    f.repoName = stringFieldOf(NAME);
                } else if (isName(REPOSITORY)) {
                    timelineRepository(f);
                } else if (isName(PAYLOAD)) {
                    payload(f);
                } else {
                    skipValue();
                }
            } while (more('}'));
        }
        whitespace();
        if (i != end) {
            throw GIVE_UP; // more after the object
        }
        return f;
    }

    private void actor(EventFields f) throws GiveUp {
        byte c = peek();
        if (c == '"') {
            f.actorLogin = plainString(); // Timeline: the login itself
        } else if (members()) {
            do {
                plainName();
                if (isName(LOGIN)) {
                    f.actorLogin = text();
                } else if (isName(ID) && isNumber(peek())) {
                    long id = integer(18);
                    if (id == Long.MIN_VALUE) {
                        continue; // a fraction or an exponent: Jackson's path passes it over too
                    }
                    f.actorId = id;
                } else {
                    skipValue();
                }
            } while (more('}'));
        }
    }

    /** The string member {@code member} of an object value, the rest skipped; or null. */
    private String stringFieldOf(byte[] member) throws GiveUp {
        String found = null;
        if (!members()) {
            return null;
        }
        do {
            plainName();
            if (isName(member)) {
                found = text();
            } else {
                skipValue();
            }
        } while (more('}'));
        return found;
    }

    private void timelineRepository(EventFields f) throws GiveUp {
        String owner = null;
        String name = null;
        if (members()) {
            do {
                plainName();
                if (isName(OWNER)) {
                    owner = text();
                } else if (isName(NAME)) {
                    name = text();
                } else {
                    skipValue();
                }
            } while (more('}'));
        }
        if (name != null) {
            f.timelineRepoName = owner == null ? name : owner + "/" + name;
        }
    }

    private void payload(EventFields f) throws GiveUp {
        if (!members()) {
            return;
        }
        do {
            plainName();
            if (isName(SIZE)) {
                f.pushSize = commitCount();
            } else if (isName(COMMITS)) {
                f.commitsLength = arrayLength();
            } else if (isName(SHAS)) {
                f.shasLength = arrayLength();
            } else if (isName(ACTION)) {
                f.action = scalarText();
            } else if (isName(REF_TYPE)) {
                f.refType = scalarText();
            } else {
                skipValue();
            }
        } while (more('}'));
    }

    /** payload.size: null is -1; a count that fits an int for certain; anything else: Jackson. */
    private int commitCount() throws GiveUp {
        byte c = peek();
        if (c == 'n') {
            literalNull();
            return -1;
        }
        if (c < '0' || c > '9') {
            throw GIVE_UP;
        }
        long n = integer(9);
        if (n == Long.MIN_VALUE) {
            throw GIVE_UP;
        }
        return (int) n;
    }

    /** Elements of an array value, or -1 (skipped) for any other value. */
    private int arrayLength() throws GiveUp {
        if (peek() != '[') {
            skipValue();
            return -1;
        }
        i++;
        enter();
        int n = 0;
        whitespace();
        if (at(i) == ']') {
            i++;
        } else {
            do {
                skipValue();
                n++;
            } while (more(']'));
        }
        depth--;
        return n;
    }

    /** A string value; null for null, a number or a boolean; Jackson for an object or array. */
    private String scalarText() throws GiveUp {
        byte c = peek();
        if (c == '"') {
            return plainString();
        }
        if (c == '{' || c == '[') {
            throw GIVE_UP;
        }
        skipValue();
        return null;
    }

    /** A string or null; any other value is an error, which Jackson's path words. */
    private String text() throws GiveUp {
        if (peek() == '"') {
            return plainString();
        }
        literalNull();
        return null;
    }

    private void literalNull() throws GiveUp {
        if (end - i >= 4 && b[i] == 'n' && b[i + 1] == 'u' && b[i + 2] == 'l' && b[i + 3] == 'l') {
            i += 4;
            return;
        }
        throw GIVE_UP;
    }

    /** A string without escapes or control characters, decoded; b[i] is its opening quote. */
    private String plainString() throws GiveUp {
        int start = ++i;
        boolean ascii = true;
        while (true) {
            i = afterPlainWords(i);
            byte c = at(i);
            if (c == '"') {
                break;
            }
            if (c == '\\' || (c >= 0 && c < 0x20)) {
                throw GIVE_UP;
            }
            if (c < 0) {
                ascii = false;
                i = afterMultiByte(i);
            } else {
                i++;
            }
        }
        int length = i - start;
        if (length > MAX_STRING_LENGTH) {
            throw GIVE_UP;
        }
        i++;
        return new String(
                b, start, length, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }

    /** A member name and its colon; kept as a range of bytes, compared with {@link #isName}. */
    private void name() throws GiveUp {
        if (peek() != '"') {
            throw GIVE_UP;
        }
        int start = i + 1;
        skipString();
        nameStart = start;
        nameLength = i - 1 - start;
        if (nameLength > MAX_TOKEN_LENGTH) {
            throw GIVE_UP;
        }
        expect(':');
    }

    /**
     * A member name of an object whose fields are read: one with an escape ({@code "typ\u0065"} is
     * "type" to Jackson) goes to Jackson, since names are compared byte by byte.
     */
    private void plainName() throws GiveUp {
        name();
        for (int k = nameStart; k < nameStart + nameLength; k++) {
            if (b[k] == '\\') {
                throw GIVE_UP;
            }
        }
    }

    private boolean isName(byte[] name) {
        if (nameLength != name.length) {
            return false;
        }
        for (int k = 0; k < name.length; k++) {
            if (b[nameStart + k] != name[k]) {
                return false;
            }
        }
        return true;
    }

    private void skipValue() throws GiveUp {
        byte c = peek();
        switch (c) {
            case '"' -> skipString();
            case '{' -> {
                i++;
                enter();
                if (!emptyObject()) {
                    do {
                        name();
                        skipValue();
                    } while (more('}'));
                }
                depth--;
            }
            case '[' -> {
                i++;
                enter();
                whitespace();
                if (at(i) == ']') {
                    i++;
                } else {
                    do {
                        skipValue();
                    } while (more(']'));
                }
                depth--;
            }
            case 't' -> literal('t', 'r', 'u', 'e');
            case 'f' -> {
                literal('f', 'a', 'l', 's');
                if (at(i++) != 'e') {
                    throw GIVE_UP;
                }
            }
            case 'n' -> literalNull();
            default -> {
                if (!isNumber(c)) {
                    throw GIVE_UP;
                }
                number();
            }
        }
    }

    private void literal(char c0, char c1, char c2, char c3) throws GiveUp {
        if (end - i >= 4 && b[i] == c0 && b[i + 1] == c1 && b[i + 2] == c2 && b[i + 3] == c3) {
            i += 4;
            return;
        }
        throw GIVE_UP;
    }

    /** Steps over a string, checking its escapes and its UTF-8; b[i] is its opening quote. */
    private void skipString() throws GiveUp {
        int start = ++i;
        while (true) {
            i = afterPlainWords(i);
            byte c = at(i);
            if (c == '"') {
                if (i - start > MAX_STRING_LENGTH) {
                    throw GIVE_UP;
                }
                i++;
                return;
            }
            if (c == '\\') {
                byte e = at(i + 1);
                if (e == 'u') {
                    for (int k = 2; k < 6; k++) {
                        if (Character.digit(at(i + k), 16) < 0) {
                            throw GIVE_UP;
                        }
                    }
                    i += 6;
                } else if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n'
                        || e == 'r' || e == 't') {
                    i += 2;
                } else {
                    throw GIVE_UP;
                }
            } else if (c >= 0 && c < 0x20) {
                throw GIVE_UP;
            } else if (c < 0) {
                i = afterMultiByte(i);
            } else {
                i++;
            }
        }
    }

    /**
     * From {@code at}, past every whole 8-byte word of the line that holds no quote, backslash,
     * control character or non-ASCII byte: what needs a look byte by byte.
     */
    private int afterPlainWords(int at) {
        while (at + 8 <= end) {
            long w = (long) WORDS.get(b, at);
            long quote = w ^ (ONES * '"');
            long backslash = w ^ (ONES * '\\');
            long special =
                    ((quote - ONES) & ~quote)
                            | ((backslash - ONES) & ~backslash)
                            | ((w - ONES * 0x20) & ~w)
                            | w;
            if ((special & HIGHS) != 0) {
                return at;
            }
            at += 8;
        }
        return at;
    }

    /**
     * Past a well-formed UTF-8 sequence of 2 to 4 bytes starting at {@code at}: no overlong form,
     * no surrogate, nothing above U+10FFFF; anything else, Jackson decides.
     */
    private int afterMultiByte(int at) throws GiveUp {
        int lead = b[at] & 0xFF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            continuation(at + 1, 0x80, 0xBF);
            return at + 2;
        }
        if (lead >= 0xE0 && lead <= 0xEF) {
            continuation(at + 1, lead == 0xE0 ? 0xA0 : 0x80, lead == 0xED ? 0x9F : 0xBF);
            continuation(at + 2, 0x80, 0xBF);
            return at + 3;
        }
        if (lead >= 0xF0 && lead <= 0xF4) {
            continuation(at + 1, lead == 0xF0 ? 0x90 : 0x80, lead == 0xF4 ? 0x8F : 0xBF);
            continuation(at + 2, 0x80, 0xBF);
            continuation(at + 3, 0x80, 0xBF);
            return at + 4;
        }
        throw GIVE_UP;
    }

    private void continuation(int at, int min, int max) throws GiveUp {
        if (at >= end) {
            throw GIVE_UP;
        }
        int c = b[at] & 0xFF;
        if (c < min || c > max) {
            throw GIVE_UP;
        }
    }

    private static boolean isNumber(byte c) {
        return c == '-' || (c >= '0' && c <= '9');
    }

    /**
     * An integer of at most {@code maxDigits} digits, or Long.MIN_VALUE when the number has a
     * fraction or an exponent (read past either way); Jackson's path for a longer one.
     */
    private long integer(int maxDigits) throws GiveUp {
        int start = i;
        boolean negative = at(i) == '-';
        if (negative) {
            i++;
        }
        int digitsFrom = i;
        long v = 0;
        while (i < end && b[i] >= '0' && b[i] <= '9') {
            v = v * 10 + (b[i] - '0');
            i++;
        }
        int digits = i - digitsFrom;
        if (digits == 0 || digits > maxDigits || (digits > 1 && at(digitsFrom) == '0')) {
            throw GIVE_UP;
        }
        if (i < end && (b[i] == '.' || b[i] == 'e' || b[i] == 'E')) {
            i = start;
            number();
            return Long.MIN_VALUE;
        }
        return negative ? -v : v;
    }

    /** Steps over a number in JSON's grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
    private void number() throws GiveUp {
        int start = i;
        if (at(i) == '-') {
            i++;
        }
        if (at(i) == '0') {
            i++;
        } else if (!digits()) {
            throw GIVE_UP;
        }
        if (i < end && b[i] == '.') {
            i++;
            if (!digits()) {
                throw GIVE_UP;
            }
        }
        if (i < end && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (i < end && (b[i] == '+' || b[i] == '-')) {
                i++;
            }
            if (!digits()) {
                throw GIVE_UP;
            }
        }
        if (i - start > MAX_TOKEN_LENGTH) {
            throw GIVE_UP;
        }
    }

    private boolean digits() {
        int start = i;
        while (i < end && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        return i > start;
    }

    private void enter() throws GiveUp {
        if (++depth > MAX_DEPTH) {
            throw GIVE_UP;
        }
    }

    /**
     * At an object value whose members are read: true with its '{' consumed and a member next;
     * false for null or an empty object (consumed); any other value is an error, Jackson's to word.
     */
    private boolean members() throws GiveUp {
        if (peek() != '{') {
            literalNull();
            return false;
        }
        i++;
        return !emptyObject();
    }

    /** After '{': whether the object is empty (its '}' consumed). */
    private boolean emptyObject() throws GiveUp {
        whitespace();
        if (at(i) == '}') {
            i++;
            return true;
        }
        return false;
    }

    /** After a member or element: true on a comma, false on {@code close}; else Jackson. */
    private boolean more(char close) throws GiveUp {
        whitespace();
        byte c = at(i++);
        if (c == ',') {
            return true;
        }
        if (c == close) {
            return false;
        }
        throw GIVE_UP;
    }

    private void expect(char c) throws GiveUp {
        whitespace();
        if (i >= end || b[i] != c) {
            throw GIVE_UP;
        }
        i++;
    }

    private byte peek() throws GiveUp {
        whitespace();
        if (i >= end) {
            throw GIVE_UP;
        }
        return at(i);
    }

    private void whitespace() {
        while (i < end) {
            byte c = b[i];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            i++;
        }
    }

    /** The byte at {@code k} of the line; past its end, Jackson decides. */
    private byte at(int k) throws GiveUp {
        if (k >= end) {
            throw GIVE_UP;
        }
        return b[k];
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
