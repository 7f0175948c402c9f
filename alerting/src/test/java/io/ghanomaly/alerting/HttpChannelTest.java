package io.ghanomaly.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghanomaly.alerting.Receiver.Answer;
import io.ghanomaly.core.alert.Alert;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Slack and webhooks against a real loopback server that also fails, rate-limits and stalls. */
class HttpChannelTest {
    static final Alert ALERT =
            new Alert(
                    "anomaly_rate/people/2025-01-01T06:00:00Z",
                    "anomaly_rate",
                    "people",
                    1_735_711_200_000L,
                    "people: 38.1% of 3,027 actor-hours anomalous (threshold 10.0%)",
                    Map.of("anomaly_rate", "0.381", "example_actors", "a, b"),
                    "http://127.0.0.1:8080/#hour=2025-01-01T06");

    static final AlertDelivery.Policy FAST =
            new AlertDelivery.Policy(10, 4, Duration.ofMillis(20), Duration.ofSeconds(3));

    @Test
    void aSlackWebhookGetsABlockKitMessage() throws Exception {
        try (Receiver slack = new Receiver(Answer.ok("ok"))) {
            HttpChannel.slackWebhook(slack.url("/services/T/B/x"), Duration.ofSeconds(5))
                    .send(ALERT);
            JsonNode m = AlertMessages.JSON.readTree(slack.received.get(0).body());
            assertThat(m.get("text").asText()).isEqualTo(ALERT.summary());
            assertThat(m.get("blocks").get(0).get("type").asText()).isEqualTo("header");
            assertThat(m.toString())
                    .contains("example_actors")
                    .contains(ALERT.link())
                    .contains(ALERT.id());
        }
    }

    @Test
    void theBotTokenPostsToChatPostMessageAndSlacksRefusalIsPermanent() throws Exception {
        try (Receiver slack =
                new Receiver(
                        Answer.ok("{\"ok\":true}"),
                        Answer.ok("{\"ok\":false,\"error\":\"channel_not_found\"}"))) {
            HttpChannel bot =
                    HttpChannel.slackBot(
                            slack.url("/api/"), "xoxb-secret", "#alerts", Duration.ofSeconds(5));
            bot.send(ALERT);
            assertThat(slack.received.get(0).path()).isEqualTo("/api/chat.postMessage");
            assertThat(slack.received.get(0).authorization()).isEqualTo("Bearer xoxb-secret");
            assertThat(
                            AlertMessages.JSON
                                    .readTree(slack.received.get(0).body())
                                    .get("channel")
                                    .asText())
                    .isEqualTo("#alerts");
            assertThatThrownBy(() -> bot.send(ALERT))
                    .isInstanceOf(DeliveryException.class)
                    .hasMessageContaining("channel_not_found")
                    .matches(e -> !((DeliveryException) e).isRetryable());
        }
    }

    @Test
    void fiveHundredsAreTriedAgainUntilTheyPass() throws Exception {
        try (Receiver hook = new Receiver(Answer.status(500), Answer.status(503), Answer.ok(""));
                AlertDelivery delivery =
                        new AlertDelivery(
                                List.of(
                                        HttpChannel.webhook(
                                                hook.url("/hook"), Duration.ofSeconds(5))),
                                FAST)) {
            delivery.offer(ALERT);
            assertThat(delivery.awaitIdle(Duration.ofSeconds(20))).isTrue();
            assertThat(delivery.counts().get("webhook"))
                    .isEqualTo(new AlertDelivery.Counts(1, 0, 0, 2));
            assertThat(hook.received).hasSize(3);
            assertThat(AlertMessages.JSON.readTree(hook.received.get(2).body()).get("id").asText())
                    .isEqualTo(ALERT.id());
        }
    }

    @Test
    void a429WaitsForItsRetryAfter() throws Exception {
        try (Receiver slack = new Receiver(Answer.tooMany("1"), Answer.ok("ok"));
                AlertDelivery delivery =
                        new AlertDelivery(
                                List.of(
                                        HttpChannel.slackWebhook(
                                                slack.url("/s"), Duration.ofSeconds(5))),
                                FAST)) {
            delivery.offer(ALERT);
            assertThat(delivery.awaitIdle(Duration.ofSeconds(20))).isTrue();
            assertThat(slack.received).hasSize(2);
            long waited = slack.received.get(1).atNanos() - slack.received.get(0).atNanos();
            assertThat(Duration.ofNanos(waited))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(990)); // not FAST's 20 ms
            assertThat(delivery.counts().get("slack-webhook").sent()).isEqualTo(1);
        }
    }

    @Test
    void aReceiverThatNeverAnswersTimesOutAndIsGivenUpAfterTheAttempts() throws Exception {
        try (Receiver silent = new Receiver(Answer.silence());
                AlertDelivery delivery =
                        new AlertDelivery(
                                List.of(
                                        HttpChannel.webhook(
                                                silent.url("/hook"), Duration.ofMillis(300))),
                                new AlertDelivery.Policy(
                                        10, 2, Duration.ofMillis(20), Duration.ofSeconds(1)))) {
            delivery.offer(ALERT);
            assertThat(delivery.awaitIdle(Duration.ofSeconds(20))).isTrue();
            assertThat(delivery.counts().get("webhook"))
                    .isEqualTo(new AlertDelivery.Counts(0, 1, 0, 1));
            assertThat(silent.received).hasSize(2);
        }
    }

    @Test
    void aBodyThatNeverComesTimesOutToo() throws Exception {
        try (Receiver stalled = new Receiver(Answer.headersThenSilence())) {
            HttpChannel hook = HttpChannel.webhook(stalled.url("/hook"), Duration.ofMillis(500));
            long start = System.nanoTime();
            assertThatThrownBy(() -> hook.send(ALERT))
                    .isInstanceOf(DeliveryException.class)
                    .hasMessageContaining("no answer within")
                    .matches(e -> ((DeliveryException) e).isRetryable());
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void aWrongUrlIsNotRetried() throws Exception {
        try (Receiver hook = new Receiver(Answer.status(404));
                AlertDelivery delivery =
                        new AlertDelivery(
                                List.of(
                                        HttpChannel.webhook(
                                                hook.url("/nope"), Duration.ofSeconds(5))),
                                FAST)) {
            delivery.offer(ALERT);
            assertThat(delivery.awaitIdle(Duration.ofSeconds(20))).isTrue();
            assertThat(delivery.counts().get("webhook"))
                    .isEqualTo(new AlertDelivery.Counts(0, 1, 0, 0));
            assertThat(hook.received).hasSize(1);
        }
    }
}
