package io.ghanomaly.api.output;

import java.time.Instant;
import java.util.List;

/**
 * The totals of one hour of the job's output.
 *
 * @param hour the start of the hour
 * @param actors actor-hour rows
 * @param events the events they hold
 * @param scored rows with a score
 * @param anomalies rows flagged anomalous
 * @param modelVersions the versions that scored them
 * @param lateEvents events of this hour that arrived after it closed
 * @param deadLetters bad lines of this hour's files
 */
public record HourSummary(
        Instant hour,
        long actors,
        long events,
        long scored,
        long anomalies,
        List<String> modelVersions,
        long lateEvents,
        long deadLetters) {
    public HourSummary {
        modelVersions = List.copyOf(modelVersions);
    }

    /** The share of scored rows flagged anomalous; 0 when none is scored. */
    public double anomalyRate() {
        return scored == 0 ? 0 : (double) anomalies / scored;
    }
}
