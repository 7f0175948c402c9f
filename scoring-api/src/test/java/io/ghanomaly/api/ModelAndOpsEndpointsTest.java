package io.ghanomaly.api;

import static io.ghanomaly.api.testing.ApiTesting.answer;
import static io.ghanomaly.api.testing.ApiTesting.folders;
import static io.ghanomaly.api.testing.ApiTesting.get;
import static io.ghanomaly.api.testing.ApiTesting.post;
import static io.ghanomaly.api.testing.ApiTesting.serve;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghanomaly.api.testing.ApiTesting.Answer;
import io.ghanomaly.api.testing.FixtureRow;
import io.ghanomaly.api.testing.OutputFixture;
import io.ghanomaly.core.feature.Feature;
import io.ghanomaly.core.feature.FeatureSet;
import io.ghanomaly.core.model.ModelBundle;
import io.ghanomaly.core.model.ModelBundleFile;
import io.ghanomaly.core.testing.TestBundles;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelAndOpsEndpointsTest {
    static final Instant HOUR = Instant.parse("2025-01-01T15:00:00Z");

    @TempDir Path dir;

    @Test
    void modelDescribesTheServedBundle() throws Exception {
        ModelBundle b = TestBundles.bundle("20250108T060000Z-abc", FeatureSet.REFERENCE);
        serve(
                folders(dir, b),
                (client, state) -> {
                    Answer a = get(client, "/model");
                    assertThat(a.status()).isEqualTo(200);
                    JsonNode j = a.json();
                    assertThat(j.get("version").asText()).isEqualTo(b.version());
                    assertThat(j.get("created_at").asText()).isEqualTo("2025-01-08T06:00:00Z");
                    List<String> features = new ArrayList<>();
                    j.get("feature_set").forEach(n -> features.add(n.asText()));
                    assertThat(features).isEqualTo(FeatureSet.REFERENCE.columnNames());
                    assertThat(j.get("bot_policy").asText()).isEqualTo("separate");
                    assertThat(j.get("contamination").asDouble()).isEqualTo(0.05);
                    assertThat(j.get("thresholds").get("people").asDouble()).isEqualTo(0.6);
                    assertThat(j.get("thresholds").get("bots").asDouble()).isEqualTo(0.6);
                    assertThat(j.get("training_rows").get("people").asLong()).isEqualTo(500);
                    assertThat(j.get("trained_from").asText()).isEqualTo("2025-01-01T00:00:00Z");
                    assertThat(j.get("trained_to").asText()).isEqualTo("2025-01-08T00:00:00Z");
                    assertThat(j.get("metrics").get("auc").asDouble()).isEqualTo(0.91);
                });
    }

    @Test
    void withoutAModelTheModelIs503AndNotReady() throws Exception {
        serve(
                folders(dir),
                (client, state) -> {
                    Answer m = get(client, "/model");
                    assertThat(m.status()).isEqualTo(503);
                    assertThat(m.json().get("status").asInt()).isEqualTo(503);
                    Answer r = get(client, "/ready");
                    assertThat(r.status()).isEqualTo(503);
                    assertThat(r.json().get("ready").asBoolean()).isFalse();
                    assertThat(r.json().get("missing").toString()).contains("model", "hours");
                    assertThat(get(client, "/health").json().get("status").asText())
                            .isEqualTo("ok");
                });
    }

    @Test
    void readyOnceAModelAndAnHourAreLoaded() throws Exception {
        ApiConfig config = folders(dir, TestBundles.bundle("v1", FeatureSet.ALL));
        serve(
                config,
                (client, state) -> {
                    Answer before = get(client, "/ready");
                    assertThat(before.status()).isEqualTo(503);
                    assertThat(before.json().get("missing").toString()).doesNotContain("model:");
                    OutputFixture.features(
                            config.output(),
                            HOUR,
                            "part-0.parquet",
                            List.of(
                                    FixtureRow.scored(
                                            "a",
                                            HOUR,
                                            0.5,
                                            false,
                                            Map.of(Feature.EVENT_COUNT, 1d))));
                    state.refresh();
                    Answer after = get(client, "/ready");
                    assertThat(after.status()).isEqualTo(200);
                    assertThat(after.json().get("ready").asBoolean()).isTrue();
                    assertThat(after.json().get("model_version").asText()).isEqualTo("v1");
                    assertThat(after.json().get("hours").asInt()).isEqualTo(1);
                });
    }

    @Test
    void metricsArePrometheusTextWithRequestTimers() throws Exception {
        serve(
                folders(dir, TestBundles.bundle("v1", FeatureSet.ALL)),
                (client, state) -> {
                    get(client, "/health");
                    get(client, "/nowhere");
                    Answer m = get(client, "/metrics");
                    assertThat(m.status()).isEqualTo(200);
                    assertThat(m.text())
                            .contains("jetty_server_requests_seconds_count")
                            .contains("uri=\"/health\"")
                            .contains("gh_anomaly_api_model_loaded 1.0")
                            .contains("jvm_memory_used_bytes");
                });
    }

    @Test
    void adminReloadIsDisabledWithoutATokenAndNeedsTheRightOne() throws Exception {
        serve(
                folders(dir),
                (client, state) -> {
                    Answer a = answer(post(client, "/admin/reload", ""));
                    assertThat(a.status()).isEqualTo(403);
                    assertThat(a.error()).contains("GH_ANOMALY_ADMIN_TOKEN");
                });
        ApiConfig config = folders(dir.resolve("b")).withAdminToken("s3cret-token");
        serve(
                config,
                (client, state) -> {
                    assertThat(reload(client, null).status()).isEqualTo(401);
                    Answer wrong = reload(client, "Bearer s3cret-tokem");
                    assertThat(wrong.status()).isEqualTo(401);
                    assertThat(wrong.text()).doesNotContain("s3cret");
                    assertThat(reload(client, "Basic s3cret-token").status()).isEqualTo(401);
                    assertThat(reload(client, "Bearer ").status()).isEqualTo(401);

                    Answer none = reload(client, "Bearer s3cret-token");
                    assertThat(none.status()).isEqualTo(200);
                    assertThat(none.json().get("model_version").isNull()).isTrue();

                    ModelBundleFile.write(
                            TestBundles.bundle("v2", FeatureSet.ALL), config.models());
                    OutputFixture.features(
                            config.output(),
                            HOUR,
                            "part-0.parquet",
                            List.of(FixtureRow.scored("a", HOUR, 0.5, false, Map.of())));
                    Answer ok = reload(client, "bearer s3cret-token");
                    assertThat(ok.status()).isEqualTo(200);
                    assertThat(ok.json().get("model_version").asText()).isEqualTo("v2");
                    assertThat(ok.json().get("hours").asInt()).isEqualTo(1);
                    assertThat(get(client, "/ready").status()).isEqualTo(200);
                });
    }

    private static Answer reload(io.javalin.testtools.HttpClient client, String authorization) {
        return answer(
                client.request(
                        "/admin/reload",
                        b -> {
                            b.post(RequestBody.create(new byte[0]));
                            if (authorization != null) {
                                b.header("Authorization", authorization);
                            }
                        }));
    }

    @Test
    void theOpenApiDescriptionIsGeneratedForEveryEndpointAndSwaggerServesIt() throws Exception {
        serve(
                folders(dir),
                (client, state) -> {
                    Answer doc = get(client, ScoringApp.OPENAPI_PATH);
                    assertThat(doc.status()).isEqualTo(200);
                    JsonNode paths = doc.json().get("paths");
                    for (String p :
                            List.of(
                                    "/predict",
                                    "/score",
                                    "/anomalies",
                                    "/actors/{login}",
                                    "/actors/top",
                                    "/hours",
                                    "/model",
                                    "/health",
                                    "/ready",
                                    "/metrics",
                                    "/drift",
                                    "/alerts",
                                    "/admin/reload")) {
                        assertThat(paths.has(p)).as(p).isTrue();
                    }
                    JsonNode result = doc.json().at("/components/schemas/PredictResult/properties");
                    assertThat(result.has("anomaly_score")).isTrue();
                    assertThat(result.get("anomaly_score").get("description").asText())
                            .contains("negative is anomalous");
                    assertThat(
                                    doc.json()
                                            .at("/components/schemas/Row/properties")
                                            .has("actor_login"))
                            .isTrue();
                    Answer ui = get(client, ScoringApp.SWAGGER_PATH);
                    assertThat(ui.status()).isEqualTo(200);
                    assertThat(ui.text()).contains("swagger").contains(ScoringApp.OPENAPI_PATH);
                });
    }
}
