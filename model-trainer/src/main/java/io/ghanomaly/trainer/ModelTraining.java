package io.ghanomaly.trainer;

import io.ghanomaly.core.drift.ReferenceDistribution;
import io.ghanomaly.core.feature.Feature;
import io.ghanomaly.core.feature.FeatureSet;
import io.ghanomaly.core.model.IsolationForest;
import io.ghanomaly.core.model.IsolationForestParams;
import io.ghanomaly.core.model.ModelBundle;
import io.ghanomaly.core.model.Severity;
import io.ghanomaly.trainer.FeatureHistory.ActorHour;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Samples the history in one pass and trains a candidate bundle: one Isolation Forest per
 * population, its threshold at the (1 − contamination) quantile of its training scores, and each
 * feature's reference distribution. The latest hours are held back, for evaluation only.
 */
final class ModelTraining {
    private static final DateTimeFormatter VERSION_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /**
     * A trained candidate and the held-back actor-hours to judge it on.
     *
     * @param holdout a uniform sample of the held-back actor-hours (all of them when they fit in
     *     --max-rows), labelled or not: what population figures are computed on
     * @param labelled every held-back actor-hour with a planted behaviour: the positives
     */
    record Candidate(
            ModelBundle bundle,
            List<ActorHour> holdout,
            List<ActorHour> labelled,
            long rowsRead,
            double seconds) {}

    /** Fewer actor-hours than this are not a population to model (2011-2017 have few bots). */
    static final int MIN_TRAINING_ROWS = 50;

    private ModelTraining() {}

    static Candidate train(TrainerConfig c, FeatureHistory history, Labels labels, PrintStream out)
            throws IOException {
        List<Instant> hours = history.hours();
        int holdoutHours =
                hours.size() >= 2 * c.holdoutHours() ? c.holdoutHours() : hours.size() / 4;
        // With fewer than 4 hours none is held back: the model is evaluated on the hours it
        // learnt from (in-sample), which the report says, rather than refusing to train.
        boolean inSample = holdoutHours == 0;
        Instant holdoutStart =
                inSample ? history.firstHour() : hours.get(hours.size() - holdoutHours);
        out.printf(
                "Training window %s to %s (%d hours); %s%n",
                history.firstHour(),
                history.endHour(),
                hours.size(),
                inSample
                        ? "too few hours to hold any back: evaluating in-sample"
                        : "holding back the last " + holdoutHours + " for evaluation");

        Map<ModelBundle.Population, Reservoir<double[]>> training =
                new EnumMap<>(ModelBundle.Population.class);
        for (ModelBundle.Population p : ModelBundle.populationsFor(c.bots())) {
            training.put(p, new Reservoir<>(c.maxRows(), c.seed() + p.ordinal()));
        }
        Reservoir<ActorHour> holdout = new Reservoir<>(c.maxRows(), c.seed() - 1);
        List<ActorHour> labelledHoldout = new ArrayList<>();
        UsualDrift usual = new UsualDrift(c.seed());
        long[] rows = new long[1];
        long start = System.nanoTime();
        history.forEach(
                a -> {
                    rows[0]++;
                    if (a.hourStartMillis() >= holdoutStart.toEpochMilli()) {
                        holdout.add(a);
                        if (labels.of(a.actor(), a.hourStartMillis()) != null) {
                            labelledHoldout.add(a); // rare: keep every one as a positive
                        }
                        if (!inSample) {
                            return;
                        }
                    }
                    ModelBundle.Population p = population(c.bots(), a.features());
                    if (p != null) {
                        double[] selected = c.featureSet().select(a.features());
                        training.get(p).add(selected);
                        usual.add(p, a.hourStartMillis(), selected);
                    }
                });

        List<ModelBundle.Segment> segments = new ArrayList<>();
        for (Map.Entry<ModelBundle.Population, Reservoir<double[]>> e : training.entrySet()) {
            List<double[]> sample = e.getValue().items();
            if (sample.size() < MIN_TRAINING_ROWS) {
                out.printf(
                        "  %s: only %,d actor-hours in the window (at least %d needed): not"
                                + " modelled; its actor-hours will be written unscored (widen the"
                                + " window, or --bots together)%n",
                        e.getKey(), sample.size(), MIN_TRAINING_ROWS);
                continue;
            }
            segments.add(
                    usual.measure(
                            segment(c.forestSpec(), e.getKey(), sample.toArray(double[][]::new))));
            out.printf(
                    "  %s: trained on %,d of %,d actor-hours; usual drift measured for %d of 168"
                            + " hours of the week%n",
                    e.getKey(),
                    sample.size(),
                    e.getValue().seen(),
                    usual.measuredHours(e.getKey()));
        }
        if (segments.isEmpty()) {
            throw new IOException(
                    "too few actor-hours to train on ("
                            + rows[0]
                            + " read, at least "
                            + MIN_TRAINING_ROWS
                            + " per population needed before the held-back hours): widen the"
                            + " window or give more hours");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Instant now = Instant.now();
        ModelBundle bundle =
                new ModelBundle(
                        VERSION_TIME.format(now)
                                + "-"
                                + Long.toHexString((c.seed() * 31 + rows[0]) * 0x9E3779B97F4A7C15L)
                                        .substring(0, 8),
                        now,
                        Feature.VERSION,
                        c.featureSet(),
                        c.contamination(),
                        history.firstHour(),
                        inSample ? history.endHour() : holdoutStart,
                        c.bots(),
                        segments,
                        Map.of(),
                        c.forestSpec().scaling());
        return new Candidate(bundle, holdout.items(), labelledHoldout, rows[0], seconds);
    }

    /** The population an actor-hour trains, or null when the policy leaves it out. */
    static ModelBundle.Population population(ModelBundle.BotPolicy policy, double[] full) {
        boolean bot = full[Feature.IS_BOT.ordinal()] > 0;
        return switch (policy) {
            case SEPARATE -> bot ? ModelBundle.Population.BOTS : ModelBundle.Population.PEOPLE;
            case EXCLUDE -> bot ? null : ModelBundle.Population.PEOPLE;
            case TOGETHER -> ModelBundle.Population.EVERYONE;
        };
    }

    /**
     * How a forest is grown and thresholded.
     *
     * @param featureSet the features it reads
     * @param trees trees per forest
     * @param sampleSize rows per tree
     * @param seed the seed; each population adds its ordinal
     * @param contamination the share of training rows at or above the threshold
     * @param scaling how the forest reads the features
     */
    record ForestSpec(
            FeatureSet featureSet,
            int trees,
            int sampleSize,
            long seed,
            double contamination,
            ModelBundle.Scaling scaling) {}

    /**
     * A bundle from rows already selected to the spec's features, per population; a population
     * without rows has no segment.
     */
    static ModelBundle bundle(
            String version,
            ForestSpec spec,
            ModelBundle.BotPolicy policy,
            Map<ModelBundle.Population, double[][]> rows,
            Instant from,
            Instant to) {
        List<ModelBundle.Segment> segments = new ArrayList<>();
        rows.forEach((p, r) -> segments.add(segment(spec, p, r)));
        return new ModelBundle(
                version,
                Instant.now(),
                Feature.VERSION,
                spec.featureSet(),
                spec.contamination(),
                from,
                to,
                policy,
                segments,
                Map.of(),
                spec.scaling());
    }

    private static ModelBundle.Segment segment(
            ForestSpec c, ModelBundle.Population p, double[][] rows) {
        // The reference distributions describe raw values; only the forest reads scaled ones.
        double[][] input = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            input[r] = c.scaling().apply(c.featureSet(), rows[r].clone());
        }
        IsolationForest forest =
                IsolationForest.train(
                        input,
                        new IsolationForestParams(
                                c.trees(),
                                c.sampleSize(),
                                c.seed() + p.ordinal(),
                                Runtime.getRuntime().availableProcessors()));
        double[] scores = new double[rows.length];
        forest.scoreAll(input, scores);
        Arrays.sort(scores);
        double threshold = ReferenceDistribution.quantile(scores, 1 - c.contamination());
        FeatureSet set = c.featureSet();
        List<ReferenceDistribution> reference = new ArrayList<>();
        double[] column = new double[rows.length];
        for (int f = 0; f < set.size(); f++) {
            for (int r = 0; r < rows.length; r++) {
                column[r] = rows[r][f];
            }
            reference.add(ReferenceDistribution.of(set.columnNames().get(f), column));
        }
        return new ModelBundle.Segment(
                p,
                forest,
                threshold,
                rows.length,
                reference,
                Math.max(
                        threshold, ReferenceDistribution.quantile(scores, 1 - Severity.HIGH_SHARE)),
                Math.max(
                        threshold,
                        ReferenceDistribution.quantile(scores, 1 - Severity.CRITICAL_SHARE)));
    }
}
