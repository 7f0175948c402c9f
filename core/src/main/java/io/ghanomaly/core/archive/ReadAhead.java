package io.ghanomaly.core.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;

/**
 * The file's bytes, with a look at the first two, and an available() that answers 0 only at the
 * end: GZIPInputStream before JDK 23 (JDK-7036144) reads a further gzip member only when
 * available() > 0, so over a stream that answers 0 between members (a network stream, a
 * SequenceInputStream) every member after the first would be silently lost.
 */
final class ReadAhead extends PushbackInputStream {
    ReadAhead(InputStream in) {
        super(in, 2);
    }

    /** The first two bytes as one big-endian number; -1 for an empty stream. */
    int firstTwoBytes() throws IOException {
        int b0 = read();
        if (b0 < 0) {
            return -1;
        }
        int b1 = read();
        if (b1 >= 0) {
            unread(b1);
        }
        unread(b0);
        return b0 << 8 | Math.max(b1, 0);
    }

    @Override
    public int available() throws IOException {
        int n = super.available();
        if (n > 0) {
            return n;
        }
        int b = read();
        if (b < 0) {
            return 0;
        }
        unread(b);
        return 1;
    }
}
