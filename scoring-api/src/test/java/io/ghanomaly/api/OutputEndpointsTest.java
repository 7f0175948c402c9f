package io.ghanomaly.api;

import static io.ghanomaly.api.testing.ApiTesting.folders;
import static io.ghanomaly.api.testing.ApiTesting.get;
import static io.ghanomaly.api.testing.ApiTesting.serve;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghanomaly.api.testing.ApiTesting.Answer;
import io.ghanomaly.api.testing.FixtureRow;
import io.ghanomaly.api.testing.OutputFixture;
import io.ghanomaly.core.feature.Feature;
import io.ghanomaly.core.feature.FeatureSet;
import io.ghanomaly.core.testing.TestBundles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output endpoints over known rows written in the job's layout and schema. */
class OutputEndpointsTest {
    static final Instant H1 = Instant.parse("2025-01-01T14:00:00Z");
    static final Instant H2 = Instant.parse("2025-01-01T15:00:00Z");

    @TempDir Path dir;
    ApiConfig config;

    @BeforeEach
    void writeTwoHours() throws Exception {
        config = folders(dir, TestBundles.bundle("v1", FeatureSet.ALL));
        Path out = config.output();
        OutputFixture.features(
                out,
                H2,
                "part-a-0.parquet",
                List.of(
                        FixtureRow.scored(
                                "alice",
                                H2,
                                0.8,
                                true,
                                Map.of(Feature.EVENT_COUNT, 40d, Feature.PUSH_COUNT, 30d)),
                        FixtureRow.scored(
                                "bob[bot]",
                                H2,
                                0.75,
                                true,
                                Map.of(Feature.EVENT_COUNT, 90d, Feature.IS_BOT, 1d)),
                        FixtureRow.scored("carol", H2, 0.5, false, Map.of(Feature.EVENT_COUNT, 3d)),
                        FixtureRow.unscored("dave", H2, Map.of(Feature.EVENT_COUNT, 1d)),
                        FixtureRow.scored(
                                "erin",
                                H2,
                                0.65,
                                true,
                                Map.of(Feature.EVENT_COUNT, 7d, Feature.OWN_REPO_SHARE, 0.5))));
        OutputFixture.features(
                out,
                H2,
                "part-b-0.parquet",
                List.of(
                        FixtureRow.scored(
                                "frank", H2, 0.9, true, Map.of(Feature.EVENT_COUNT, 12d))),
                true); // written with severity; part-a as before the tiers
        OutputFixture.features(
                out,
                H1,
                "part-a-0.parquet",
                List.of(
                        FixtureRow.scored("alice", H1, 0.4, false, Map.of(Feature.EVENT_COUNT, 2d)),
                        FixtureRow.scored("zed", H1, 0.7, true, Map.of(Feature.EVENT_COUNT, 5d))));
        OutputFixture.lateEvents(out, H2, "part-l-0.parquet", 3);
        OutputFixture.deadLetters(out, H2, "part-d-0.parquet", 2);
        // Not committed: Flink's in-progress file, and checkpoints.
        Path inProgress =
                out.resolve("features")
                        .resolve(OutputFixture.partition(H2))
                        .resolve(".part-c-0.parquet.inprogress.1");
        Files.copy(
                out.resolve("features")
                        .resolve(OutputFixture.partition(H2))
                        .resolve("part-b-0.parquet"),
                inProgress);
        Files.createDirectories(out.resolve("_checkpoints"));
    }

    static List<String> logins(JsonNode rows) {
        List<String> out = new ArrayList<>();
        rows.forEach(r -> out.add(r.get("actor_login").asText()));
        return out;
    }

    @Test
    void anomaliesOfTheLatestHourComeHighestScoreFirst() throws Exception {
        serve(
                config,
                (client, state) -> {
                    Answer a = get(client, "/anomalies");
                    assertThat(a.status()).isEqualTo(200);
                    assertThat(a.json().get("hour").asText()).isEqualTo("2025-01-01T15:00:00Z");
                    assertThat(logins(a.json().get("rows")))
                            .containsExactly("frank", "alice", "bob[bot]", "erin");

                    assertThat(
                                    logins(
                                            get(client, "/anomalies?population=people")
                                                    .json()
                                                    .get("rows")))
                            .containsExactly("frank", "alice", "erin");
                    assertThat(logins(get(client, "/anomalies?population=bots").json().get("rows")))
                            .containsExactly("bob[bot]");
                    assertThat(
                                    logins(
                                            get(client, "/anomalies?min_score=0.7&limit=2")
                                                    .json()
                                                    .get("rows")))
                            .containsExactly("frank", "alice");
                    // the top tier only: frank's file says critical; alice's, older, says nothing
                    assertThat(
                                    logins(
                                            get(client, "/anomalies?severity=critical")
                                                    .json()
                                                    .get("rows")))
                            .containsExactly("frank");
                    assertThat(a.json().get("rows").get(0).get("severity").asText())
                            .isEqualTo("critical");
                    assertThat(a.json().get("rows").get(1).get("severity").isNull()).isTrue();
                    assertThat(get(client, "/anomalies?severity=extreme").status()).isEqualTo(400);
                    Answer h1 = get(client, "/anomalies?hour=2025-01-01T14");
                    assertThat(h1.json().get("hour").asText()).isEqualTo("2025-01-01T14:00:00Z");
                    assertThat(logins(h1.json().get("rows"))).containsExactly("zed");
                    assertThat(get(client, "/anomalies?hour=2025-01-01T14:00:00Z").status())
                            .isEqualTo(200);
                });
    }

    @Test
    void aRowCarriesTheVerdictItsExplanationAndEveryFeatureByName() throws Exception {
        serve(
                config,
                (client, state) -> {
                    JsonNode alice =
                            get(client, "/anomalies?min_score=0.8&limit=2")
                                    .json()
                                    .get("rows")
                                    .get(1);
                    assertThat(alice.get("actor_login").asText()).isEqualTo("alice");
                    assertThat(alice.get("actor_id").asLong())
                            .isEqualTo(Math.floorMod("alice".hashCode(), 1_000_000_000));
                    assertThat(alice.get("hour").asText()).isEqualTo("2025-01-01T15:00:00Z");
                    assertThat(alice.get("score").asDouble()).isEqualTo(0.8);
                    assertThat(alice.get("is_anomaly").asBoolean()).isTrue();
                    assertThat(alice.get("model_version").asText()).isEqualTo("v1");
                    assertThat(alice.get("population").asText()).isEqualTo("people");
                    assertThat(alice.get("is_bot").asBoolean()).isFalse();
                    assertThat(alice.get("top_features").get(0).get("name").asText())
                            .isEqualTo("event_count");
                    assertThat(alice.get("top_features").get(0).get("value").asLong())
                            .isEqualTo(40);
                    assertThat(alice.get("top_features").get(1).get("value").asLong())
                            .isEqualTo(30);
                    List<String> names = new ArrayList<>();
                    alice.get("features").fieldNames().forEachRemaining(names::add);
                    assertThat(names).isEqualTo(FeatureSet.ALL.columnNames());
                    assertThat(alice.get("features").get("push_count").isIntegralNumber()).isTrue();

                    JsonNode bob =
                            get(client, "/anomalies?population=bots").json().get("rows").get(0);
                    assertThat(bob.get("population").asText()).isEqualTo("bots");
                    assertThat(bob.get("is_bot").asBoolean()).isTrue();
                    JsonNode erin = get(client, "/actors/erin").json().get("rows").get(0);
                    assertThat(erin.get("features").get("own_repo_share").asDouble())
                            .isEqualTo(0.5);
                    JsonNode dave = get(client, "/actors/dave").json().get("rows").get(0);
                    assertThat(dave.get("score").isNull()).isTrue();
                    assertThat(dave.get("is_anomaly").isNull()).isTrue();
                    assertThat(dave.get("population").isNull()).isTrue();
                });
    }

    @Test
    void anActorsRowsComeNewestHourFirstWithinTheWindow() throws Exception {
        serve(
                config,
                (client, state) -> {
                    Answer a = get(client, "/actors/alice");
                    assertThat(a.status()).isEqualTo(200);
                    assertThat(a.json().get("login").asText()).isEqualTo("alice");
                    List<String> hours = new ArrayList<>();
                    a.json().get("rows").forEach(r -> hours.add(r.get("hour").asText()));
                    assertThat(hours)
                            .containsExactly("2025-01-01T15:00:00Z", "2025-01-01T14:00:00Z");
                    assertThat(get(client, "/actors/alice?hours=1").json().get("rows")).hasSize(1);
                    assertThat(get(client, "/actors/bob%5Bbot%5D").json().get("rows")).hasSize(1);

                    Answer nobody = get(client, "/actors/nobody");
                    assertThat(nobody.status()).isEqualTo(404);
                    assertThat(nobody.json().get("status").asInt()).isEqualTo(404);
                    assertThat(nobody.error()).contains("nobody", "48 hours");
                    assertThat(get(client, "/actors/zed?hours=1").status()).isEqualTo(404);
                    assertThat(get(client, "/actors/alice?hours=0").status()).isEqualTo(400);
                });
    }

    @Test
    void topActorsAreByEventCount() throws Exception {
        serve(
                config,
                (client, state) -> {
                    Answer a = get(client, "/actors/top?limit=3");
                    assertThat(a.status()).isEqualTo(200);
                    assertThat(a.json().get("hour").asText()).isEqualTo("2025-01-01T15:00:00Z");
                    assertThat(logins(a.json().get("rows")))
                            .containsExactly("bob[bot]", "alice", "frank");
                    assertThat(get(client, "/actors/top").json().get("rows")).hasSize(6);
                    assertThat(
                                    logins(
                                            get(client, "/actors/top?hour=2025-01-01T14")
                                                    .json()
                                                    .get("rows")))
                            .containsExactly("zed", "alice");
                });
    }

    @Test
    void hoursHoldEachHoursTotalsNewestFirstAndOnlyCommittedFiles() throws Exception {
        serve(
                config,
                (client, state) -> {
                    Answer a = get(client, "/hours");
                    assertThat(a.status()).isEqualTo(200);
                    JsonNode hours = a.json().get("hours");
                    assertThat(hours).hasSize(2);
                    JsonNode h2 = hours.get(0);
                    assertThat(h2.get("hour").asText()).isEqualTo("2025-01-01T15:00:00Z");
                    assertThat(h2.get("actors").asLong()).isEqualTo(6);
                    assertThat(h2.get("events").asLong()).isEqualTo(40 + 90 + 3 + 1 + 7 + 12);
                    assertThat(h2.get("anomalies").asLong()).isEqualTo(4);
                    assertThat(h2.get("anomaly_rate").asDouble()).isEqualTo(4 / 5.0);
                    assertThat(h2.get("model_versions").get(0).asText()).isEqualTo("v1");
                    assertThat(h2.get("late_events").asLong()).isEqualTo(3);
                    assertThat(h2.get("dead_letters").asLong()).isEqualTo(2);
                    JsonNode h1 = hours.get(1);
                    assertThat(h1.get("hour").asText()).isEqualTo("2025-01-01T14:00:00Z");
                    assertThat(h1.get("actors").asLong()).isEqualTo(2);
                    assertThat(h1.get("late_events").asLong()).isZero();
                    assertThat(get(client, "/hours?limit=1").json().get("hours")).hasSize(1);
                });
    }

    @Test
    void badQueryParametersAre400AndUnknownHours404() throws Exception {
        serve(
                config,
                (client, state) -> {
                    String[][] bad = {
                        {"/anomalies?hour=yesterday", "UTC hour"},
                        {"/anomalies?hour=2025-01-01T15:30:00Z", "UTC hour"},
                        {"/anomalies?hour=2025-13-01T15", "UTC hour"},
                        {"/anomalies?limit=0", "limit must be a whole number from 1 to 1000"},
                        {"/anomalies?limit=1001", "1 to 1000"},
                        {"/anomalies?limit=ten", "not 'ten'"},
                        {"/anomalies?population=robots", "people"},
                        {"/anomalies?min_score=2", "min_score"},
                        {"/anomalies?min_score=NaN", "min_score"},
                        {"/anomalies?limt=5", "unknown query parameter 'limt'"},
                        {"/anomalies?limit=1&limit=2", "repeated"},
                        {"/hours?limit=-1", "limit"},
                        {"/actors/top?limit=99999999999", "limit"},
                        {"/actors/alice?hours=abc", "hours"},
                    };
                    for (String[] b : bad) {
                        Answer a = get(client, b[0]);
                        assertThat(a.status()).as(b[0]).isEqualTo(400);
                        assertThat(a.error()).as(b[0]).contains(b[1]);
                    }
                    Answer none = get(client, "/anomalies?hour=2025-01-01T13");
                    assertThat(none.status()).isEqualTo(404);
                    assertThat(none.error())
                            .contains(
                                    "2025-01-01T13:00:00Z", "latest hour is 2025-01-01T15:00:00Z");
                    assertThat(get(client, "/actors/top?hour=2024-01-01T00").status())
                            .isEqualTo(404);
                });
    }

    @Test
    void withNoOutputYetTheHourEndpointsSay404AndHoursIsEmpty() throws Exception {
        serve(
                folders(dir.resolve("empty")),
                (client, state) -> {
                    assertThat(get(client, "/anomalies").status()).isEqualTo(404);
                    assertThat(get(client, "/actors/top").status()).isEqualTo(404);
                    assertThat(get(client, "/actors/alice").status()).isEqualTo(404);
                    assertThat(get(client, "/hours").json().get("hours")).isEmpty();
                });
    }
}
