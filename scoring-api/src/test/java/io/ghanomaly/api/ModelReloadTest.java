package io.ghanomaly.api;

import static io.ghanomaly.api.testing.ApiTesting.folders;
import static io.ghanomaly.api.testing.ApiTesting.get;
import static io.ghanomaly.api.testing.ApiTesting.postJson;
import static io.ghanomaly.api.testing.ApiTesting.serve;
import static org.assertj.core.api.Assertions.assertThat;

import io.ghanomaly.core.feature.Feature;
import io.ghanomaly.core.feature.FeatureSet;
import io.ghanomaly.core.model.ModelBundleFile;
import io.ghanomaly.core.testing.TestBundles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bundles are swapped without a restart; broken or incompatible ones never replace a good one. */
class ModelReloadTest {
    @TempDir Path dir;

    @Test
    void aBrokenOrIncompatibleNewerBundleIsRefusedAndTheCurrentKeepsServing() throws Exception {
        ApiConfig config =
                folders(dir, TestBundles.bundle("20250101T000000Z-good", FeatureSet.REFERENCE));
        serve(
                config,
                (client, state) -> {
                    assertThat(get(client, "/model").json().get("version").asText())
                            .isEqualTo("20250101T000000Z-good");
                    Path models = config.models();
                    // Newer names, unusable contents: half-written, not a bundle, a feature this
                    // code
                    // does not compute.
                    byte[] good =
                            ModelBundleFile.toBytes(
                                    TestBundles.bundle("20250301T000000Z-x", FeatureSet.REFERENCE));
                    Files.write(
                            models.resolve("model-20250201T000000Z-half.json"),
                            java.util.Arrays.copyOf(good, good.length / 2));
                    Files.writeString(
                            models.resolve("model-20250202T000000Z-other.json"),
                            "{\"format\":\"other\"}");
                    String alien =
                            new String(good, StandardCharsets.UTF_8)
                                    .replace("\"repo_diversity\"", "\"stars_given\"");
                    Files.writeString(models.resolve("model-20250203T000000Z-alien.json"), alien);
                    state.refresh();

                    assertThat(get(client, "/model").json().get("version").asText())
                            .isEqualTo("20250101T000000Z-good");
                    assertThat(
                                    postJson(client, "/predict", "{\"features\":[12,0,1,0,4]}")
                                            .json()
                                            .get("model_version")
                                            .asText())
                            .isEqualTo("20250101T000000Z-good");
                    assertThat(state.models().refusals()).hasSize(3);
                    assertThat(String.join("\n", state.models().refusals().values()))
                            .contains("not valid JSON", "not a gh-anomaly model", "stars_given");
                    assertThat(get(client, "/metrics").text())
                            .contains("gh_anomaly_api_models_refused 3.0");

                    ModelBundleFile.write(
                            TestBundles.bundle("20250401T000000Z-next", FeatureSet.ALL), models);
                    state.refresh();
                    assertThat(get(client, "/model").json().get("version").asText())
                            .isEqualTo("20250401T000000Z-next");
                    assertThat(get(client, "/model").json().get("feature_set"))
                            .hasSize(Feature.count());
                    assertThat(postJson(client, "/predict", "{\"features\":[12,0,1,0,4]}").status())
                            .isEqualTo(400);
                });
    }

    @Test
    void anOlderBundleLandingLaterDoesNotReplaceANewerOne() throws Exception {
        ApiConfig config = folders(dir, TestBundles.bundle("20250301T000000Z-new", FeatureSet.ALL));
        serve(
                config,
                (client, state) -> {
                    ModelBundleFile.write(
                            TestBundles.bundle("20250101T000000Z-old", FeatureSet.ALL),
                            config.models());
                    state.refresh();
                    assertThat(state.models().current().orElseThrow().version())
                            .isEqualTo("20250301T000000Z-new");
                });
    }

    @Test
    void theRefreshLoopPicksUpANewModelWithoutARestart() throws Exception {
        ApiConfig config =
                folders(dir, TestBundles.bundle("20250101T000000Z-a", FeatureSet.ALL))
                        .withRefresh(Duration.ofMillis(200));
        serve(
                config,
                (client, state) -> {
                    state.startRefreshing();
                    // Hidden and underscore files are someone's work in progress, not bundles.
                    Files.write(
                            config.models().resolve(".model-20250201T000000Z-b.json.tmp"),
                            ModelBundleFile.toBytes(
                                    TestBundles.bundle("20250201T000000Z-b", FeatureSet.ALL)));
                    Files.createDirectories(config.models().resolve("_candidates"));
                    ModelBundleFile.write(
                            TestBundles.bundle("20250301T000000Z-c", FeatureSet.ALL),
                            config.models().resolve("_candidates"));
                    Thread.sleep(600);
                    assertThat(state.models().current().orElseThrow().version())
                            .isEqualTo("20250101T000000Z-a");
                    ModelBundleFile.write(
                            TestBundles.bundle("20250201T000000Z-b", FeatureSet.ALL),
                            config.models());
                    long deadline = System.currentTimeMillis() + 5_000;
                    while (!state.models().current().orElseThrow().version().endsWith("-b")
                            && System.currentTimeMillis() < deadline) {
                        Thread.sleep(50);
                    }
                    assertThat(get(client, "/model").json().get("version").asText())
                            .isEqualTo("20250201T000000Z-b");
                });
    }
}
