package io.ghanomaly.core.alert;

import java.io.Serializable;
import java.time.Duration;

/**
 * The thresholds of the hourly alert rules; every one is a job option (see the README).
 *
 * @param anomalyRate an hour whose share of anomalous actor-hours is above it raises {@code
 *     anomaly_rate} (the reference project's rule: 10%)
 * @param spikeFactor an hour whose rate is at least this many times the trailing median raises
 *     {@code anomaly_rate_spike}
 * @param spikeMinRise ... and at least this much above it, so a rise from 0.1% to 0.4% is not one
 * @param trailingHours the hours the median is taken over
 * @param minTrailingHours no spike is judged before this many closed hours
 * @param driftHours a feature that drifts this many closed hours in a row raises {@code
 *     feature_drift}
 * @param minRows hours of fewer actor-hours (of a population) raise no rate or drift alert
 * @param cooldown after an alert, the same rule for the same population stays quiet this long
 *     (event time: hours of the archive)
 * @param dashboardUrl where an alert's link points (the dashboard's hour view)
 * @param parseErrorShare a file with a larger share of unusable lines (and {@code spikeFactor}
 *     times the recent files' median) raises {@code parse_errors}; the real 2011 hour here has
 *     0.67% (events without an actor), 2013 0.04%, 2015 and 2025 none
 * @param stallAfter following the archive, no new file for this long raises {@code input_stalled}
 *     (wall-clock time; GH Archive publishes an hour some minutes after it ends)
 * @param criticalFactor an hour with this many times the critical actor-hours its model's training
 *     share predicts (0.05% of scored), and at least {@link #MIN_CRITICAL}, raises {@code
 *     critical_actors}: many accounts at once in the top tier is what a campaign looks like
 */
public record AlertRules(
        double anomalyRate,
        double spikeFactor,
        double spikeMinRise,
        int trailingHours,
        int minTrailingHours,
        int driftHours,
        long minRows,
        Duration cooldown,
        String dashboardUrl,
        double parseErrorShare,
        Duration stallAfter,
        double criticalFactor)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Fewer critical actor-hours than this never raise {@code critical_actors}. */
    public static final long MIN_CRITICAL = 10;

    public static final AlertRules DEFAULTS =
            new AlertRules(
                    0.10,
                    3,
                    0.02,
                    24,
                    6,
                    3,
                    100,
                    Duration.ofHours(6),
                    "http://127.0.0.1:8080/",
                    0.01,
                    Duration.ofHours(2),
                    4);

    public AlertRules {
        if (!(anomalyRate > 0 && anomalyRate <= 1)) {
            throw new IllegalArgumentException("the anomaly-rate threshold must be in (0, 1]");
        }
        if (!(criticalFactor > 1)) {
            throw new IllegalArgumentException("the critical factor must be above 1");
        }
        if (!(spikeFactor > 1)) {
            throw new IllegalArgumentException("the spike factor must be above 1");
        }
        if (driftHours < 1 || trailingHours < 1 || minTrailingHours < 1 || minRows < 1) {
            throw new IllegalArgumentException(
                    "hours and rows of the alert rules must be positive");
        }
        if (!(parseErrorShare >= 0 && parseErrorShare < 1)) {
            throw new IllegalArgumentException("the parse-error share must be in [0, 1)");
        }
        if (stallAfter.isNegative() || stallAfter.isZero()) {
            throw new IllegalArgumentException("the stall time must be positive");
        }
        if (cooldown.isNegative()) {
            throw new IllegalArgumentException("the alert cooldown cannot be negative");
        }
        dashboardUrl = dashboardUrl.endsWith("/") ? dashboardUrl : dashboardUrl + "/";
    }
}
