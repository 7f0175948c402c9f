package io.ghanomaly.api.testing;

import io.ghanomaly.core.feature.Feature;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An actor-hour to write as the job would, for tests that need exact, known rows.
 *
 * @param login the actor's login
 * @param id the actor's id
 * @param hour the start of its hour
 * @param modelVersion null for an unscored row
 * @param score null for an unscored row
 * @param anomalous null for an unscored row
 * @param topFeatures column names
 * @param values feature values; missing ones are 0
 */
public record FixtureRow(
        String login,
        long id,
        Instant hour,
        String modelVersion,
        Double score,
        Boolean anomalous,
        List<String> topFeatures,
        Map<Feature, Double> values) {
    public static FixtureRow scored(
            String login,
            Instant hour,
            double score,
            boolean anomalous,
            Map<Feature, Double> values) {
        return new FixtureRow(
                login,
                Math.floorMod(login.hashCode(), 1_000_000_000),
                hour,
                "v1",
                score,
                anomalous,
                List.of(Feature.EVENT_COUNT.columnName(), Feature.PUSH_COUNT.columnName()),
                values);
    }

    public static FixtureRow unscored(String login, Instant hour, Map<Feature, Double> values) {
        return new FixtureRow(login, 7, hour, null, null, null, List.of(), values);
    }

    public double value(Feature f) {
        return values.getOrDefault(f, 0d);
    }
}
