package io.ghanomaly.alerting;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghanomaly.core.alert.Alert;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * A channel that POSTs JSON: a Slack incoming webhook, Slack's {@code chat.postMessage} with a bot
 * token, or any JSON webhook (PagerDuty, Opsgenie, Teams and the like, through their own URL). 2xx
 * is sent; 408, 429 (with its {@code Retry-After}), 5xx, time-outs and refused connections are
 * worth another try; any other answer is not.
 */
public final class HttpChannel implements AlertChannel {
    /** How long one request may take, connecting included. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String name;
    private final URI url;
    private final String bearer;
    private final Function<Alert, JsonNode> body;
    private final boolean slackApi;
    private final HttpClient http;
    private final Duration timeout;

    private HttpChannel(
            String name,
            URI url,
            String bearer,
            Function<Alert, JsonNode> body,
            boolean slackApi,
            Duration timeout) {
        this.name = name;
        this.url = url;
        this.bearer = bearer;
        this.body = body;
        this.slackApi = slackApi;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.timeout = timeout;
    }

    /** A Slack incoming webhook: Block Kit message to the webhook's channel. */
    public static HttpChannel slackWebhook(URI url, Duration timeout) {
        return new HttpChannel("slack-webhook", url, null, AlertMessages::slack, false, timeout);
    }

    /** Slack's Web API {@code chat.postMessage} with a bot token, as the reference project used. */
    public static HttpChannel slackBot(URI api, String token, String channel, Duration timeout) {
        return new HttpChannel(
                "slack-bot",
                api.resolve("chat.postMessage"),
                token,
                a -> AlertMessages.slack(a).put("channel", channel),
                true,
                timeout);
    }

    /** Any JSON webhook: the alert as a JSON object. */
    public static HttpChannel webhook(URI url, Duration timeout) {
        return new HttpChannel("webhook", url, null, AlertMessages::json, false, timeout);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void send(Alert alert) throws DeliveryException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(url)
                        .timeout(timeout)
                        .header("Content-Type", "application/json; charset=utf-8")
                        .POST(HttpRequest.BodyPublishers.ofString(body.apply(alert).toString()));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response;
        CompletableFuture<HttpResponse<String>> call =
                http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
        try {
            // the whole exchange, body included: the request's own timeout stops at the headers
            response = call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw DeliveryException.retryable(
                    name + ": no answer within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw DeliveryException.retryable(
                        name + ": no answer within " + timeout.toSeconds() + " s");
            }
            throw DeliveryException.retryable(name + ": " + cause.getClass().getSimpleName());
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw DeliveryException.retryable(name + ": interrupted");
        }
        int status = response.statusCode();
        if (status == 429) {
            throw DeliveryException.retryAfter(
                    name + ": rate-limited (429)",
                    retryAfter(response.headers().firstValue("Retry-After")));
        }
        if (status == 408 || status >= 500) {
            throw DeliveryException.retryable(name + ": HTTP " + status);
        }
        if (status < 200 || status >= 300) {
            throw DeliveryException.permanent(
                    name + ": HTTP " + status + " " + clip(response.body()));
        }
        if (slackApi) {
            slackAnswer(response.body());
        }
    }

    /** chat.postMessage answers 200 with {@code {"ok":false,"error":"..."}} when it refuses. */
    private void slackAnswer(String text) throws DeliveryException {
        JsonNode answer;
        try {
            answer = AlertMessages.JSON.readTree(text);
        } catch (IOException e) {
            throw DeliveryException.retryable(name + ": the answer is not JSON");
        }
        if (answer.path("ok").asBoolean(false)) {
            return;
        }
        String error = answer.path("error").asText("unknown");
        if (error.equals("ratelimited")
                || error.equals("internal_error")
                || error.equals("service_unavailable")) {
            throw DeliveryException.retryable(name + ": " + error);
        }
        throw DeliveryException.permanent(
                name
                        + ": Slack refused the message: "
                        + error); // invalid_auth, channel_not_found...
    }

    /** Seconds, as Slack sends it; 1 s when absent or not a number. */
    static Duration retryAfter(Optional<String> header) {
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.orElse("1").trim())));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }

    private static String clip(String s) {
        return s == null ? "" : s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
