package io.ghanomaly.core.testing;

import io.ghanomaly.core.drift.ReferenceDistribution;
import io.ghanomaly.core.feature.Feature;
import io.ghanomaly.core.feature.FeatureSet;
import io.ghanomaly.core.model.IsolationForest;
import io.ghanomaly.core.model.IsolationForestParams;
import io.ghanomaly.core.model.ModelBundle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/** Small but real model bundles for tests: trained forests over random count-like data. */
public final class TestBundles {
    private TestBundles() {}

    /** A small but real bundle: one forest per population over random count-like data. */
    public static ModelBundle bundle(String version, FeatureSet features) {
        List<ModelBundle.Segment> segments = new ArrayList<>();
        for (ModelBundle.Population p :
                ModelBundle.populationsFor(ModelBundle.BotPolicy.SEPARATE)) {
            SplittableRandom r = new SplittableRandom(p.ordinal());
            double[][] rows = new double[500][features.size()];
            for (double[] row : rows) {
                for (int f = 0; f < row.length; f++) {
                    row[f] = Math.floor(-Math.log(1 - r.nextDouble()) * 5);
                }
            }
            IsolationForest forest =
                    IsolationForest.train(rows, new IsolationForestParams(20, 64, 1, 1));
            List<ReferenceDistribution> reference = new ArrayList<>();
            for (int f = 0; f < features.size(); f++) {
                final int col = f;
                reference.add(
                        ReferenceDistribution.of(
                                features.columnNames().get(f),
                                Stream.of(rows).mapToDouble(row -> row[col]).toArray()));
            }
            // Monday's hours known (a usual drift of 0: what drifts is unusual, but the stream's
            // own hour-of-day baseline is not used then), the rest not
            double[] usual = new double[ReferenceDistribution.HOURS_OF_WEEK];
            Arrays.fill(usual, Double.NaN);
            Arrays.fill(usual, 0, 24, 0.0);
            reference.set(0, reference.get(0).withUsual(usual));
            segments.add(new ModelBundle.Segment(p, forest, 0.6, rows.length, reference));
        }
        return new ModelBundle(
                version,
                Instant.parse("2025-01-08T06:00:00Z"),
                Feature.VERSION,
                features,
                0.05,
                Instant.parse("2025-01-01T00:00:00Z"),
                Instant.parse("2025-01-08T00:00:00Z"),
                ModelBundle.BotPolicy.SEPARATE,
                segments,
                Map.of("anomaly_rate", 0.05, "auc", 0.91),
                ModelBundle.Scaling.RAW);
    }
}
