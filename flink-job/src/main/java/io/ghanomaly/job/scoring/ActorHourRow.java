package io.ghanomaly.job.scoring;

import io.ghanomaly.core.feature.ActorHourFeatures;
import io.ghanomaly.core.model.ModelBundle;

/**
 * One output row: an actor-hour's features and the verdict of the model that scored it.
 *
 * @param features the features
 * @param modelVersion the version of the model that scored it, or null when not scored
 * @param score in (0, 1], higher is more anomalous; NaN when not scored
 * @param anomalous at or above the model's threshold
 * @param topFeatures the most isolating features, comma-separated, most first
 * @param severity the verdict's tier ({@link io.ghanomaly.core.model.Severity#columnValue}), or ""
 *     when not scored
 */
public record ActorHourRow(
        ActorHourFeatures features,
        String modelVersion,
        double score,
        boolean anomalous,
        String topFeatures,
        String severity) {

    public static ActorHourRow unscored(ActorHourFeatures features) {
        return new ActorHourRow(features, null, Double.NaN, false, "", "");
    }

    public static ActorHourRow scored(ActorHourFeatures f, String version, ModelBundle.Verdict v) {
        return new ActorHourRow(
                f,
                version,
                v.score(),
                v.anomalous(),
                String.join(",", v.topFeatures()),
                Double.isNaN(v.score()) ? "" : v.severity().columnValue());
    }
}
