package io.ghanomaly.core.feature;

import java.time.Instant;
import java.util.Arrays;

/**
 * The features of one actor in one UTC hour.
 *
 * @param actorLogin the actor
 * @param actorId its numeric id, or -1 where the archive has none
 * @param hourStartMillis the start of the hour, UTC epoch milliseconds
 * @param values one value per {@link Feature}, in its order
 */
@SuppressWarnings("ArrayRecordComponent") // a flat vector; equality is by content below
public record ActorHourFeatures(
        String actorLogin, long actorId, long hourStartMillis, double[] values) {

    public double value(Feature f) {
        return values[f.ordinal()];
    }

    public Instant hourStart() {
        return Instant.ofEpochMilli(hourStartMillis);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ActorHourFeatures f
                && actorId == f.actorId
                && hourStartMillis == f.hourStartMillis
                && actorLogin.equals(f.actorLogin)
                && Arrays.equals(values, f.values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * actorLogin.hashCode() + Long.hashCode(hourStartMillis))
                + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(actorLogin).append('@').append(hourStart());
        for (Feature f : Feature.values()) {
            s.append(' ').append(f.columnName()).append('=').append(values[f.ordinal()]);
        }
        return s.toString();
    }
}
