package io.ghanomaly.alerting;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghanomaly.core.alert.Alert;
import java.time.Instant;
import java.util.Map;

/** How an alert reads in each channel: one place for the wording. */
public final class AlertMessages {
    static final ObjectMapper JSON = new ObjectMapper();

    private AlertMessages() {}

    public static String hour(Alert a) {
        return Instant.ofEpochMilli(a.hourStartMillis()).toString();
    }

    public static String subject(Alert a) {
        return "[gh-anomaly] " + a.rule() + " (" + a.population() + ", " + hour(a) + ")";
    }

    public static String text(Alert a) {
        StringBuilder s =
                new StringBuilder(a.summary())
                        .append("\n\nrule: ")
                        .append(a.rule())
                        .append("\nhour: ")
                        .append(hour(a))
                        .append("\npopulation: ")
                        .append(a.population())
                        .append('\n');
        for (Map.Entry<String, String> e : a.evidence().entrySet()) {
            s.append(e.getKey()).append(": ").append(e.getValue()).append('\n');
        }
        return s.append("\n")
                .append(a.link())
                .append("\nid: ")
                .append(a.id())
                .append('\n')
                .toString();
    }

    public static String html(Alert a) {
        StringBuilder s =
                new StringBuilder("<p><strong>")
                        .append(escape(a.summary()))
                        .append("</strong></p><table>");
        row(s, "rule", a.rule());
        row(s, "hour", hour(a));
        row(s, "population", a.population());
        for (Map.Entry<String, String> e : a.evidence().entrySet()) {
            row(s, e.getKey(), e.getValue());
        }
        return s.append("</table><p><a href=\"")
                .append(escape(a.link()))
                .append("\">Open the hour in the dashboard</a></p><p><small>")
                .append(escape(a.id()))
                .append("</small></p>")
                .toString();
    }

    /** Slack's Block Kit: a header, the summary, the evidence as fields, a link. */
    public static ObjectNode slack(Alert a) {
        ObjectNode m = JSON.createObjectNode();
        m.put("text", a.summary()); // notifications and clients without blocks
        ArrayNode blocks = m.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text")
                .put("type", "plain_text")
                .put("text", clip(a.rule() + ": " + a.population() + ", " + hour(a), 150));
        blocks.addObject()
                .put("type", "section")
                .putObject("text")
                .put("type", "mrkdwn")
                .put("text", clip(a.summary(), 3000));
        ObjectNode facts = blocks.addObject().put("type", "section");
        ArrayNode fields = facts.putArray("fields");
        int n = 0;
        for (Map.Entry<String, String> e : a.evidence().entrySet()) {
            if (n++ == 10) { // Slack's limit per section
                break;
            }
            fields.addObject()
                    .put("type", "mrkdwn")
                    .put("text", clip("*" + e.getKey() + "*\n" + e.getValue(), 2000));
        }
        if (fields.isEmpty()) {
            blocks.remove(blocks.size() - 1);
        }
        blocks.addObject()
                .put("type", "context")
                .putArray("elements")
                .addObject()
                .put("type", "mrkdwn")
                .put("text", "<" + a.link() + "|Open the hour in the dashboard> · " + a.id());
        return m;
    }

    /** The alert itself, for generic webhooks and the local log. */
    public static ObjectNode json(Alert a) {
        ObjectNode m = JSON.createObjectNode();
        m.put("id", a.id());
        m.put("rule", a.rule());
        m.put("population", a.population());
        m.put("hour", hour(a));
        m.put("summary", a.summary());
        ObjectNode evidence = m.putObject("evidence");
        a.evidence().forEach(evidence::put);
        m.put("link", a.link());
        return m;
    }

    private static void row(StringBuilder s, String name, String value) {
        s.append("<tr><th align=\"left\">")
                .append(escape(name))
                .append("</th><td>")
                .append(escape(value))
                .append("</td></tr>");
    }

    static String escape(String s) {
        return s.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    private static String clip(String s, int most) {
        return s.length() <= most ? s : s.substring(0, most - 1) + "…";
    }
}
