package io.ghanomaly.core.model;

import java.util.Locale;

/**
 * How far an actor-hour's score stands out, in tiers people can act on. {@code is_anomaly} keeps
 * the configured contamination (5% of actor-hours, the reference project's contract); the higher
 * tiers are the top {@link #HIGH_SHARE} and {@link #CRITICAL_SHARE} of the training scores, so a
 * modern hour of about 60,000 actor-hours has a few dozen critical ones when nothing is going on.
 */
public enum Severity {
    NORMAL,
    ANOMALOUS,
    HIGH,
    CRITICAL;

    /** The share of training actor-hours at or above the high threshold. */
    public static final double HIGH_SHARE = 0.005;

    /** The share of training actor-hours at or above the critical threshold. */
    public static final double CRITICAL_SHARE = 0.0005;

    /** The tier's name in output columns, the API and alerts: normal, anomalous, high, critical. */
    public String columnValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The tier named so (any case), or an error listing the tiers. */
    public static Severity named(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown severity '"
                            + name
                            + "'; severities are normal, anomalous, high, critical",
                    e);
        }
    }
}
