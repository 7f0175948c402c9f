package io.ghanomaly.trainer;

import io.ghanomaly.core.feature.Feature;
import io.ghanomaly.core.feature.FeatureColumns;
import io.ghanomaly.trainer.FeatureHistory.ActorHour;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.avro.generic.GenericRecord;

/**
 * Turns a row of the job's features output back into an actor-hour, by the column names the job
 * wrote it with ({@link FeatureColumns}, {@link Feature#columnName()}).
 */
final class FeatureRecords {
    private static final Feature[] FEATURES = Feature.values(); // values() copies on every call

    private FeatureRecords() {}

    /**
     * The actor-hour of one record of {@code file}.
     *
     * @throws IOException if the record holds another feature version than this trainer computes
     */
    static ActorHour actorHour(GenericRecord r, Path file) throws IOException {
        int version = ((Number) r.get(FeatureColumns.FEATURE_VERSION)).intValue();
        if (version != Feature.VERSION) {
            throw new IOException(
                    file
                            + " holds feature version "
                            + version
                            + "; this trainer computes "
                            + Feature.VERSION
                            + ": train from the raw hours (--raw DIR), or from hours the job"
                            + " wrote since it was upgraded (--from HOUR)");
        }
        double[] v = new double[FEATURES.length];
        for (Feature f : FEATURES) {
            v[f.ordinal()] = ((Number) r.get(f.columnName())).doubleValue();
        }
        return new ActorHour(
                r.get(FeatureColumns.ACTOR_LOGIN).toString(),
                ((Number) r.get(FeatureColumns.HOUR_START_MS)).longValue(),
                v);
    }
}
