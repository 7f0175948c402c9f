package io.ghanomaly.trainer;

import io.ghanomaly.core.feature.Feature;
import io.ghanomaly.core.feature.FeatureSet;
import io.ghanomaly.core.model.IsolationForest;
import io.ghanomaly.core.model.IsolationForestParams;
import io.ghanomaly.core.model.ModelBundle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A lever {@code ./gh-anomaly evaluate --kind-forests} measures, not a model the job serves: an
 * ensemble of our model's forest and one forest per kind of action abuse is made of (that kind's
 * count with how the hour is paced and spread), so that an hour extreme in one kind alone is not
 * diluted by the dimensions where it is ordinary. An actor-hour's score is how many training rows
 * its rarest member puts below it (every member trains on the same rows), ties broken by that
 * member's score measured from its training median in units of the distance to its 99th percentile.
 * Trained per population, as the default model.
 */
final class KindForests {
    /** How the hour is paced and spread, read by every kind's forest. */
    static final List<Feature> PACE =
            List.of(
                    Feature.EVENTS_PER_ACTIVE_MINUTE,
                    Feature.MAX_EVENTS_PER_MINUTE,
                    Feature.ACTIVE_MINUTES,
                    Feature.REPOS_PER_EVENT,
                    Feature.OWN_REPO_SHARE);

    /** One forest of the ensemble and its training scores, sorted. */
    private record Member(FeatureSet set, IsolationForest forest, double[] trainingScores) {
        double median() {
            return trainingScores[trainingScores.length / 2];
        }

        double p99() {
            return trainingScores[(int) (trainingScores.length * 0.99)];
        }
    }

    private final Map<ModelBundle.Population, List<Member>> members;
    private final ModelBundle.Scaling scaling;

    private KindForests(
            Map<ModelBundle.Population, List<Member>> members, ModelBundle.Scaling scaling) {
        this.members = members;
        this.scaling = scaling;
    }

    /** The feature sets of the members: our model's, then one per kind. */
    static List<FeatureSet> memberSets(FeatureSet ours) {
        List<FeatureSet> sets = new ArrayList<>();
        sets.add(ours);
        for (Feature kind : FeatureSet.ABUSE_KINDS) {
            List<Feature> features = new ArrayList<>();
            features.add(kind);
            features.addAll(PACE);
            sets.add(new FeatureSet(kind.columnName() + "+pace", features));
        }
        return sets;
    }

    /**
     * Trains every member on each population's full feature vectors, as {@code spec} says: its
     * feature set is the first member's, its trees, rows per tree, seed and scaling every member's.
     */
    static KindForests train(
            Map<ModelBundle.Population, List<double[]>> rows, ModelTraining.ForestSpec spec) {
        Map<ModelBundle.Population, List<Member>> members =
                new EnumMap<>(ModelBundle.Population.class);
        rows.forEach(
                (population, full) -> {
                    List<Member> ms = new ArrayList<>();
                    List<FeatureSet> sets = memberSets(spec.featureSet());
                    for (int m = 0; m < sets.size(); m++) {
                        FeatureSet set = sets.get(m);
                        double[][] input =
                                full.stream()
                                        .map(v -> scaled(spec.scaling(), set, v))
                                        .toArray(double[][]::new);
                        IsolationForest forest =
                                IsolationForest.train(
                                        input,
                                        new IsolationForestParams(
                                                spec.trees(),
                                                Math.min(spec.sampleSize(), input.length),
                                                spec.seed() + 31L * m + population.ordinal(),
                                                Runtime.getRuntime().availableProcessors()));
                        double[] scores = new double[input.length];
                        forest.scoreAll(input, scores);
                        Arrays.sort(scores);
                        ms.add(new Member(set, forest, scores));
                    }
                    members.put(population, ms);
                });
        return new KindForests(members, spec.scaling());
    }

    /** The ensemble's score of a full feature vector; NaN for a population it has no forests of. */
    double score(double[] full, ModelBundle.Population population) {
        List<Member> ms = members.get(population);
        if (ms == null) {
            return Double.NaN;
        }
        int fewestAbove = Integer.MAX_VALUE;
        double tieBreak = Double.NEGATIVE_INFINITY;
        for (Member m : ms) {
            double s = m.forest().score(scaled(scaling, m.set(), full));
            int above =
                    m.trainingScores().length - PlantedEvaluation.lowerBound(m.trainingScores(), s);
            double z = (s - m.median()) / Math.max(1e-9, m.p99() - m.median());
            if (above < fewestAbove || (above == fewestAbove && z > tieBreak)) {
                fewestAbove = above;
                tieBreak = z;
            }
        }
        int n = ms.get(0).trainingScores().length;
        // lexicographic: the rows below the rarest member, then a fraction in (0, 1) for ties
        return (n - fewestAbove) + 0.5 + 0.5 * tieBreak / (1 + Math.abs(tieBreak));
    }

    private static double[] scaled(ModelBundle.Scaling scaling, FeatureSet set, double[] full) {
        return scaling.apply(set, set.select(full));
    }
}
