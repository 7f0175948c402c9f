package io.ghanomaly.alerting;

import io.ghanomaly.core.alert.Alert;

/** Somewhere an alert can be sent: Slack, e-mail, a webhook, the local log. */
public interface AlertChannel {
    /** A short name for logs and counts: {@code slack-webhook}, {@code email}, ... */
    String name();

    /** Sends one alert, once; the caller retries what is retryable. */
    void send(Alert alert) throws DeliveryException;
}
