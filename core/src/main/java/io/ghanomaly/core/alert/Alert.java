package io.ghanomaly.core.alert;

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
}
