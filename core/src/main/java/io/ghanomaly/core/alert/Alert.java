package io.ghanomaly.core.alert;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Something people should look at, raised when an hour closes.
 *
 * @param id stable: {@code rule/population/hour} (and {@code /file} for the input's rules, {@code
 *     /bundle} for a refused model), so a channel can de-duplicate what a replay sends again
 * @param rule {@code anomaly_rate}, {@code anomaly_rate_spike}, {@code dataset_drift}, {@code
 *     feature_drift}, {@code model_refused}, {@code file_failed}, {@code parse_errors}, {@code
 *     payload_changed}, {@code input_stalled}
 * @param population {@code people} or {@code bots}; {@code input} for the input's rules, {@code
 *     all} for a refused model
 * @param hourStartMillis the UTC hour it is about
 * @param summary one line for people
 * @param evidence the values and thresholds behind it, by name
 * @param link the dashboard's view of that hour
 */
public record Alert(
        String id,
        String rule,
        String population,
        long hourStartMillis,
        String summary,
        Map<String, String> evidence,
        String link) {
    public Alert {
        evidence = Map.copyOf(evidence);
    }

    /**
     * An alert with the id {@code rule/population/hour[/subject]} and a link to the dashboard's
     * view of that hour: the one place both are made.
     *
     * @param subject what in the hour it is about (a file, a bundle), or null
     * @param dashboardUrl the dashboard's root, ending in a slash
     */
    public static Alert raise(
            String rule,
            String population,
            long hourStartMillis,
            String subject,
            String summary,
            Map<String, String> evidence,
            String dashboardUrl) {
        String at = Instant.ofEpochMilli(hourStartMillis).toString();
        return new Alert(
                rule + "/" + population + "/" + at + (subject == null ? "" : "/" + subject),
                rule,
                population,
                hourStartMillis,
                summary,
                evidence,
                dashboardUrl + "#hour=" + at.substring(0, 13));
    }

    /** Evidence from name, value pairs, in order; a double to 6 significant digits. */
    public static Map<String, String> evidence(Object... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            Object v = pairs[i + 1];
            m.put(
                    (String) pairs[i],
                    v instanceof Double d
                            ? String.format(Locale.ROOT, "%.6g", d)
                            : String.valueOf(v));
        }
        return m;
    }
}
