package io.ghanomaly.core.model;

import io.ghanomaly.core.drift.ReferenceDistribution;
import io.ghanomaly.core.feature.Feature;
import io.ghanomaly.core.feature.FeatureSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to score an actor-hour and to judge the stream against the training data: the
 * forests, the features they read, the decision thresholds, the reference distributions, and where
 * the model came from. Written and read by {@link ModelBundleFile}.
 *
 * @param version the model's version id, e.g. {@code 20250108T060000Z-3f2a9c1e}; sorts by time
 * @param createdAt when it was trained
 * @param featureVersion {@link Feature#VERSION} of the features it was trained on
 * @param featureSet the features it reads, in its column order
 * @param contamination the share of training rows above each segment's threshold (default 5%)
 * @param trainedFrom first hour of the training window
 * @param trainedTo first hour after the training window
 * @param botPolicy how bots were modelled
 * @param segments one model per population
 * @param metrics evaluation figures (anomaly rate, AUC, ...), by name
 * @param scaling how the forests read the features
 */
public record ModelBundle(
        String version,
        Instant createdAt,
        int featureVersion,
        FeatureSet featureSet,
        double contamination,
        Instant trainedFrom,
        Instant trainedTo,
        BotPolicy botPolicy,
        List<Segment> segments,
        Map<String, Double> metrics,
        Scaling scaling) {

    /**
     * What the forests see of a feature. An Isolation Forest draws each split uniformly between a
     * node's minimum and maximum, so on a raw heavy-tailed count (1 to 100,000 events) nearly every
     * split falls far above where most actor-hours are, and an unusual hour of 10 events is never
     * isolated from ordinary ones of 8. On log(1 + count) the splits spread over the range people
     * actually occupy. Ratios and flags are read as they are. Drift and reference distributions
     * stay on raw values.
     */
    public enum Scaling {
        /** Raw values, as the reference project's scikit-learn model reads them. */
        RAW,
        /** log(1 + value) for every count feature. */
        LOG_COUNTS;

        /** Scales a row of the set's values in place, as the forests read it, and returns it. */
        public double[] apply(FeatureSet set, double[] selected) {
            if (this == LOG_COUNTS) {
                List<Feature> features = set.features();
                for (int i = 0; i < selected.length; i++) {
                    if (features.get(i).kind() == Feature.Kind.COUNT) {
                        selected[i] = Math.log1p(selected[i]);
                    }
                }
            }
            return selected;
        }
    }

    /** How bots are modelled; by default as their own population. */
    public enum BotPolicy {
        /** One model for people, one for bots, so the top anomalies are not just "a bot". */
        SEPARATE,
        /** Bots are neither trained on nor scored. */
        EXCLUDE,
        /** One model for everybody. */
        TOGETHER
    }

    /** Whom a segment's model describes. */
    public enum Population {
        EVERYONE,
        PEOPLE,
        BOTS
    }

    /**
     * One population's model.
     *
     * @param population whom it describes
     * @param forest the Isolation Forest, over the bundle's feature set
     * @param threshold scores at or above it are anomalous
     * @param trainingRows rows it was trained on
     * @param reference each feature's training distribution, in feature-set order
     * @param highThreshold scores at or above it are {@link Severity#HIGH}; NaN for a bundle
     *     written before the tiers, whose verdicts then stop at {@link Severity#ANOMALOUS}
     * @param criticalThreshold scores at or above it are {@link Severity#CRITICAL}; NaN likewise
     */
    public record Segment(
            Population population,
            IsolationForest forest,
            double threshold,
            long trainingRows,
            List<ReferenceDistribution> reference,
            double highThreshold,
            double criticalThreshold) {
        public Segment {
            reference = List.copyOf(reference);
        }

        /** A segment without severity tiers beyond anomalous. */
        public Segment(
                Population population,
                IsolationForest forest,
                double threshold,
                long trainingRows,
                List<ReferenceDistribution> reference) {
            this(population, forest, threshold, trainingRows, reference, Double.NaN, Double.NaN);
        }

        /** The same segment with these reference distributions. */
        public Segment withReference(List<ReferenceDistribution> newReference) {
            return new Segment(
                    population,
                    forest,
                    threshold,
                    trainingRows,
                    newReference,
                    highThreshold,
                    criticalThreshold);
        }

        /** The tier of a score this segment gave. */
        public Severity severity(double score) {
            if (score >= criticalThreshold) {
                return Severity.CRITICAL;
            }
            if (score >= highThreshold) {
                return Severity.HIGH;
            }
            return score >= threshold ? Severity.ANOMALOUS : Severity.NORMAL;
        }
    }

    /**
     * The verdict on one actor-hour.
     *
     * @param score in (0, 1], higher is more anomalous; NaN when not scored (an excluded bot)
     * @param anomalous at or above the segment's threshold
     * @param topFeatures the column names that did most to isolate it, most first
     * @param population the segment that scored it
     * @param severity its tier; {@link Severity#NORMAL} when not scored
     */
    public record Verdict(
            double score,
            boolean anomalous,
            List<String> topFeatures,
            Population population,
            Severity severity) {}

    public ModelBundle {
        segments = List.copyOf(segments);
        metrics = Map.copyOf(metrics);
        if (!(contamination > 0 && contamination < 0.5)) {
            throw new IllegalArgumentException(
                    "contamination " + contamination + " is not in (0, 0.5)");
        }
        for (Segment s : segments) {
            if (!(s.threshold() > 0 && s.threshold() <= 1)) {
                throw new IllegalArgumentException(
                        "segment "
                                + s.population()
                                + " has threshold "
                                + s.threshold()
                                + ", not a score in (0, 1]");
            }
            if (s.forest().numFeatures() != featureSet.size()) {
                throw new IllegalArgumentException(
                        "segment "
                                + s.population()
                                + " reads "
                                + s.forest().numFeatures()
                                + " features, the bundle's feature set has "
                                + featureSet.size());
            }
        }
        // A population can be missing (too few bots in the training window): its actor-hours go
        // unscored. A segment the policy does not score is an error, and so is no segment at all.
        for (Segment s : segments) {
            if (!populationsFor(botPolicy).contains(s.population())) {
                throw new IllegalArgumentException(
                        "bot policy " + botPolicy + " has no " + s.population() + " segment");
            }
        }
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("a bundle needs at least one segment");
        }
    }

    public static List<Population> populationsFor(BotPolicy policy) {
        return switch (policy) {
            case SEPARATE -> List.of(Population.PEOPLE, Population.BOTS);
            case EXCLUDE -> List.of(Population.PEOPLE);
            case TOGETHER -> List.of(Population.EVERYONE);
        };
    }

    /** The same bundle with these evaluation figures. */
    public ModelBundle withMetrics(Map<String, Double> newMetrics) {
        return new ModelBundle(
                version,
                createdAt,
                featureVersion,
                featureSet,
                contamination,
                trainedFrom,
                trainedTo,
                botPolicy,
                segments,
                newMetrics,
                scaling);
    }

    /**
     * The segment that scores this actor, or null for a bot the model excludes or a population the
     * trainer had too few rows of.
     */
    public Segment segmentFor(boolean isBot) {
        Population wanted =
                switch (botPolicy) {
                    case SEPARATE -> isBot ? Population.BOTS : Population.PEOPLE;
                    case EXCLUDE -> isBot ? null : Population.PEOPLE;
                    case TOGETHER -> Population.EVERYONE;
                };
        for (Segment s : segments) {
            if (s.population() == wanted) {
                return s;
            }
        }
        return null;
    }

    /**
     * The {@code k} features that explain a row, most first: of the features the forest split on
     * along the row's paths, those whose raw value is rarest in the training data ({@link
     * ReferenceDistribution#tail}), ties going to the one that isolated the row more than it
     * isolates a typical row. The rarity decides because the forest credits every feature that
     * separated a row, so a star spree is isolated as much by its event count as by its stars; the
     * stars, rarer, say what happened.
     */
    private static List<Integer> explain(Segment segment, double[] raw, double[] row, int k) {
        double[] ratio = segment.forest().isolationRatios(row);
        int n = ratio.length;
        double[] tail = new double[n];
        for (int f = 0; f < n; f++) {
            tail[f] = segment.reference().get(f).tail(raw[f]);
        }
        List<Integer> top = new ArrayList<>(Math.min(k, n));
        boolean[] taken = new boolean[n];
        while (top.size() < Math.min(k, n)) {
            int best = -1;
            for (int f = 0; f < n; f++) {
                if (taken[f]) {
                    continue;
                }
                boolean split = ratio[f] > 0;
                boolean bestSplit = best >= 0 && ratio[best] > 0;
                if (best < 0
                        || (split && !bestSplit)
                        || (split == bestSplit
                                && (tail[f] < tail[best]
                                        || (tail[f] == tail[best] && ratio[f] > ratio[best])))) {
                    best = f;
                }
            }
            taken[best] = true;
            top.add(best);
        }
        return top;
    }

    /**
     * Scores a full feature vector (in {@link Feature} order, as the job and the trainer compute
     * it), explaining it with its {@code topK} most isolating features (none when 0).
     */
    public Verdict score(double[] fullVector, int topK) {
        boolean isBot = fullVector[Feature.IS_BOT.ordinal()] > 0;
        Segment segment = segmentFor(isBot);
        if (segment == null) {
            return new Verdict(Double.NaN, false, List.of(), null, Severity.NORMAL);
        }
        double[] raw = featureSet.select(fullVector);
        double[] row = scaling.apply(featureSet, raw.clone());
        double score = segment.forest().score(row);
        List<String> top = new ArrayList<>(topK);
        if (topK > 0) { // explaining costs another walk of every tree
            for (int f : explain(segment, raw, row, topK)) {
                top.add(featureSet.features().get(f).columnName());
            }
        }
        return new Verdict(
                score,
                score >= segment.threshold(),
                top,
                segment.population(),
                segment.severity(score));
    }
}
