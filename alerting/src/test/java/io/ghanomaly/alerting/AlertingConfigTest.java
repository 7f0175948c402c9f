package io.ghanomaly.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertingConfigTest {
    @TempDir Path dir;

    @Test
    void theReferenceProjectsNamesConfigureTheChannelsTheLogAlways() {
        assertThat(names(Map.of())).containsExactly("log");
        assertThat(
                        names(
                                Map.of(
                                        "SLACK_WEBHOOK_URL",
                                                "https://hooks.slack.com/services/T/B/secret",
                                        "SLACK_API_TOKEN", "xoxb-1",
                                        "SLACK_CHANNEL", "#alerts",
                                        "ALERT_WEBHOOK_URL", "https://events.pagerduty.com/x",
                                        "ALERT_EMAIL_FROM", "a@example.org",
                                        "ALERT_EMAIL_TO", "b@example.org",
                                        "ALERT_EMAIL_SMTP", "smtp.example.org")))
                .containsExactly("log", "slack-webhook", "slack-bot", "webhook", "email");
    }

    @Test
    void aWrongOrHalfGivenSettingIsOneLineWithoutTheSecret() {
        assertThatThrownBy(() -> names(Map.of("SLACK_API_TOKEN", "xoxb-very-secret")))
                .hasMessage(
                        "SLACK_API_TOKEN is set but SLACK_CHANNEL is not: set the channel (e.g. #alerts)");
        assertThatThrownBy(
                        () ->
                                names(
                                        Map.of(
                                                "SLACK_WEBHOOK_URL",
                                                "hooks.slack.com/services/T/B/secret")))
                .hasMessage("SLACK_WEBHOOK_URL is not an http(s) URL");
        assertThatThrownBy(
                        () ->
                                names(
                                        Map.of(
                                                "ALERT_EMAIL_FROM",
                                                "a@example.org",
                                                "ALERT_EMAIL_SMTP",
                                                "smtp")))
                .hasMessageStartingWith("ALERT_EMAIL_TO is not set");
        assertThatThrownBy(
                        () ->
                                names(
                                        Map.of(
                                                "ALERT_EMAIL_FROM",
                                                "a@example.org",
                                                "ALERT_EMAIL_TO",
                                                "b@example.org",
                                                "ALERT_EMAIL_SMTP",
                                                "smtp",
                                                "ALERT_EMAIL_PORT",
                                                "smtp")))
                .hasMessage("ALERT_EMAIL_PORT is not a port number: smtp");
        assertThatThrownBy(
                        () ->
                                names(
                                        Map.of(
                                                "ALERT_EMAIL_FROM",
                                                "not an address",
                                                "ALERT_EMAIL_TO",
                                                "b@example.org",
                                                "ALERT_EMAIL_SMTP",
                                                "smtp",
                                                "ALERT_EMAIL_PASSWORD",
                                                "hunter2")))
                .hasMessageStartingWith(
                        "ALERT_EMAIL_FROM or ALERT_EMAIL_TO is not an e-mail address")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void alertTestSaysPerChannelWhatHappened() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path log = dir.resolve("alerts.jsonl");
        try (Receiver hook = new Receiver(Receiver.Answer.ok(""))) {
            int code =
                    AlertTest.run(
                            new String[0],
                            Map.of(
                                    "ALERT_LOG",
                                    log.toString(),
                                    "ALERT_WEBHOOK_URL",
                                    hook.url("/hook").toString()),
                            new PrintStream(out, true, StandardCharsets.UTF_8),
                            new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(code).isZero();
            assertThat(hook.received).hasSize(1);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("log", "webhook", "sent");
        assertThat(Files.readAllLines(log))
                .hasSize(1)
                .allSatisfy(l -> assertThat(l).contains("\"rule\":\"test\""));

        int bad =
                AlertTest.run(
                        new String[0],
                        Map.of("SLACK_CHANNEL", "#x"),
                        new PrintStream(out),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(bad).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("SLACK_CHANNEL is set but SLACK_API_TOKEN is not");
    }

    @Test
    void aConfigFileGivesTheSameSettingsTheEnvironmentWinsAndATypoIsNamed() throws Exception {
        Path file = dir.resolve("alerting.properties");
        Files.writeString(
                file,
                """
                # secrets out of the environment
                ALERT_WEBHOOK_URL=https://events.example.org/hook
                SLACK_API_TOKEN=xoxb-from-file
                SLACK_CHANNEL=#from-file
                """);
        assertThat(names(Map.of("ALERT_CONFIG", file.toString())))
                .containsExactly("log", "slack-bot", "webhook");
        Map<String, String> merged =
                AlertingConfig.withConfigFile(
                        Map.of("ALERT_CONFIG", file.toString(), "SLACK_CHANNEL", "#from-env"));
        assertThat(merged)
                .containsEntry("SLACK_CHANNEL", "#from-env")
                .containsEntry("ALERT_WEBHOOK_URL", "https://events.example.org/hook");

        Files.writeString(file, "ALERT_EMAIL_PASWORD=hunter2\n");
        assertThatThrownBy(() -> names(Map.of("ALERT_CONFIG", file.toString())))
                .hasMessage("ALERT_CONFIG " + file + ": unknown setting ALERT_EMAIL_PASWORD")
                .hasMessageNotContaining("hunter2");
        Files.writeString(file, "xoxb-pasted-without-a-name\n");
        assertThatThrownBy(() -> names(Map.of("ALERT_CONFIG", file.toString())))
                .hasMessageContaining("not NAME=value")
                .hasMessageNotContaining("xoxb");
        assertThatThrownBy(() -> names(Map.of("ALERT_CONFIG", dir.resolve("none").toString())))
                .hasMessageStartingWith("ALERT_CONFIG ")
                .hasMessageContaining("cannot be read");
    }

    private List<String> names(Map<String, String> env) {
        return AlertingConfig.channels(env, dir.resolve("alerts.jsonl")).stream()
                .map(AlertChannel::name)
                .toList();
    }
}
