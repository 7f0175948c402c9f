package io.ghanomaly.core.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Decompresses ahead of its reader, on a thread of its own: while the reader splits and parses one
 * chunk of an hour, the next chunks are being inflated. Decompression is about a quarter of the
 * job's CPU and the parse most of the rest, so with the two on one thread the reader was bound by
 * their sum; with this, by the larger of them.
 *
 * <p>The bytes, their order, the end of the stream and every failure are those of the stream it
 * wraps: a failure is thrown to the reader at the point of the stream it happened at, after every
 * byte before it, and again on every later read. At most {@link #DEPTH} chunks wait, so a reader
 * that stops reading stops the inflation too. {@link #close} stops the thread before it closes the
 * wrapped stream.
 */
final class InflateAhead extends InputStream {
    static final int CHUNK = 1 << 17;
    static final int DEPTH = 8;

    private static final byte[] END = new byte[0];

    /** A chunk of bytes, the end (END) or a failure, in stream order. */
    private record Piece(byte[] bytes, int length, IOException failure) {}

    private final InputStream source;
    private final BlockingQueue<Piece> ready = new ArrayBlockingQueue<>(DEPTH);
    private final BlockingQueue<byte[]> spare = new ArrayBlockingQueue<>(DEPTH + 2);
    private final Thread thread;
    private volatile boolean closed;

    private Piece current;
    private int pos;

    InflateAhead(InputStream source, String name) {
        this.source = source;
        this.thread = new Thread(this::inflate, "inflate " + name);
        thread.setDaemon(true);
        thread.start();
    }

    private void inflate() {
        try {
            while (!closed) {
                byte[] chunk = spare.poll();
                if (chunk == null) {
                    chunk = new byte[CHUNK];
                }
                int n = fillChunk(chunk);
                if (n > 0) {
                    hand(new Piece(chunk, n, null));
                }
                if (n < chunk.length) {
                    hand(new Piece(END, 0, null));
                    return;
                }
            }
        } catch (IOException e) {
            handQuietly(new Piece(null, 0, e));
        } catch (RuntimeException | Error e) {
            handQuietly(new Piece(null, 0, new IOException("decompression failed: " + e, e)));
        }
    }

    /** Reads until the chunk is full or the stream has ended; the bytes read. */
    private int fillChunk(byte[] chunk) throws IOException {
        int n = 0;
        while (n < chunk.length) {
            int r;
            try {
                r = source.read(chunk, n, chunk.length - n);
            } catch (IOException e) {
                if (n > 0) { // the bytes before the failure first, then the failure
                    hand(new Piece(chunk, n, null));
                }
                throw e;
            }
            if (r < 0) {
                break;
            }
            n += r;
        }
        return n;
    }

    private void hand(Piece piece) throws IOException {
        try {
            while (!ready.offer(piece, 100, TimeUnit.MILLISECONDS)) {
                if (closed) {
                    throw new InterruptedIOException("closed");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("closed");
        }
    }

    private void handQuietly(Piece piece) {
        try {
            hand(piece);
        } catch (IOException ignored) {
            // closed: nobody reads any more
        }
    }

    /** The piece to read from, or null at the end; throws the wrapped stream's failure. */
    private Piece piece() throws IOException {
        if (current != null && pos < current.length) {
            return current;
        }
        if (current != null && current.bytes == END) {
            return null;
        }
        if (current != null && current.failure != null) {
            throw current.failure;
        }
        if (current != null && current.bytes.length == CHUNK) {
            spare.offer(current.bytes);
        }
        try {
            current = ready.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for decompressed data");
        }
        pos = 0;
        if (current.failure != null) {
            throw current.failure;
        }
        return current.bytes == END ? null : current;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        Piece p = piece();
        if (p == null) {
            return -1;
        }
        int n = Math.min(len, p.length - pos);
        System.arraycopy(p.bytes, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public int read() throws IOException {
        Piece p = piece();
        return p == null ? -1 : p.bytes[pos++] & 0xff;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        thread.interrupt();
        ready.clear(); // a thread waiting to hand a chunk sees closed within its next wait
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        source.close();
    }
}
