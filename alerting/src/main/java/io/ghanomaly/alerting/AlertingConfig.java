package io.ghanomaly.alerting;

import jakarta.mail.internet.AddressException;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The channels the environment configures, under the reference project's names (and a few of ours):
 * {@code SLACK_WEBHOOK_URL}; {@code SLACK_API_TOKEN} with {@code SLACK_CHANNEL}; {@code
 * ALERT_EMAIL_FROM}, {@code ALERT_EMAIL_TO} (comma-separated), {@code ALERT_EMAIL_PASSWORD}, {@code
 * ALERT_EMAIL_SMTP}, {@code ALERT_EMAIL_PORT} (587), {@code ALERT_EMAIL_SECURITY} (starttls; ssl by
 * default on 465), {@code ALERT_EMAIL_USER} (the sender); {@code ALERT_WEBHOOK_URL}; {@code
 * ALERT_LOG} (the local log, always kept). The same settings can come from a file that {@code
 * ALERT_CONFIG} names, one {@code NAME=value} a line ({@link Properties} syntax, so a secret need
 * not sit in the environment); a variable set in the environment wins over the file. A wrong or
 * half-given setting is one line naming it; no secret appears in any message.
 */
public final class AlertingConfig {
    /** Slack's Web API; another base only for a proxy or a test server. */
    public static final String SLACK_API = "https://slack.com/api/";

    /** Every setting this class reads, so a misspelt one in a config file is an error. */
    static final Set<String> SETTINGS =
            Set.of(
                    "ALERT_LOG",
                    "SLACK_WEBHOOK_URL",
                    "SLACK_API_TOKEN",
                    "SLACK_CHANNEL",
                    "SLACK_API_URL",
                    "ALERT_WEBHOOK_URL",
                    "ALERT_EMAIL_FROM",
                    "ALERT_EMAIL_TO",
                    "ALERT_EMAIL_SMTP",
                    "ALERT_EMAIL_PORT",
                    "ALERT_EMAIL_SECURITY",
                    "ALERT_EMAIL_USER",
                    "ALERT_EMAIL_PASSWORD");

    private AlertingConfig() {}

    /** The channels of this environment, the local log first. */
    public static List<AlertChannel> channels(Map<String, String> environment, Path defaultLog) {
        Map<String, String> env = withConfigFile(environment);
        List<AlertChannel> channels = new ArrayList<>();
        channels.add(new AlertLog(Path.of(get(env, "ALERT_LOG", defaultLog.toString()))));
        Duration timeout = HttpChannel.TIMEOUT;
        String webhook = get(env, "SLACK_WEBHOOK_URL", null);
        if (webhook != null) {
            channels.add(HttpChannel.slackWebhook(url("SLACK_WEBHOOK_URL", webhook), timeout));
        }
        String token = get(env, "SLACK_API_TOKEN", null);
        String channel = get(env, "SLACK_CHANNEL", null);
        if ((token == null) != (channel == null)) {
            throw new IllegalArgumentException(
                    token == null
                            ? "SLACK_CHANNEL is set but SLACK_API_TOKEN is not: set both for Slack's chat.postMessage"
                            : "SLACK_API_TOKEN is set but SLACK_CHANNEL is not: set the channel (e.g. #alerts)");
        }
        if (token != null) {
            String api = get(env, "SLACK_API_URL", SLACK_API);
            api = api.endsWith("/") ? api : api + "/"; // chat.postMessage resolves below it
            channels.add(HttpChannel.slackBot(url("SLACK_API_URL", api), token, channel, timeout));
        }
        String hook = get(env, "ALERT_WEBHOOK_URL", null);
        if (hook != null) {
            channels.add(HttpChannel.webhook(url("ALERT_WEBHOOK_URL", hook), timeout));
        }
        email(env, timeout, channels);
        return channels;
    }

    private static void email(
            Map<String, String> env, Duration timeout, List<AlertChannel> channels) {
        String from = get(env, "ALERT_EMAIL_FROM", null);
        String to = get(env, "ALERT_EMAIL_TO", null);
        String smtp = get(env, "ALERT_EMAIL_SMTP", null);
        if (from == null && to == null && smtp == null) {
            return;
        }
        for (String[] need :
                new String[][] {
                    {"ALERT_EMAIL_FROM", from}, {"ALERT_EMAIL_TO", to}, {"ALERT_EMAIL_SMTP", smtp}
                }) {
            if (need[1] == null) {
                throw new IllegalArgumentException(
                        need[0]
                                + " is not set: e-mail needs ALERT_EMAIL_FROM, ALERT_EMAIL_TO and ALERT_EMAIL_SMTP");
            }
        }
        int port;
        try {
            port = Integer.parseInt(get(env, "ALERT_EMAIL_PORT", "587"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "ALERT_EMAIL_PORT is not a port number: " + env.get("ALERT_EMAIL_PORT"));
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("ALERT_EMAIL_PORT " + port + " is not in 1-65535");
        }
        String security = get(env, "ALERT_EMAIL_SECURITY", port == 465 ? "ssl" : "starttls");
        EmailChannel.Security s;
        try {
            s = EmailChannel.Security.valueOf(security.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "ALERT_EMAIL_SECURITY must be starttls, ssl or none, not " + security);
        }
        List<String> recipients =
                Arrays.stream(to.split(",")).map(String::trim).filter(r -> !r.isEmpty()).toList();
        try {
            channels.add(
                    new EmailChannel(
                            smtp,
                            port,
                            s,
                            get(env, "ALERT_EMAIL_USER", from),
                            get(env, "ALERT_EMAIL_PASSWORD", null),
                            from,
                            recipients,
                            timeout));
        } catch (AddressException e) {
            throw new IllegalArgumentException(
                    "ALERT_EMAIL_FROM or ALERT_EMAIL_TO is not an e-mail address: "
                            + e.getMessage());
        }
    }

    /** The settings of the file ALERT_CONFIG names, under those of the environment. */
    static Map<String, String> withConfigFile(Map<String, String> env) {
        String file = get(env, "ALERT_CONFIG", null);
        if (file == null) {
            return env;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(
                    "ALERT_CONFIG " + file + " cannot be read: " + e.getClass().getSimpleName());
        }
        Map<String, String> merged = new HashMap<>();
        for (String name : p.stringPropertyNames()) {
            if (!SETTINGS.contains(name)) {
                // a line without NAME= makes its text the name: it may be a pasted secret
                throw new IllegalArgumentException(
                        "ALERT_CONFIG "
                                + file
                                + ": "
                                + (name.matches("(ALERT|SLACK)_[A-Z0-9_]{1,40}")
                                        ? "unknown setting " + name
                                        : "a line that is not NAME=value (not shown: it may be a"
                                                + " secret)"));
            }
            merged.put(name, p.getProperty(name));
        }
        env.forEach(
                (name, value) -> {
                    if (value != null && !value.isBlank()) {
                        merged.put(name, value);
                    }
                });
        return merged;
    }

    private static URI url(String name, String value) {
        try {
            URI u = new URI(value);
            if (!"https".equals(u.getScheme()) && !"http".equals(u.getScheme())
                    || u.getHost() == null) {
                throw new URISyntaxException(value, "not http(s)");
            }
            return u;
        } catch (URISyntaxException e) {
            // the URL may hold a secret (a webhook's path is its key): name the variable only
            throw new IllegalArgumentException(name + " is not an http(s) URL");
        }
    }

    private static String get(Map<String, String> env, String name, String fallback) {
        String v = env.get(name);
        return v == null || v.isBlank() ? fallback : v.trim();
    }
}
