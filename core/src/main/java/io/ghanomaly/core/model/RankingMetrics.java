package io.ghanomaly.core.model;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Measures of how well anomaly scores rank the labelled positives, to compare trained models. */
public final class RankingMetrics {
    private RankingMetrics() {}

    /**
     * The area under the ROC curve: the chance that a random positive scores above a random
     * negative, ties counting half. Computed by the Mann-Whitney formula {@code (R - P(P+1)/2) / (P
     * N)}, R being the sum of the positives' ranks, tied scores sharing their average rank.
     *
     * @throws IllegalArgumentException when the arrays differ in length, a score is NaN, or there
     *     is no positive or no negative
     */
    public static double auc(double[] scores, boolean[] isPositive) {
        check(scores, isPositive);
        int[] order = ascending(scores);
        long positives = 0;
        double rankSum = 0;
        for (int i = 0; i < order.length; ) {
            int j = i;
            while (j + 1 < order.length && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1; // ranks i+1 .. j+1 share their mean
            for (int k = i; k <= j; k++) {
                if (isPositive[order[k]]) {
                    positives++;
                    rankSum += averageRank;
                }
            }
            i = j + 1;
        }
        long negatives = scores.length - positives;
        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException(
                    "AUC needs positives and negatives, got "
                            + positives
                            + " positives and "
                            + negatives
                            + " negatives");
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /**
     * The share of positives among the {@code k} highest scores. Equal scores are taken in index
     * order, lower index first, so a tie at the cut is settled by position, not by label.
     *
     * @throws IllegalArgumentException when the arrays differ in length, a score is NaN, or {@code
     *     k} is not in {@code [1, scores.length]}
     */
    public static double precisionAtK(double[] scores, boolean[] isPositive, int k) {
        check(scores, isPositive);
        if (k < 1 || k > scores.length) {
            throw new IllegalArgumentException("k must be in [1, " + scores.length + "], got " + k);
        }
        Integer[] order = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
        // Arrays.sort on objects is stable, so equal scores keep their index order.
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        int hits = 0;
        for (int i = 0; i < k; i++) {
            if (isPositive[order[i]]) {
                hits++;
            }
        }
        return (double) hits / k;
    }

    private static int[] ascending(double[] scores) {
        return IntStream.range(0, scores.length)
                .boxed()
                .sorted(Comparator.comparingDouble(i -> scores[i]))
                .mapToInt(Integer::intValue)
                .toArray();
    }

    private static void check(double[] scores, boolean[] isPositive) {
        if (scores.length != isPositive.length) {
            throw new IllegalArgumentException(
                    scores.length + " scores but " + isPositive.length + " labels");
        }
        for (int i = 0; i < scores.length; i++) {
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("score " + i + " is NaN");
            }
        }
    }
}
