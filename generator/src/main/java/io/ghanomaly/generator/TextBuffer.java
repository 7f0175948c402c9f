package io.ghanomaly.generator;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Arrays;

/**
 * A growable char array reused from event to event, so generated text and URLs reach the JSON
 * generator without a new String each.
 */
final class TextBuffer {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private char[] chars = new char[512];
    private int length;

    TextBuffer clear() {
        length = 0;
        return this;
    }

    int length() {
        return length;
    }

    /** Cuts the text back to an earlier length, to reuse a common prefix. */
    void truncate(int newLength) {
        length = newLength;
    }

    char charAt(int index) {
        return chars[index];
    }

    TextBuffer append(String text) {
        int n = text.length();
        ensureRoom(n);
        text.getChars(0, n, chars, length);
        length += n;
        return this;
    }

    TextBuffer append(TextBuffer other) {
        ensureRoom(other.length);
        System.arraycopy(other.chars, 0, chars, length, other.length);
        length += other.length;
        return this;
    }

    TextBuffer append(char c) {
        ensureRoom(1);
        chars[length++] = c;
        return this;
    }

    TextBuffer append(long value) {
        if (value < 0) {
            return append(Long.toString(value));
        }
        ensureRoom(20);
        int start = length;
        long rest = value;
        do {
            chars[length++] = (char) ('0' + rest % 10);
            rest /= 10;
        } while (rest != 0);
        for (int i = start, j = length - 1; i < j; i++, j--) {
            char swap = chars[i];
            chars[i] = chars[j];
            chars[j] = swap;
        }
        return this;
    }

    /** Appends the low {@code digits} hex digits of {@code bits}, most significant first. */
    TextBuffer appendHex(long bits, int digits) {
        ensureRoom(digits);
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            chars[length++] = HEX[(int) ((bits >>> shift) & 0xF)];
        }
        return this;
    }

    /** Upper-cases the character at {@code index}, for the start of a sentence. */
    void capitalize(int index) {
        if (index < length) {
            chars[index] = Character.toUpperCase(chars[index]);
        }
    }

    void writeTo(JsonGenerator json) throws IOException {
        json.writeString(chars, 0, length);
    }

    void writeField(JsonGenerator json, String field) throws IOException {
        json.writeFieldName(field);
        json.writeString(chars, 0, length);
    }

    private void ensureRoom(int extra) {
        if (length + extra > chars.length) {
            chars = Arrays.copyOf(chars, Math.max(chars.length * 2, length + extra));
        }
    }

    @Override
    public String toString() {
        return new String(chars, 0, length);
    }
}
