package io.ghanomaly.alerting;

import java.time.Duration;

/** A send that failed: whether trying again may help, and when the receiver asked us to. */
public final class DeliveryException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean retryable;
    private final Duration retryAfter;

    private DeliveryException(String message, boolean retryable, Duration retryAfter) {
        super(message);
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    /** A failure that may pass: a time-out, a 5xx, a refused connection. */
    public static DeliveryException retryable(String message) {
        return new DeliveryException(message, true, null);
    }

    /** The receiver is rate-limiting and said when to come back (Slack's 429 Retry-After). */
    public static DeliveryException retryAfter(String message, Duration wait) {
        return new DeliveryException(message, true, wait);
    }

    /** A failure that will not pass by itself: a wrong URL, token or address. */
    public static DeliveryException permanent(String message) {
        return new DeliveryException(message, false, null);
    }

    public boolean isRetryable() {
        return retryable;
    }

    /** When the receiver asked to be tried again, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
