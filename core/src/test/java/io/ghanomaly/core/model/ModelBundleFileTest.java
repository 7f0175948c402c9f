package io.ghanomaly.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ghanomaly.core.drift.DriftBins;
import io.ghanomaly.core.feature.Feature;
import io.ghanomaly.core.feature.FeatureSet;
import io.ghanomaly.core.testing.TestBundles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelBundleFileTest {
    @TempDir Path dir;

    @Test
    void writesAtomicallyAndReadsBackAModelThatScoresTheSame() throws Exception {
        ModelBundle bundle = TestBundles.bundle("20250108T060000Z-abc", FeatureSet.REFERENCE);

        Path file = ModelBundleFile.write(bundle, dir);

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file); // no temporary file left behind
        }
        assertThat(file.getFileName().toString()).isEqualTo("model-20250108T060000Z-abc.json");
        ModelBundle back = ModelBundleFile.read(file);
        assertThat(back.version()).isEqualTo(bundle.version());
        assertThat(back.featureSet()).isEqualTo(FeatureSet.REFERENCE);
        assertThat(back.botPolicy()).isEqualTo(ModelBundle.BotPolicy.SEPARATE);
        assertThat(back.metrics()).isEqualTo(bundle.metrics());
        assertThat(back.segments().get(0).reference().get(0).quantiles())
                .containsExactly(bundle.segments().get(0).reference().get(0).quantiles());
        DriftBins bins = bundle.segments().get(0).reference().get(0).bins();
        DriftBins binsBack = back.segments().get(0).reference().get(0).bins();
        assertThat(bins.edges()).isNotEmpty();
        assertThat(binsBack.edges()).containsExactly(bins.edges());
        assertThat(binsBack.shares()).containsExactly(bins.shares());
        assertThat(binsBack.means()).containsExactly(bins.means());
        double[] usualBack = back.segments().get(0).reference().get(0).usual();
        assertThat(usualBack).hasSize(168).startsWith(0.0, 0.0);
        assertThat(usualBack[24]).isNaN(); // written as null: JSON has no NaN
        assertThat(back.segments().get(0).reference().get(1).usual()).isNull();
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 200; i++) {
            double[] full = new double[Feature.count()];
            full[Feature.EVENT_COUNT.ordinal()] = r.nextInt(300);
            full[Feature.REPO_DIVERSITY.ordinal()] = r.nextInt(40);
            full[Feature.IS_BOT.ordinal()] = r.nextInt(2);
            assertThat(back.score(full, 3)).isEqualTo(bundle.score(full, 3));
        }
    }

    @Test
    void keepsTheScalingAndTheSeverityTiers() throws Exception {
        ModelBundle plain = TestBundles.bundle("v5", FeatureSet.REFERENCE);
        List<ModelBundle.Segment> tiered =
                plain.segments().stream()
                        .map(
                                s ->
                                        new ModelBundle.Segment(
                                                s.population(),
                                                s.forest(),
                                                0.5,
                                                s.trainingRows(),
                                                s.reference(),
                                                0.6,
                                                0.7))
                        .toList();
        ModelBundle bundle =
                new ModelBundle(
                        plain.version(),
                        plain.createdAt(),
                        plain.featureVersion(),
                        plain.featureSet(),
                        plain.contamination(),
                        plain.trainedFrom(),
                        plain.trainedTo(),
                        plain.botPolicy(),
                        tiered,
                        plain.metrics(),
                        ModelBundle.Scaling.LOG_COUNTS);

        ModelBundle back = ModelBundleFile.read(ModelBundleFile.write(bundle, dir));

        assertThat(back.scaling()).isEqualTo(ModelBundle.Scaling.LOG_COUNTS);
        ModelBundle.Segment s = back.segments().get(0);
        assertThat(s.highThreshold()).isEqualTo(0.6);
        assertThat(s.criticalThreshold()).isEqualTo(0.7);
        assertThat(List.of(s.severity(0.4), s.severity(0.5), s.severity(0.65), s.severity(0.7)))
                .containsExactly(
                        Severity.NORMAL, Severity.ANOMALOUS, Severity.HIGH, Severity.CRITICAL);
        // the forest reads log(1 + count); a bundle without tiers stops at anomalous
        double[] full = new double[Feature.count()];
        full[Feature.EVENT_COUNT.ordinal()] = 1000;
        double[] logged = new double[FeatureSet.REFERENCE.size()];
        logged[0] = Math.log1p(1000);
        assertThat(back.score(full, 0).score()).isEqualTo(s.forest().score(logged));
        ModelBundle.Segment untiered =
                ModelBundleFile.read(ModelBundleFile.write(plain, dir)).segments().get(0);
        assertThat(untiered.highThreshold()).isNaN();
        assertThat(untiered.severity(0.99)).isEqualTo(Severity.ANOMALOUS);
    }

    @Test
    void refusesAHalfWrittenOrForeignFile() throws Exception {
        byte[] whole = ModelBundleFile.toBytes(TestBundles.bundle("v1", FeatureSet.ALL));
        Path half = dir.resolve("model-half.json");
        Files.write(half, java.util.Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> ModelBundleFile.read(half))
                .isInstanceOf(ModelBundleFile.InvalidBundleException.class)
                .hasMessageContaining("not valid JSON");

        Path foreign = dir.resolve("model-foreign.json");
        Files.writeString(foreign, "{\"hello\":1}");
        assertThatThrownBy(() -> ModelBundleFile.read(foreign))
                .hasMessageContaining("not a gh-anomaly model");
    }

    @Test
    void refusesABundleWhoseFeaturesThisCodeDoesNotComputeAndNamesTheDifference() throws Exception {
        String json =
                new String(
                        ModelBundleFile.toBytes(TestBundles.bundle("v2", FeatureSet.REFERENCE)),
                        StandardCharsets.UTF_8);
        Path renamed = dir.resolve("model-renamed.json");
        Files.writeString(renamed, json.replace("\"fork_count\"", "\"fork_burst\""));
        assertThatThrownBy(() -> ModelBundleFile.read(renamed))
                .hasMessageContaining("feature list does not match")
                .hasMessageContaining("[fork_burst]");

        Path newer = dir.resolve("model-newer.json");
        Files.writeString(
                newer,
                json.replace(
                        "\"feature_version\" : " + Feature.VERSION, "\"feature_version\" : 9"));
        assertThatThrownBy(() -> ModelBundleFile.read(newer))
                .hasMessageContaining("feature version 9")
                .hasMessageContaining("computes feature version " + Feature.VERSION);

        // A bundle of feature version 1 (before the minute-shape features were appended) reads
        // only features that existed then: still served.
        Path older = dir.resolve("model-older.json");
        Files.writeString(
                older,
                json.replace(
                        "\"feature_version\" : " + Feature.VERSION, "\"feature_version\" : 1"));
        assertThat(ModelBundleFile.read(older).featureSet().features())
                .isEqualTo(FeatureSet.REFERENCE.features());
    }

    @Test
    void refusesThresholdsThatAreNotScoresAndNumbersWrittenAsText() throws Exception {
        String json =
                new String(
                        ModelBundleFile.toBytes(TestBundles.bundle("v3", FeatureSet.REFERENCE)),
                        StandardCharsets.UTF_8);
        Path text = dir.resolve("model-text.json");
        Files.writeString(text, json.replace("\"threshold\" : 0.6", "\"threshold\" : \"0.6\""));
        assertThatThrownBy(() -> ModelBundleFile.read(text))
                .hasMessageContaining("'threshold' is not a number");

        Path zero = dir.resolve("model-zero.json");
        Files.writeString(zero, json.replace("\"threshold\" : 0.6", "\"threshold\" : 0.0"));
        assertThatThrownBy(() -> ModelBundleFile.read(zero))
                .hasMessageContaining("not a score in (0, 1]");
    }
}
