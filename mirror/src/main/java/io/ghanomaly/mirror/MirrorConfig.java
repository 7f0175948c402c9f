package io.ghanomaly.mirror;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Everything one mirror run is told, parsed once from the command line.
 *
 * @param out the directory the job watches; files land there under their archive names
 * @param from the first UTC hour, or null (follow: start with the newest hour that is due)
 * @param to the first UTC hour not to fetch, or null (follow: never stop)
 * @param follow keep fetching each new hour once it is due
 * @param parallel at most this many downloads at once
 * @param baseUrl where the archive's files are, {@code baseUrl/2025-01-01-15.json.gz}
 * @param retries how many times one file is tried again after a failed try
 * @param timeout the longest wait for response headers, and for the next bytes of a body
 * @param backoff the wait before the first retry; doubled for each next one, plus jitter
 * @param delay how long after an hour's end following first asks for it
 * @param poll how often following asks again for an hour that is not there yet
 * @param holeAfter how long after an hour's end a 404 means a hole and not "not yet"
 */
public record MirrorConfig(
        Path out,
        Instant from,
        Instant to,
        boolean follow,
        int parallel,
        URI baseUrl,
        int retries,
        Duration timeout,
        Duration backoff,
        Duration delay,
        Duration poll,
        Duration holeAfter) {

    public MirrorConfig {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(poll, "poll");
        Objects.requireNonNull(holeAfter, "holeAfter");
        if (parallel < 1 || retries < 0 || timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("parallel >= 1, retries >= 0, timeout > 0");
        }
    }

    /** The URL of one archive file. */
    URI urlOf(String fileName) {
        String base = baseUrl.toString();
        return URI.create(base.endsWith("/") ? base + fileName : base + "/" + fileName);
    }
}
