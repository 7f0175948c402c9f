package io.ghanomaly.mirror;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * How long to wait before trying a file again: what the server asked for (Retry-After), else an
 * exponential backoff with jitter, so that parallel downloads that failed together do not all come
 * back at the same moment.
 */
final class Backoff {
    /** The longest exponential wait. */
    static final Duration MAX = Duration.ofMinutes(2);

    /** A Retry-After longer than this is taken as this: a misconfigured server must not park us. */
    static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

    private final Duration first;
    private final DoubleSupplier random;

    /**
     * @param first the wait before the first retry
     * @param random uniform in [0, 1), for the jitter
     */
    Backoff(Duration first, DoubleSupplier random) {
        this.first = first;
        this.random = random;
    }

    /**
     * The wait before retry number {@code retry} (1 for the first): Retry-After when the server
     * sent one, else {@code first * 2^(retry-1)} (at most {@link #MAX}) plus up to half as much.
     */
    Duration delay(int retry, Optional<Duration> retryAfter) {
        if (retryAfter.isPresent()) {
            Duration asked = retryAfter.get();
            return asked.isNegative()
                    ? Duration.ZERO
                    : asked.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : asked;
        }
        long base = first.toMillis();
        for (int i = 1; i < retry && base < MAX.toMillis(); i++) {
            base *= 2;
        }
        base = Math.min(base, MAX.toMillis());
        return Duration.ofMillis(base + (long) (random.getAsDouble() * base / 2));
    }

    /**
     * A Retry-After header's wait: delta-seconds ({@code 120}) or an HTTP date; empty when absent
     * or unreadable.
     */
    static Optional<Duration> retryAfter(Optional<String> header, Instant now) {
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String value = header.get().trim();
        if (value.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
        }
        try {
            Instant at =
                    ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
