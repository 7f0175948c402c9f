package io.ghanomaly.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** E-mail through a real SMTP server (GreenMail) on 127.0.0.1 and a free port. */
class EmailChannelTest {
    @RegisterExtension
    static final GreenMailExtension SMTP =
            new GreenMailExtension(
                            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)
                                    .dynamicPort())
                    .withConfiguration(
                            GreenMailConfiguration.aConfig()
                                    .withUser("alerts@example.org", "s3cret"));

    @Test
    void theMessageArrivesWithBothPartsAtEveryRecipient() throws Exception {
        List<AlertChannel> channels =
                AlertingConfig.channels(
                        Map.of(
                                "ALERT_EMAIL_FROM", "alerts@example.org",
                                "ALERT_EMAIL_TO", "oncall@example.org, security@example.org",
                                "ALERT_EMAIL_PASSWORD", "s3cret",
                                "ALERT_EMAIL_SMTP", "127.0.0.1",
                                "ALERT_EMAIL_PORT", Integer.toString(SMTP.getSmtp().getPort()),
                                "ALERT_EMAIL_SECURITY", "none",
                                "ALERT_LOG", "target/test-alerts.jsonl"),
                        java.nio.file.Path.of("target/unused.jsonl"));
        AlertChannel email =
                channels.stream().filter(c -> c.name().equals("email")).findFirst().orElseThrow();
        email.send(HttpChannelTest.ALERT);

        assertThat(SMTP.waitForIncomingEmail(Duration.ofSeconds(10).toMillis(), 2)).isTrue();
        MimeMessage[] received = SMTP.getReceivedMessages();
        assertThat(received).hasSize(2); // one copy per recipient
        MimeMessage m = received[0];
        assertThat(m.getSubject())
                .isEqualTo("[gh-anomaly] anomaly_rate (people, 2025-01-01T06:00:00Z)");
        assertThat(m.getRecipients(Message.RecipientType.TO))
                .extracting(Object::toString)
                .containsExactly("oncall@example.org", "security@example.org");
        assertThat(m.getHeader("X-GH-Anomaly-Alert-Id")[0]).isEqualTo(HttpChannelTest.ALERT.id());
        MimeMultipart parts = (MimeMultipart) m.getContent();
        assertThat(parts.getContentType()).startsWith("multipart/alternative");
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat((String) parts.getBodyPart(0).getContent())
                .contains("38.1% of 3,027")
                .contains("example_actors: a, b");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
        assertThat((String) parts.getBodyPart(1).getContent())
                .contains("<a href=\"http://127.0.0.1:8080/#hour=2025-01-01T06\">");
    }

    @Test
    void aWrongPasswordIsAFailureNotAnAlertLost() throws Exception {
        EmailChannel wrong =
                new EmailChannel(
                        "127.0.0.1",
                        SMTP.getSmtp().getPort(),
                        EmailChannel.Security.NONE,
                        "alerts@example.org",
                        "wrong",
                        "alerts@example.org",
                        List.of("oncall@example.org"),
                        Duration.ofSeconds(5));
        try (AlertDelivery d =
                new AlertDelivery(
                        List.of(wrong),
                        new AlertDelivery.Policy(
                                10, 2, Duration.ofMillis(10), Duration.ofMillis(50)))) {
            d.offer(HttpChannelTest.ALERT);
            assertThat(d.awaitIdle(Duration.ofSeconds(20))).isTrue();
            assertThat(d.counts().get("email").failed()).isEqualTo(1);
        }
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }
}
