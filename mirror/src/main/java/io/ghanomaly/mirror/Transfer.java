package io.ghanomaly.mirror;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;

/**
 * One try at one file: a GET that continues the partial file with a Range request when there is
 * one. HttpClient's request timeout only covers the wait for the headers, so a body that stops
 * sending is caught here, by watching for bytes, and cancelled.
 */
final class Transfer {
    /** What a try came to. */
    enum Outcome {
        /** The partial file now holds the whole file, as far as HTTP can tell. */
        COMPLETE,
        /** 404 or 410. */
        NOT_FOUND,
        /** 416: the partial file is as long as the file, or longer. */
        RANGE_NOT_SATISFIABLE,
        /** A 206 for another range than the one asked for; its body was dropped. */
        OTHER_RANGE,
        /** 5xx, 429 or 408: try again later. */
        RETRY_LATER,
        /** Any other status: trying again will not help. */
        REFUSED
    }

    /**
     * @param total the file's whole length, when the response said
     */
    record Result(Outcome outcome, int status, Optional<Duration> retryAfter, OptionalLong total) {}

    /** No bytes arrived for longer than the timeout. */
    static final class StalledException extends IOException {
        private static final long serialVersionUID = 1L;

        StalledException(String message) {
            super(message);
        }
    }

    private static final String USER_AGENT = "gh-anomaly-mirror/0.1 (+https://www.gharchive.org)";

    private final HttpClient client;
    private final Duration timeout;
    private final Clock clock;

    Transfer(HttpClient client, Duration timeout, Clock clock) {
        this.client = client;
        this.timeout = timeout;
        this.clock = clock;
    }

    /**
     * Fetches {@code uri} into {@code part}, continuing it when it exists.
     *
     * @param onBytes told of every body byte received
     * @throws IOException on a network error, a time-out or a body that breaks off; the bytes
     *     received so far stay in {@code part}
     */
    Result get(URI uri, Path part, LongConsumer onBytes) throws IOException, InterruptedException {
        long offset = Files.exists(part) ? Files.size(part) : 0;
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri).timeout(timeout).header("User-Agent", USER_AGENT).GET();
        if (offset > 0) {
            request.header("Range", "bytes=" + offset + "-");
        }
        BodyToFile body = new BodyToFile(part, offset, onBytes);
        HttpResponse<Long> response = await(client.sendAsync(request.build(), body), body);
        int status = response.statusCode();
        if (status == 200 || status == 206) {
            if (body.otherRange()) {
                return result(Outcome.OTHER_RANGE, response);
            }
            OptionalLong total =
                    status == 206
                            ? BodyToFile.rangeTotal(response.headers())
                            : response.headers().firstValueAsLong("Content-Length");
            long size = Files.size(part);
            if (total.isPresent() && size != total.getAsLong()) {
                throw new IOException(
                        "the body ended at " + size + " of " + total.getAsLong() + " bytes");
            }
            return new Result(Outcome.COMPLETE, status, Optional.empty(), total);
        }
        if (status == 404 || status == 410) {
            return result(Outcome.NOT_FOUND, response);
        }
        if (status == 416 && offset > 0) {
            return new Result(
                    Outcome.RANGE_NOT_SATISFIABLE,
                    status,
                    Optional.empty(),
                    BodyToFile.rangeTotal(response.headers()));
        }
        if (status >= 500 || status == 429 || status == 408) {
            return new Result(
                    Outcome.RETRY_LATER,
                    status,
                    Backoff.retryAfter(
                            response.headers().firstValue("Retry-After"), clock.instant()),
                    OptionalLong.empty());
        }
        return result(Outcome.REFUSED, response);
    }

    private static Result result(Outcome outcome, HttpResponse<Long> response) {
        return new Result(outcome, response.statusCode(), Optional.empty(), OptionalLong.empty());
    }

    /** Waits for the whole response, giving up when no bytes arrive for the timeout. */
    private HttpResponse<Long> await(
            CompletableFuture<HttpResponse<Long>> response, BodyToFile body)
            throws IOException, InterruptedException {
        long limit = timeout.toNanos();
        long tick = Math.max(10, Math.min(250, timeout.toMillis() / 10));
        while (true) {
            try {
                return response.get(tick, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (body.idleNanos() > limit) {
                    StalledException stalled =
                            new StalledException("no bytes for " + timeout.toMillis() + " ms");
                    body.cancel(stalled);
                    response.cancel(true);
                    throw stalled;
                }
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof IOException io) {
                    throw io;
                }
                throw new IOException(cause);
            } catch (InterruptedException e) {
                body.cancel(new InterruptedIOException("interrupted"));
                response.cancel(true);
                throw e;
            }
        }
    }
}
