package io.ghanomaly.alerting;

import io.ghanomaly.core.alert.Alert;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code ./gh-anomaly alert-test}: sends one test alert to every channel the environment configures
 * and says, per channel, whether it arrived. Exit 0 when all did, 1 when one did not, 2 for a
 * setting that is wrong.
 */
public final class AlertTest {
    private AlertTest() {}

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            out.println(
                    "Usage: alert-test   (channels from the environment: see the README, Alerts)");
            return 0;
        }
        if (args.length > 0) {
            err.println("alert-test: takes no options, got " + args[0] + " (see --help)");
            return 2;
        }
        List<AlertChannel> channels;
        try {
            channels =
                    AlertingConfig.channels(
                            env,
                            Path.of(
                                    env.getOrDefault("GH_ANOMALY_WORK", "work"),
                                    "logs",
                                    "alerts.jsonl"));
        } catch (IllegalArgumentException e) {
            err.println("alert-test: " + e.getMessage());
            return 2;
        }
        long hour = Instant.now().toEpochMilli() / 3_600_000 * 3_600_000;
        Alert test =
                new Alert(
                        "test/people/"
                                + Instant.ofEpochMilli(hour)
                                + "/"
                                + System.currentTimeMillis(),
                        "test",
                        "people",
                        hour,
                        "gh-anomaly alert-test: if you read this, this channel works",
                        Map.of("sent_by", "./gh-anomaly alert-test"),
                        env.getOrDefault("GH_ANOMALY_DASHBOARD_URL", "http://127.0.0.1:8080/"));
        out.println("Sending a test alert to " + channels.size() + " channel(s):");
        int failed = 0;
        AlertDelivery.Policy policy =
                new AlertDelivery.Policy(1, 3, Duration.ofSeconds(1), Duration.ofSeconds(10));
        for (AlertChannel c : channels) {
            long start = System.nanoTime();
            AlertDelivery.Outcome o;
            try {
                o = AlertDelivery.sendWithRetries(c, test, policy);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            }
            String outcome =
                    o.sent()
                            ? "sent"
                            : "FAILED after " + o.attempts() + " attempt(s): " + o.error();
            failed += o.sent() ? 0 : 1;
            out.printf(
                    "  %-14s %s (%d ms)%s%n",
                    c.name(),
                    outcome,
                    (System.nanoTime() - start) / 1_000_000,
                    c instanceof AlertLog log ? " -> " + log.file() : "");
        }
        if (channels.size() == 1) {
            out.println(
                    "Only the local log is configured; set SLACK_WEBHOOK_URL, SLACK_API_TOKEN and SLACK_CHANNEL, ALERT_EMAIL_* or ALERT_WEBHOOK_URL for more.");
        }
        return failed == 0 ? 0 : 1;
    }
}
