package io.ghanomaly.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ghanomaly.core.event.GhEvent;
import io.ghanomaly.core.feature.ActorHourAccumulator;
import io.ghanomaly.core.feature.Feature;
import io.ghanomaly.core.model.RankingMetrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PlantedEvaluationTest {
    private static final long HOUR = 1_735_743_600_000L; // 2025-01-01T15:00Z

    @Test
    void ranksAsTheReferenceMetricsDoWithTiesGoingToTheRealRows() {
        SplittableRandom r = new SplittableRandom(3);
        for (int trial = 0; trial < 50; trial++) {
            double[] neg = new double[200];
            double[] pos = new double[1 + r.nextInt(20)];
            for (int i = 0; i < neg.length; i++) {
                neg[i] = r.nextInt(30) / 30.0; // coarse values: many ties
            }
            for (int i = 0; i < pos.length; i++) {
                pos[i] = r.nextInt(40) / 30.0;
            }
            double[] all = new double[neg.length + pos.length];
            boolean[] label = new boolean[all.length];
            System.arraycopy(neg, 0, all, 0, neg.length);
            System.arraycopy(pos, 0, all, neg.length, pos.length);
            Arrays.fill(label, neg.length, all.length, true);
            double[] sorted = neg.clone();
            Arrays.sort(sorted);

            assertThat(PlantedEvaluation.auc(sorted, pos))
                    .isCloseTo(RankingMetrics.auc(all, label), within(1e-12));
            // RankingMetrics takes equal scores in index order: the real rows come first there
            assertThat(PlantedEvaluation.precisionAtK(sorted, pos))
                    .isEqualTo(RankingMetrics.precisionAtK(all, label, pos.length));
        }
    }

    @Test
    void clonesRealEventsOfTheTypeOntoTheNewActorWithinTheFormsMinutes() {
        List<GhEvent> real = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            real.add(
                    new GhEvent(
                            HOUR + i * 1000L,
                            "WatchEvent",
                            i,
                            "u" + i,
                            "o" + i + "/r",
                            "started",
                            null,
                            0));
            real.add(
                    new GhEvent(
                            HOUR + i * 1000L,
                            "PushEvent",
                            i,
                            "u" + i,
                            "u" + i + "/app",
                            null,
                            null,
                            3));
        }
        Planter planter = Planter.cloning(real, 1);

        List<GhEvent> stars =
                planter.plant(Plant.STAR_SPREE, Plant.Strength.SUBTLE, "mallory", -1, HOUR);
        assertThat(stars).hasSize(Plant.STAR_SPREE.form(Plant.Strength.SUBTLE).events());
        assertThat(stars)
                .allSatisfy(
                        e -> {
                            assertThat(e.actorLogin()).isEqualTo("mallory");
                            assertThat(e.type()).isEqualTo("WatchEvent");
                            assertThat(e.action()).isEqualTo("started"); // the payload is real
                            assertThat(e.repoName()).matches("o\\d+/r"); // and so is the target
                        });
        long first = stars.stream().mapToLong(GhEvent::createdAtMillis).min().orElseThrow();
        long last = stars.stream().mapToLong(GhEvent::createdAtMillis).max().orElseThrow();
        assertThat(last - first).isLessThan(2 * 60_000L);

        List<GhEvent> pushes =
                planter.plant(Plant.PUSH_FLOOD, Plant.Strength.LOUD, "mallory", -1, HOUR);
        assertThat(new HashSet<>(pushes.stream().map(GhEvent::repoName).toList()))
                .hasSize(1)
                .allMatch(repo -> repo.startsWith("mallory/"));
        ActorHourAccumulator acc = new ActorHourAccumulator();
        pushes.forEach(acc::add);
        assertThat(acc.toFeatures(HOUR).value(Feature.PUSHED_COMMITS)).isEqualTo(3 * 400);
        assertThat(planter.missingTypes(Plant.FORK_SPREE)).containsExactly("ForkEvent");
        assertThat(Planter.synthetic(1).missingTypes(Plant.FORK_SPREE)).isEmpty();
    }

    @Test
    void explainsAStarSpreeByItsStarsNotByItsVolumeAndRanksItAboveOrdinaryHours() {
        // ordinary people: a few pushes to their own repository, sometimes a star
        SplittableRandom r = new SplittableRandom(11);
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            ActorHourAccumulator acc = new ActorHourAccumulator();
            int pushes = 1 + r.nextInt(r.nextInt(10) == 0 ? 60 : 6);
            for (int e = 0; e < pushes; e++) {
                acc.add(
                        new GhEvent(
                                HOUR + r.nextLong(3_600_000L),
                                "PushEvent",
                                i,
                                "u" + i,
                                "u" + i + "/app",
                                null,
                                null,
                                1));
            }
            if (r.nextInt(20) == 0) {
                acc.add(
                        new GhEvent(
                                HOUR + r.nextLong(3_600_000L),
                                "WatchEvent",
                                i,
                                "u" + i,
                                "o/r" + i,
                                "started",
                                null,
                                0));
            }
            rows.add(acc.toFeatures(HOUR).values());
        }
        ModelTraining.ForestSpec spec =
                new ModelTraining.ForestSpec(
                        io.ghanomaly.core.feature.FeatureSet.DEFAULT,
                        100,
                        4096,
                        1,
                        0.05,
                        io.ghanomaly.core.model.ModelBundle.Scaling.LOG_COUNTS);
        var bundle =
                ModelTraining.bundle(
                        "t",
                        spec,
                        io.ghanomaly.core.model.ModelBundle.BotPolicy.SEPARATE,
                        java.util.Map.of(
                                io.ghanomaly.core.model.ModelBundle.Population.PEOPLE,
                                rows.stream()
                                        .map(io.ghanomaly.core.feature.FeatureSet.DEFAULT::select)
                                        .toArray(double[][]::new)),
                        java.time.Instant.EPOCH,
                        java.time.Instant.EPOCH);
        List<PlantedEvaluation.Planted> planted = new ArrayList<>();
        Planter planter = Planter.synthetic(5);
        for (int i = 0; i < 20; i++) {
            ActorHourAccumulator acc = new ActorHourAccumulator();
            planter.plant(Plant.STAR_SPREE, Plant.Strength.LOUD, "m" + i, -1, HOUR)
                    .forEach(acc::add);
            planted.add(
                    new PlantedEvaluation.Planted(
                            Plant.STAR_SPREE, Plant.Strength.LOUD, acc.toFeatures(HOUR).values()));
        }

        PlantedEvaluation e = PlantedEvaluation.of(bundle, rows, planted);

        PlantedEvaluation.Result star = e.results().get(0);
        assertThat(star.auc()).isGreaterThan(0.999);
        assertThat(star.recallAtThreshold()).isEqualTo(1.0);
        assertThat(star.explained()).isEqualTo(1.0);
        assertThat(bundle.score(planted.get(0).features(), 3).topFeatures().get(0))
                .isEqualTo("watch_count");
        assertThat(bundle.score(planted.get(0).features(), 0).severity())
                .isGreaterThanOrEqualTo(io.ghanomaly.core.model.Severity.HIGH);
    }

    @Test
    void countsTheRealRowsThatDidAsMuchOfABehaviourAtLeastAsFast() {
        double[] plant = row(10, 5.0); // 10 stars at 5 a minute
        double[] slower = row(12, 2.0); // more stars, spread out
        double[] same = row(10, 5.0);
        double[] more = row(60, 8.0);
        double[] fewer = row(9, 9.0);
        List<PlantedEvaluation.Planted> planted =
                List.of(
                        new PlantedEvaluation.Planted(
                                Plant.STAR_SPREE, Plant.Strength.SUBTLE, plant),
                        new PlantedEvaluation.Planted(
                                Plant.STAR_SPREE, Plant.Strength.SUBTLE, row(11, 5.5)));

        assertThat(
                        PlantedEvaluation.realAsMuch(
                                List.of(slower, same, more, fewer, row(0, 1.0)), planted))
                .containsExactly(java.util.Map.entry("star_spree/subtle", 2));
    }

    private static double[] row(int stars, double eventsPerActiveMinute) {
        double[] v = new double[Feature.values().length];
        v[Feature.WATCH_COUNT.ordinal()] = stars;
        v[Feature.EVENT_COUNT.ordinal()] = stars;
        v[Feature.EVENTS_PER_ACTIVE_MINUTE.ordinal()] = eventsPerActiveMinute;
        return v;
    }

    @Test
    void namesWhatEachBehaviourManipulates() {
        assertThat(Plant.STAR_SPREE.manipulated()).containsExactly(Feature.WATCH_COUNT);
        assertThat(Plant.REPO_SPREE.manipulated())
                .containsExactlyInAnyOrder(Feature.CREATE_COUNT, Feature.REPOS_CREATED);
        assertThat(Plant.TYPE_BLITZ.manipulated()).contains(Feature.DISTINCT_EVENT_TYPES);
        for (Plant p : Plant.values()) {
            assertThat(p.manipulated()).doesNotContain(Feature.EVENT_COUNT);
            assertThat(p.form(Plant.Strength.LOUD).events())
                    .isGreaterThanOrEqualTo(80)
                    .isGreaterThan(p.form(Plant.Strength.SUBTLE).events());
        }
    }
}
