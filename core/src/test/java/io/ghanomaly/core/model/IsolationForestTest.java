package io.ghanomaly.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** What the Isolation Forest and the ranking metrics promise, on small data built here. */
class IsolationForestTest {
    private static final int D = 3;

    /** 1,000 standard Gaussian points in 3 dimensions, then one at 8 sigma in feature 2. */
    private static double[][] gaussianWithOutlier() {
        Random random = new Random(42);
        double[][] rows = new double[1001][D];
        for (int i = 0; i < 1000; i++) {
            for (int f = 0; f < D; f++) {
                rows[i][f] = random.nextGaussian();
            }
        }
        rows[1000] = new double[] {0.1, -0.2, 8.0};
        return rows;
    }

    private static IsolationForest train(double[][] rows, long seed, int threads) {
        return IsolationForest.train(rows, new IsolationForestParams(100, 256, seed, threads));
    }

    private static void assertInZeroToOne(double[] scores) {
        assertThat(Arrays.stream(scores).min().orElseThrow()).isGreaterThan(0.0);
        assertThat(Arrays.stream(scores).max().orElseThrow()).isLessThanOrEqualTo(1.0);
    }

    private static double[] scores(IsolationForest forest, double[][] rows) {
        double[] out = new double[rows.length];
        forest.scoreAll(rows, out);
        return out;
    }

    @Test
    void sameSeedGivesTheSameForestBitForBitWhateverTheThreadCount() {
        double[][] rows = gaussianWithOutlier();
        IsolationForest one = train(rows, 7, 1);
        for (int threads : new int[] {2, 4}) {
            IsolationForest many = train(rows, 7, threads);
            assertThat(many.treeRoot()).isEqualTo(one.treeRoot());
            assertThat(many.feature()).isEqualTo(one.feature());
            assertThat(many.threshold()).isEqualTo(one.threshold());
            assertThat(many.left()).isEqualTo(one.left());
            assertThat(many.right()).isEqualTo(one.right());
            assertThat(many.leafPathLength()).isEqualTo(one.leafPathLength());
            assertThat(many.baselineContributions()).isEqualTo(one.baselineContributions());
            assertThat(scores(many, rows)).isEqualTo(scores(one, rows));
        }
    }

    @Test
    void differentSeedsGiveDifferentForests() {
        double[][] rows = gaussianWithOutlier();
        IsolationForest a = train(rows, 1, 1);
        IsolationForest b = train(rows, 2, 1);
        assertThat(b.threshold()).isNotEqualTo(a.threshold());
        assertThat(scores(b, rows)).isNotEqualTo(scores(a, rows));
    }

    @Test
    void averagePathLengthIsScikitLearns() {
        assertThat(IsolationForest.averagePathLength(0)).isEqualTo(0.0);
        assertThat(IsolationForest.averagePathLength(1)).isEqualTo(0.0);
        assertThat(IsolationForest.averagePathLength(2)).isEqualTo(1.0);
        double c256 = 2 * (Math.log(255) + 0.5772156649015329) - 2.0 * 255 / 256;
        assertThat(IsolationForest.averagePathLength(256)).isEqualTo(c256);
        // scikit-learn 1.2.1: _average_path_length([256]) with numpy's log
        assertThat(IsolationForest.averagePathLength(256))
                .isCloseTo(10.244770920119917, within(1e-13));
        assertThat(IsolationForest.averagePathLength(3))
                .isEqualTo(2 * (Math.log(2) + 0.5772156649015329) - 4.0 / 3);
    }

    @Test
    void everyScoreIsInZeroToOne() {
        double[][] rows = gaussianWithOutlier();
        assertInZeroToOne(scores(train(rows, 3, 1), rows));
    }

    @Test
    void plantedOutlierRanksFirstAndIsExplainedByTheFeatureItIsExtremeIn() {
        double[][] rows = gaussianWithOutlier();
        // Every tree sees every row here. With 256 of the 1,001, three trees in four never see the
        // outlier and send it down their most extreme branch, so a point out on several features
        // can outscore it (scikit-learn's forest does the same): that is subsampling, not a bug.
        IsolationForest forest =
                IsolationForest.train(rows, new IsolationForestParams(100, 1024, 5, 1));
        double[] s = scores(forest, rows);
        for (int i = 0; i < 1000; i++) {
            assertThat(s[1000]).isGreaterThan(s[i]);
        }
        assertThat(forest.topFeatures(rows[1000], 1)).containsExactly(2);
        assertThat(forest.topFeatures(rows[1000], 10)).containsExactlyInAnyOrder(0, 1, 2);
        double[] c = forest.contributions(rows[1000]);
        assertThat(c[2]).isGreaterThan(c[0]).isGreaterThan(c[1]);
        IsolationForest subsampled = train(rows, 5, 1);
        assertThat(subsampled.topFeatures(rows[1000], 1)).containsExactly(2);
    }

    @Test
    void meanPathLengthsMatchTheHandComputedOnesOnThreePoints() {
        // Points 0, 1 and 10; depth limit 2. The root's threshold falls in (1, 10) with chance 0.9,
        // isolating 10 at depth 1 and leaving 0 and 1 to split at depth 2; else 0 goes alone.
        double[][] rows = {{0}, {1}, {10}};
        IsolationForest forest =
                IsolationForest.train(rows, new IsolationForestParams(20_000, 256, 1, 2));
        double c3 = IsolationForest.averagePathLength(3);
        double[] expected = {0.9 * 2 + 0.1 * 1, 2, 0.9 * 1 + 0.1 * 2};
        for (int i = 0; i < 3; i++) {
            double meanPath = -Math.log(forest.score(rows[i])) / Math.log(2) * c3;
            assertThat(meanPath).as("point %s", rows[i][0]).isCloseTo(expected[i], within(0.01));
        }
    }

    @Test
    void depthNeverExceedsTheLimit() {
        double[][] rows = gaussianWithOutlier();
        for (int sampleSize : new int[] {2, 3, 100, 256, 1001}) {
            IsolationForest f =
                    IsolationForest.train(rows, new IsolationForestParams(20, sampleSize, 9, 1));
            int limit = IsolationForest.depthLimit(f.sampleSize());
            assertThat(limit)
                    .isEqualTo(
                            (int) Math.ceil(Math.log(Math.max(f.sampleSize(), 2)) / Math.log(2)));
            int[] depth = new int[f.feature().length];
            int[] feature = f.feature();
            int[] left = f.left();
            int[] right = f.right();
            int deepest = 0;
            for (int n = 0; n < feature.length; n++) { // preorder: parents come first
                if (feature[n] >= 0) {
                    depth[left[n]] = depth[n] + 1;
                    depth[right[n]] = depth[n] + 1;
                }
                deepest = Math.max(deepest, depth[n]);
            }
            assertThat(deepest).isLessThanOrEqualTo(limit);
        }
        assertThat(IsolationForest.depthLimit(256)).isEqualTo(8);
        assertThat(IsolationForest.depthLimit(257)).isEqualTo(9);
        assertThat(IsolationForest.depthLimit(1)).isEqualTo(1);
    }

    @Test
    void constantColumnsAreNeverSplitOn() {
        Random random = new Random(1);
        double[][] rows = new double[500][3];
        for (double[] row : rows) {
            row[0] = 7.0;
            row[1] = random.nextDouble();
            row[2] = -1.0;
        }
        IsolationForest forest = train(rows, 11, 1);
        assertThat(forest.feature()).containsOnly(-1, 1);
        assertThat(forest.baselineContributions()[0]).isZero();
        assertThat(forest.baselineContributions()[2]).isZero();
    }

    @Test
    void allConstantRowsMakeSingleLeafTrees() {
        double[][] rows = new double[10][2];
        IsolationForest forest = train(rows, 1, 1);
        assertThat(forest.feature()).containsOnly(-1).hasSize(100);
        // every row sits in a leaf of all 10 rows: path length c(10) = the normaliser, score 1/2
        assertThat(forest.score(new double[] {0, 0})).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void sampleSizeLargerThanTheRowCountUsesEveryRow() {
        double[][] rows = new double[50][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {i, i % 7};
        }
        IsolationForest forest = train(rows, 3, 2);
        assertThat(forest.sampleSize()).isEqualTo(50);
        assertInZeroToOne(scores(forest, rows));
        double[][] two = {{1}, {2}};
        assertThat(IsolationForest.train(two, IsolationForestParams.defaults(1)).sampleSize())
                .isEqualTo(2);
    }

    @Test
    void flatRowMajorTrainingMatchesTheRowArrayForm() {
        double[][] rows = gaussianWithOutlier();
        double[] flat = new double[rows.length * D];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * D, D);
        }
        IsolationForestParams params = IsolationForestParams.defaults(4);
        IsolationForest a = IsolationForest.train(rows, params);
        IsolationForest b = IsolationForest.train(flat, rows.length, D, params);
        assertThat(scores(b, rows)).isEqualTo(scores(a, rows));
    }

    @Test
    void rebuildingFromItsArraysGivesTheSameScores() {
        double[][] rows = gaussianWithOutlier();
        IsolationForest f = train(rows, 8, 1);
        IsolationForest copy = rebuilt(f, p -> {});
        assertThat(scores(copy, rows)).isEqualTo(scores(f, rows));
        assertThat(copy.topFeatures(rows[1000], 4)).isEqualTo(f.topFeatures(rows[1000], 4));
        assertThat(copy.numTrees()).isEqualTo(100);
    }

    @Test
    void rejectsBrokenArraysSayingWhatIsWrong() {
        IsolationForest f = train(gaussianWithOutlier(), 8, 1);
        int secondRoot = f.treeRoot()[1];
        assertThat(f.feature()[0]).isNotNegative(); // the first root splits: no column is constant
        assertThatThrownBy(() -> rebuilt(f, p -> p.feature[0] = D))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("node 0 of tree 0: feature 3 is not in [-1, 3)");
        assertThatThrownBy(() -> rebuilt(f, p -> p.left[0] = 0))
                .hasMessageStartingWith("node 0 of tree 0: children 0 and");
        assertThatThrownBy(() -> rebuilt(f, p -> p.left[0] = secondRoot))
                .hasMessageEndingWith("are not in (0, " + secondRoot + ")");
        int sharedChild = f.left()[0];
        // Both children of the root the same node: a graph, not a tree; its depth would be wrong.
        assertThatThrownBy(() -> rebuilt(f, p -> p.right[0] = sharedChild))
                .hasMessage("node " + sharedChild + " has 2 parents; a node has exactly one");
        assertThatThrownBy(() -> rebuilt(f, p -> p.threshold[0] = Double.NaN))
                .hasMessage("node 0 of tree 0: threshold is NaN");
        assertThatThrownBy(() -> rebuilt(f, p -> p.threshold = new double[3]))
                .hasMessage("threshold's length differs from feature's");
        assertThatThrownBy(() -> rebuilt(f, p -> p.treeRoot[1] = 0))
                .hasMessageStartingWith("treeRoot[0] = 0: roots must start at 0 and rise");
        assertThatThrownBy(() -> rebuilt(f, p -> p.baseline = new double[D + 1]))
                .hasMessage("4 baselines for 3 features");
        assertThatThrownBy(() -> rebuilt(f, p -> p.sampleSize = 1))
                .hasMessage("sampleSize must be at least 2, got 1");
    }

    @Test
    void rejectsRowsOfTheWrongWidthAndNonFiniteTrainingValues() {
        IsolationForest f = train(gaussianWithOutlier(), 8, 1);
        assertThatThrownBy(() -> f.score(new double[2]))
                .hasMessage("row has 2 values, the forest 3 features");
        assertThatThrownBy(() -> train(new double[][] {{1, 2}, {3}}, 1, 1))
                .hasMessage("row 1 has 1 values, row 0 has 2");
        assertThatThrownBy(() -> train(new double[][] {{1, 2}, {3, Double.NaN}}, 1, 1))
                .hasMessageContaining("is NaN: the forest needs finite values");
        assertThatThrownBy(() -> train(new double[][] {{1, 2}}, 1, 1))
                .hasMessageContaining("need at least 2 rows");
        assertThatThrownBy(() -> new IsolationForestParams(100, 1, 1, 1))
                .hasMessage("sampleSize must be at least 2, got 1");
    }

    @Test
    void rowsGoLeftExactlyWhenBelowTheThresholdEvenAtZeroAndInfinity() {
        // One tree: the root splits feature 0 at 0.0; the left leaf has path 1, the right one 3.
        IsolationForest stump =
                new IsolationForest(
                        1,
                        4,
                        new int[] {0},
                        new int[] {0, -1, -1},
                        new double[] {0.0, 0, 0},
                        new int[] {1, -1, -1},
                        new int[] {2, -1, -1},
                        new double[] {0, 1, 3},
                        new double[] {0.5});
        double left = Math.pow(2, -1 / IsolationForest.averagePathLength(4));
        double right = Math.pow(2, -3 / IsolationForest.averagePathLength(4));
        assertThat(stump.score(new double[] {-Double.MIN_VALUE})).isEqualTo(left);
        assertThat(stump.score(new double[] {Double.NEGATIVE_INFINITY})).isEqualTo(left);
        assertThat(stump.score(new double[] {-0.0})).isEqualTo(right);
        assertThat(stump.score(new double[] {0.0})).isEqualTo(right);
        assertThat(stump.score(new double[] {Double.POSITIVE_INFINITY})).isEqualTo(right);
        assertThatThrownBy(() -> stump.score(new double[] {Double.NaN}))
                .hasMessage("feature 0 of the row is NaN");
    }

    @Test
    void aucIsOneForAPerfectRankingZeroReversedAndOneHalfForTies() {
        boolean[] labels = {false, true, false, true};
        assertThat(RankingMetrics.auc(new double[] {0.1, 0.9, 0.2, 0.8}, labels)).isEqualTo(1.0);
        assertThat(RankingMetrics.auc(new double[] {0.9, 0.1, 0.8, 0.2}, labels)).isEqualTo(0.0);
        assertThat(RankingMetrics.auc(new double[] {0.5, 0.5, 0.5, 0.5}, labels)).isEqualTo(0.5);
        // pairs (positive, negative): (0.8, 0.1) (0.8, 0.8)=1/2 (0.3, 0.1) (0.3, 0.8)=0 -> 2.5 / 4
        assertThat(RankingMetrics.auc(new double[] {0.1, 0.8, 0.8, 0.3}, labels)).isEqualTo(0.625);
    }

    @Test
    void aucRefusesAnEmptyClassOrMismatchedArrays() {
        assertThatThrownBy(
                        () -> RankingMetrics.auc(new double[] {1, 2}, new boolean[] {true, true}))
                .hasMessage("AUC needs positives and negatives, got 2 positives and 0 negatives");
        assertThatThrownBy(
                        () -> RankingMetrics.auc(new double[] {1, 2}, new boolean[] {false, false}))
                .hasMessageContaining("0 positives");
        assertThatThrownBy(() -> RankingMetrics.auc(new double[] {1}, new boolean[] {true, false}))
                .hasMessage("1 scores but 2 labels");
    }

    @Test
    void precisionAtKCountsPositivesAmongTheKHighestScoresTiesByIndex() {
        double[] scores = {0.9, 0.1, 0.7, 0.7, 0.3};
        boolean[] labels = {true, true, false, true, false};
        assertThat(RankingMetrics.precisionAtK(scores, labels, 1)).isEqualTo(1.0);
        // the tie at 0.7 is taken in index order: index 2 (negative) before index 3 (positive)
        assertThat(RankingMetrics.precisionAtK(scores, labels, 2)).isEqualTo(0.5);
        assertThat(RankingMetrics.precisionAtK(scores, labels, 3))
                .isCloseTo(2.0 / 3, within(1e-15));
        assertThat(RankingMetrics.precisionAtK(scores, labels, 5)).isEqualTo(0.6);
        assertThatThrownBy(() -> RankingMetrics.precisionAtK(scores, labels, 6))
                .hasMessage("k must be in [1, 5], got 6");
        assertThatThrownBy(() -> RankingMetrics.precisionAtK(scores, labels, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** A forest built again from its arrays after {@code damage} to them. */
    private static IsolationForest rebuilt(IsolationForest f, Consumer<Parts> damage) {
        Parts p = new Parts(f);
        damage.accept(p);
        return new IsolationForest(
                p.numFeatures,
                p.sampleSize,
                p.treeRoot,
                p.feature,
                p.threshold,
                p.left,
                p.right,
                p.leafPathLength,
                p.baseline);
    }

    /** Copies of a forest's arrays, to damage. */
    private static final class Parts {
        int numFeatures;
        int sampleSize;
        int[] treeRoot;
        int[] feature;
        double[] threshold;
        int[] left;
        int[] right;
        double[] leafPathLength;
        double[] baseline;

        Parts(IsolationForest f) {
            numFeatures = f.numFeatures();
            sampleSize = f.sampleSize();
            treeRoot = f.treeRoot();
            feature = f.feature();
            threshold = f.threshold();
            left = f.left();
            right = f.right();
            leafPathLength = f.leafPathLength();
            baseline = f.baselineContributions();
        }
    }
}
