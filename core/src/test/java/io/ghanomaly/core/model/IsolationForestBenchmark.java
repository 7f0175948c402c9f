package io.ghanomaly.core.model;

import io.ghanomaly.core.feature.Feature;
import io.ghanomaly.core.feature.FeatureSet;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH benchmarks of the {@link IsolationForest}: scoring one row of 26 count-like features with 100
 * trees, and training those trees on a million rows.
 */
@Fork(value = 1, jvmArgsAppend = "-Xmx3g")
public class IsolationForestBenchmark {
    private static final int FEATURES = 26;

    /** A default forest trained on 100,000 rows, and 10,000 other rows to score in turn. */
    @State(Scope.Thread)
    public static class Scoring {
        IsolationForest forest;
        double[][] rows;
        int next;

        @Setup(Level.Trial)
        public void setUp() {
            forest =
                    IsolationForest.train(
                            countLikeRows(100_000, 1), IsolationForestParams.defaults(1));
            rows = countLikeRows(10_000, 2);
        }
    }

    /** A million rows to train on. */
    @State(Scope.Benchmark)
    public static class Training {
        double[][] rows;

        @Setup(Level.Trial)
        public void setUp() {
            rows = countLikeRows(1_000_000, 3);
        }
    }

    /** Returning the score hands it to JMH's blackhole, so the walk cannot be optimised away. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    public double scoreOneRow(Scoring s) {
        double[] row = s.rows[s.next];
        // Cycling through 10,000 rows keeps the branch predictor from learning one row's path.
        s.next = s.next + 1 == s.rows.length ? 0 : s.next + 1;
        return s.forest.score(row);
    }

    /** What the job does per actor-hour: the score and its three most isolating features. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    public java.util.List<Integer> scoreAndExplainOneRow(Scoring s) {
        double[] row = s.rows[s.next];
        s.next = s.next + 1 == s.rows.length ? 0 : s.next + 1;
        s.forest.score(row);
        return s.forest.topFeatures(row, 3);
    }

    /**
     * A bundle as the trainer made them before the planted evaluation (all 26 features of version
     * 1, raw values, 256 rows per tree) and as it makes them now (the default 18, log counts, 4,096
     * rows per tree), trained on 100,000 count-like rows of every feature.
     */
    @State(Scope.Thread)
    public static class BundleScoring {
        @Param({"before", "after"})
        String model;

        ModelBundle bundle;
        double[][] rows;
        int next;

        @Setup(Level.Trial)
        public void setUp() {
            boolean after = model.equals("after");
            FeatureSet set =
                    after
                            ? FeatureSet.DEFAULT
                            : new FeatureSet(
                                    "all-v1",
                                    java.util.Arrays.stream(Feature.values())
                                            .filter(f -> f.existsIn(1))
                                            .toList());
            ModelBundle.Scaling scaling =
                    after ? ModelBundle.Scaling.LOG_COUNTS : ModelBundle.Scaling.RAW;
            double[][] full = countLikeRows(100_000, 1, Feature.count());
            double[][] selected = new double[full.length][];
            double[][] input = new double[full.length][];
            for (int i = 0; i < full.length; i++) {
                selected[i] = set.select(full[i]);
                input[i] = scaling.apply(set, selected[i].clone());
            }
            IsolationForest forest =
                    IsolationForest.train(
                            input, new IsolationForestParams(100, after ? 4096 : 256, 1, 2));
            java.util.List<io.ghanomaly.core.drift.ReferenceDistribution> reference =
                    new java.util.ArrayList<>();
            for (int f = 0; f < set.size(); f++) {
                double[] column = new double[selected.length];
                for (int r = 0; r < selected.length; r++) {
                    column[r] = selected[r][f];
                }
                reference.add(
                        io.ghanomaly.core.drift.ReferenceDistribution.of(
                                set.columnNames().get(f), column));
            }
            bundle =
                    new ModelBundle(
                            model,
                            java.time.Instant.EPOCH,
                            Feature.VERSION,
                            set,
                            0.05,
                            java.time.Instant.EPOCH,
                            java.time.Instant.EPOCH,
                            ModelBundle.BotPolicy.TOGETHER,
                            java.util.List.of(
                                    new ModelBundle.Segment(
                                            ModelBundle.Population.EVERYONE,
                                            forest,
                                            0.6,
                                            full.length,
                                            reference,
                                            0.7,
                                            0.8)),
                            java.util.Map.of(),
                            scaling);
            rows = countLikeRows(10_000, 2, Feature.count());
        }
    }

    /**
     * What the job does per actor-hour with the bundle: the verdict and three explaining features.
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    public ModelBundle.Verdict scoreAnActorHourWithItsBundle(BundleScoring s) {
        double[] row = s.rows[s.next];
        s.next = s.next + 1 == s.rows.length ? 0 : s.next + 1;
        return s.bundle.score(row, 3);
    }

    /** One cold run, as a trainer does it: class loading and compilation included. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    public IsolationForest trainOnAMillionRows(Training t) {
        return IsolationForest.train(t.rows, IsolationForestParams.defaults(7));
    }

    /**
     * Rows like an actor-hour's counts: per feature a geometric count whose mean grows with the
     * feature's index, zero in 30% of rows, and ten times larger in 1% (bursts), so skewed, with
     * many ties and a long tail.
     */
    static double[][] countLikeRows(int n, long seed) {
        return countLikeRows(n, seed, FEATURES);
    }

    static double[][] countLikeRows(int n, long seed, int features) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] rows = new double[n][features];
        for (double[] row : rows) {
            for (int f = 0; f < features; f++) {
                if (random.nextDouble() < 0.3) {
                    continue;
                }
                double mean = 0.5 + f;
                double count = Math.floor(-Math.log(1 - random.nextDouble()) * mean);
                row[f] = random.nextDouble() < 0.01 ? 10 * count : count;
            }
        }
        return rows;
    }
}
