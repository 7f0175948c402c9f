package io.ghanomaly.mirror;

import java.io.IOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a response body into a partial file as its bytes arrive (from the start on a 200, after
 * the bytes already there on a 206 that continues them; any other body is read and dropped) and
 * remembers when bytes last arrived, so that a stalled body can be told from a slow one and
 * cancelled.
 */
final class BodyToFile implements HttpResponse.BodyHandler<Long> {
    private static final Pattern CONTENT_RANGE =
            Pattern.compile("bytes\\s+(?:(\\d+)-(\\d+)|\\*)/(\\d+|\\*)");

    private final Path part;
    private final long offset;
    private final LongConsumer onBytes;
    private volatile long lastProgressNanos = System.nanoTime();
    private volatile Writer writer;
    private volatile boolean otherRange;

    /**
     * @param part the partial file
     * @param offset its length when the request was sent (the Range asked for starts there)
     * @param onBytes told of every body byte received, for the totals
     */
    BodyToFile(Path part, long offset, LongConsumer onBytes) {
        this.part = part;
        this.offset = offset;
        this.onBytes = onBytes;
    }

    @Override
    public HttpResponse.BodySubscriber<Long> apply(HttpResponse.ResponseInfo info) {
        lastProgressNanos = System.nanoTime();
        FileChannel channel = null;
        IOException failure = null;
        try {
            if (info.statusCode() == 200) {
                // a server that ignores Range sends the whole file: start it again
                channel =
                        FileChannel.open(
                                part,
                                StandardOpenOption.CREATE,
                                StandardOpenOption.WRITE,
                                StandardOpenOption.TRUNCATE_EXISTING);
            } else if (info.statusCode() == 206) {
                if (rangeStart(info.headers()) == offset) {
                    channel =
                            FileChannel.open(
                                    part,
                                    StandardOpenOption.CREATE,
                                    StandardOpenOption.WRITE,
                                    StandardOpenOption.APPEND);
                } else {
                    otherRange = true;
                }
            }
        } catch (IOException e) {
            failure = e;
        }
        Writer w = new Writer(channel, failure);
        writer = w;
        return w;
    }

    /** Nanoseconds since the response's headers or bytes last arrived (or the request was made). */
    long idleNanos() {
        return System.nanoTime() - lastProgressNanos;
    }

    /** Whether a 206 answered a range other than the one asked for (its body was dropped). */
    boolean otherRange() {
        return otherRange;
    }

    /** Stops the body: the connection is dropped and the body ends with {@code why}. */
    void cancel(IOException why) {
        Writer w = writer;
        if (w != null) {
            w.abort(why);
        }
    }

    /**
     * The total length in a Content-Range header: bytes 0-99/1234, or bytes &#42;/1234 on a 416.
     */
    static OptionalLong rangeTotal(HttpHeaders headers) {
        Matcher m = contentRange(headers);
        return m != null && m.group(3).matches("\\d+")
                ? OptionalLong.of(Long.parseLong(m.group(3)))
                : OptionalLong.empty();
    }

    private static long rangeStart(HttpHeaders headers) {
        Matcher m = contentRange(headers);
        return m != null && m.group(1) != null ? Long.parseLong(m.group(1)) : -1;
    }

    private static Matcher contentRange(HttpHeaders headers) {
        String value = headers.firstValue("Content-Range").orElse("");
        Matcher m = CONTENT_RANGE.matcher(value.trim());
        return m.matches() ? m : null;
    }

    private final class Writer implements HttpResponse.BodySubscriber<Long> {
        private final CompletableFuture<Long> body = new CompletableFuture<>();
        private final FileChannel channel; // null: read and drop
        private final IOException openFailure;
        private Flow.Subscription subscription;
        private long received;
        private boolean done;

        Writer(FileChannel channel, IOException openFailure) {
            this.channel = channel;
            this.openFailure = openFailure;
        }

        @Override
        public CompletionStage<Long> getBody() {
            return body;
        }

        @Override
        public synchronized void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (openFailure != null || done) {
                s.cancel();
                finish(openFailure != null ? openFailure : new IOException("cancelled"));
                return;
            }
            s.request(1);
        }

        @Override
        public synchronized void onNext(List<ByteBuffer> buffers) {
            if (done) {
                return;
            }
            long n = 0;
            try {
                for (ByteBuffer b : buffers) {
                    n += b.remaining();
                    if (channel == null) {
                        b.position(b.limit());
                        continue;
                    }
                    while (b.hasRemaining()) {
                        channel.write(b);
                    }
                }
            } catch (IOException e) {
                subscription.cancel();
                finish(e);
                return;
            }
            received += n;
            onBytes.accept(n);
            lastProgressNanos = System.nanoTime();
            subscription.request(1);
        }

        @Override
        public synchronized void onError(Throwable t) {
            finish(t);
        }

        @Override
        public synchronized void onComplete() {
            if (done) {
                return;
            }
            done = true;
            try {
                if (channel != null) {
                    // on disk before the rename, so a crash never leaves a named, empty file
                    channel.force(true);
                    channel.close();
                }
                body.complete(received);
            } catch (IOException e) {
                body.completeExceptionally(e);
            }
        }

        synchronized void abort(IOException why) {
            if (subscription != null) {
                subscription.cancel();
            }
            finish(why);
        }

        private void finish(Throwable t) {
            if (done) {
                return;
            }
            done = true;
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException e) {
                    t.addSuppressed(e);
                }
            }
            body.completeExceptionally(t);
        }
    }
}
