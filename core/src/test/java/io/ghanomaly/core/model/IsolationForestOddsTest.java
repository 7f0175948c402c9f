package io.ghanomaly.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ghanomaly.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Our forest against scikit-learn 1.2.1's on two ODDS benchmarks: trained on every row without the
 * labels, scored on every row, its mean AUC over seeds 1 to 10 within 0.01 of scikit-learn's.
 */
class IsolationForestOddsTest {

    @Test
    void shuttleAucMatchesScikitLearn() throws IOException {
        assertMeanAucNear("odds/shuttle.csv", 0.9968);
    }

    @Test
    void mammographyAucMatchesScikitLearn() throws IOException {
        assertMeanAucNear("odds/mammography.csv", 0.8620);
    }

    private static void assertMeanAucNear(String file, double scikitLearnMean) throws IOException {
        double[][] table = read(SharedData.require(file));
        double[][] rows = new double[table.length][];
        boolean[] outlier = new boolean[table.length];
        for (int i = 0; i < table.length; i++) {
            rows[i] = Arrays.copyOf(table[i], table[i].length - 1);
            outlier[i] = table[i][table[i].length - 1] == 1.0;
        }
        double[] scores = new double[rows.length];
        double sum = 0;
        StringBuilder report = new StringBuilder(file).append(" AUC by seed:");
        for (long seed = 1; seed <= 10; seed++) {
            IsolationForest forest =
                    IsolationForest.train(rows, IsolationForestParams.defaults(seed));
            forest.scoreAll(rows, scores);
            double auc = RankingMetrics.auc(scores, outlier);
            sum += auc;
            report.append(String.format(" %d=%.4f", seed, auc));
        }
        double mean = sum / 10;
        System.out.printf(
                "%s; mean %.4f (scikit-learn 1.2.1: %.4f)%n", report, mean, scikitLearnMean);
        assertThat(mean).isCloseTo(scikitLearnMean, within(0.01));
    }

    /** The numbers of every line that is not a comment: features, then the label (1 = outlier). */
    private static double[][] read(Path csv) throws IOException {
        try (Stream<String> lines = Files.lines(csv)) {
            return lines.map(String::strip) // mammography.csv has CRLF line ends
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(
                            line ->
                                    Arrays.stream(line.split(","))
                                            .mapToDouble(Double::parseDouble)
                                            .toArray())
                    .toArray(double[][]::new);
        }
    }
}
