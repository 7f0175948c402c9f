package io.ghanomaly.core.alert;

import io.ghanomaly.core.drift.DriftStatistics;
import io.ghanomaly.core.drift.FeatureDrift;
import java.util.List;

/**
 * What one closed hour of one population looked like: its rows, how many the model flagged, and how
 * each feature compares with the model's reference.
 *
 * @param population {@code people} or {@code bots}
 * @param hourStartMillis the UTC hour
 * @param modelVersion the bundle that scored the hour and whose reference it is compared with; null
 *     when nothing was scored
 * @param rows actor-hours
 * @param scored of them scored
 * @param anomalies of them flagged anomalous
 * @param critical of them in the critical severity tier
 * @param features each feature's drift; empty when nothing was scored
 * @param topActors the logins of the highest-scored anomalous actor-hours, highest first
 */
public record PopulationHour(
        String population,
        long hourStartMillis,
        String modelVersion,
        long rows,
        long scored,
        long anomalies,
        long critical,
        List<FeatureDrift> features,
        List<String> topActors) {
    public PopulationHour {
        features = List.copyOf(features);
        topActors = List.copyOf(topActors);
    }

    public double anomalyRate() {
        return scored == 0 ? 0 : anomalies / (double) scored;
    }

    public double driftedShare() {
        return DriftStatistics.driftedShare(features);
    }

    public boolean datasetDrift() {
        return DriftStatistics.datasetDrift(features);
    }
}
