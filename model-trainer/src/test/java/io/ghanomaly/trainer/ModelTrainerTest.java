package io.ghanomaly.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.ghanomaly.core.model.ModelBundle;
import io.ghanomaly.core.model.ModelBundleFile;
import io.ghanomaly.core.testing.SharedData;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelTrainerTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @TempDir static Path hours;
    @TempDir Path models;

    @BeforeAll
    static void generateHours() throws Exception {
        TrainingData.fourHours(hours);
    }

    @Test
    void publishesAFirstModelTrainedFromRawHoursWithItsEvaluation() throws Exception {
        ModelTrainer.Outcome o = train();

        assertThat(o.promoted()).isTrue();
        assertThat(o.reason()).isEqualTo("no champion yet");
        assertThat(o.file()).hasParent(models);
        ModelBundle published = ModelBundleFile.read(o.file());
        assertThat(published.version()).isEqualTo(o.bundle().version());
        assertThat(published.botPolicy()).isEqualTo(ModelBundle.BotPolicy.SEPARATE);
        assertThat(published.segments())
                .extracting(ModelBundle.Segment::population)
                .containsExactly(ModelBundle.Population.PEOPLE, ModelBundle.Population.BOTS);
        Map<String, Double> m = published.metrics();
        assertThat(m.get("anomaly_rate")).isBetween(0.02, 0.10); // contamination 0.05
        for (String behaviour :
                new String[] {
                    "push_burst", "star_fork_ring", "pr_spam", "issue_spam", "repo_creation_spree"
                }) {
            assertThat(m).containsKeys("auc_" + behaviour, "precision_at_k_" + behaviour);
            assertThat(m.get("auc_" + behaviour)).as(behaviour).isGreaterThan(0.8);
        }
        assertThat(m.get("auc")).isGreaterThan(0.9);
    }

    @Test
    void keepsTheChampionWhenACandidateIsWorseUnlessForced() throws Exception {
        ModelTrainer.Outcome champion = train();
        // One feature that says little about any planted behaviour.
        ModelTrainer.Outcome worse = train("--feature-set", "gollum_count", "--seed", "7");

        assertThat(worse.promoted()).isFalse();
        assertThat(worse.reason()).contains("champion " + champion.bundle().version());
        assertThat(worse.file()).hasParent(models.resolve(ModelTrainer.CANDIDATES));
        assertThat(ModelTrainer.champion(models, QUIET))
                .hasValueSatisfying(
                        b -> assertThat(b.version()).isEqualTo(champion.bundle().version()));

        ModelTrainer.Outcome forced =
                train("--feature-set", "gollum_count", "--seed", "8", "--force");
        assertThat(forced.promoted()).isTrue();
        assertThat(forced.file()).hasParent(models);
    }

    @Test
    void withoutLabelsTheChampionIsJudgedOnAbusePlantedIntoRealHeldBackHours() throws Exception {
        Path real = SharedData.require("gharchive/hours"); // no labels.csv: label-free
        ModelTrainer.Outcome champion = trainOn(real);
        assertThat(champion.promoted()).isTrue();

        // The reference project's five features, raw: worse on planted abuse, so refused
        ModelTrainer.Outcome reference = trainOn(real, "--feature-set", "reference");
        assertThat(reference.promoted()).as(reference.reason()).isFalse();
        assertThat(reference.reason())
                .contains("planted precision at k", "champion " + champion.bundle().version())
                .doesNotContain("labelled mean AUC");
        Map<String, Double> m = reference.bundle().metrics();
        assertThat(m.get("planted_auc")).isLessThan(m.get("champion_planted_auc"));
        assertThat(m).containsKeys("champion_anomaly_rate", "champion_anomaly_rate_hourly_std");

        // our model again, another seed: as good, so promoted
        ModelTrainer.Outcome again = trainOn(real, "--seed", "43");
        assertThat(again.promoted()).as(again.reason()).isTrue();
    }

    private ModelTrainer.Outcome trainOn(Path raw, String... extra) throws Exception {
        String[] base = {"--raw", raw.toString(), "--models", models.toString()};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return ModelTrainer.run(TrainerConfig.parse(args), QUIET, Map.of());
    }

    @Test
    void excludesBotsWhenAsked() throws Exception {
        ModelTrainer.Outcome o = train("--bots", "exclude");
        assertThat(o.bundle().segments())
                .extracting(ModelBundle.Segment::population)
                .containsExactly(ModelBundle.Population.PEOPLE);
        assertThat(Files.exists(o.file())).isTrue();
    }

    private ModelTrainer.Outcome train(String... extra) throws Exception {
        String[] base = {"--raw", hours.toString(), "--models", models.toString(), "--trees", "50"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return ModelTrainer.run(TrainerConfig.parse(args), QUIET, Map.of());
    }
}
