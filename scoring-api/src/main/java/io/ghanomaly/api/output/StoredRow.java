package io.ghanomaly.api.output;

import io.ghanomaly.core.feature.Feature;
import java.util.List;

/**
 * One actor-hour as the job stored it in {@code features/}.
 *
 * @param actorLogin the actor's login
 * @param actorId the actor's id, -1 where the archive has none
 * @param hourStartMillis the start of its UTC hour
 * @param modelVersion the bundle that scored it; null when unscored
 * @param score its score in (0, 1]; null when unscored
 * @param anomalous whether it is above its population's threshold; null when unscored
 * @param topFeatures the features that did most to isolate it, most first
 * @param values every feature's value, in {@link Feature} order: Long for counts, Double for
 *     ratios, Integer for flags
 * @param severity normal, anomalous, high or critical; null when unscored or written before the
 *     tiers
 */
@SuppressWarnings("EnumOrdinal") // a full vector is in Feature order: that order is the contract
public record StoredRow(
        String actorLogin,
        long actorId,
        long hourStartMillis,
        String modelVersion,
        Double score,
        Boolean anomalous,
        List<String> topFeatures,
        List<Number> values,
        String severity) {
    public StoredRow {
        topFeatures = List.copyOf(topFeatures);
        values = List.copyOf(values);
    }

    public Number value(Feature f) {
        return values.get(f.ordinal());
    }

    public boolean isBot() {
        return value(Feature.IS_BOT).intValue() > 0;
    }
}
