package io.ghanomaly.core.model;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
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
        SplittableRandom random = new SplittableRandom(seed);
        double[][] rows = new double[n][FEATURES];
        for (double[] row : rows) {
            for (int f = 0; f < FEATURES; f++) {
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
