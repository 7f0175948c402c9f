package io.ghanomaly.api;

import static io.ghanomaly.api.testing.ApiTesting.get;
import static io.ghanomaly.api.testing.ApiTesting.postJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghanomaly.api.testing.ApiTesting;
import io.ghanomaly.api.testing.ApiTesting.Answer;
import io.ghanomaly.core.feature.Feature;
import io.ghanomaly.core.feature.FeatureColumns;
import io.ghanomaly.core.feature.FeatureSet;
import io.ghanomaly.core.model.ModelBundleFile;
import io.ghanomaly.core.testing.TestBundles;
import io.ghanomaly.job.testing.JobRuns;
import io.ghanomaly.job.testing.ParquetOutput;
import io.ghanomaly.job.testing.ParquetOutput.Row;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API over what the real job wrote: three generated hours scored on a MiniCluster, the answers
 * checked against the same Parquet read independently (parquet-avro, not DuckDB).
 */
class JobOutputIT {
    static final String VERSION = "20250108T060000Z-jobit";

    @RegisterExtension static final MiniClusterExtension FLINK = JobRuns.cluster();

    @TempDir static Path work;
    static ApiConfig config;
    static List<Row> rows;

    @BeforeAll
    static void runTheJob() throws Exception {
        Path input = Files.createDirectories(work.resolve("hours"));
        Path output = work.resolve("output");
        Path models = Files.createDirectories(work.resolve("models"));
        JobRuns.generatedHours(input, "2025-01-01T00", 3);
        ModelBundleFile.write(TestBundles.bundle(VERSION, FeatureSet.ALL), models);
        JobRuns.bounded("JobOutputIT", input, output, "--models", models.toString());
        config = ApiConfig.of(output, models);
        rows = ParquetOutput.rows(output.resolve("features"));
        assertThat(rows).isNotEmpty();
    }

    /** The hour of a row, as the API writes it: 2025-01-01T02:00:00Z. */
    static String hourOf(Row r) {
        return java.time.Instant.ofEpochMilli(r.getLong(FeatureColumns.HOUR_START_MS)).toString();
    }

    static boolean anomalous(Row r) {
        return Boolean.TRUE.equals(r.record().get(FeatureColumns.IS_ANOMALY));
    }

    static double score(Row r) {
        return ((Number) r.record().get(FeatureColumns.SCORE)).doubleValue();
    }

    @Test
    void hoursCountWhatTheJobCommitted() throws Exception {
        Map<String, Long> lateEvents =
                ParquetOutput.rows(config.output().resolve("late-events")).stream()
                        .collect(Collectors.groupingBy(JobOutputIT::hourOf, Collectors.counting()));
        Map<String, List<Row>> byHour =
                rows.stream()
                        .collect(
                                Collectors.groupingBy(
                                        JobOutputIT::hourOf, TreeMap::new, Collectors.toList()));
        ApiTesting.serve(
                config,
                (client, state) -> {
                    JsonNode hours = get(client, "/hours").json().get("hours");
                    assertThat(hours).hasSize(3);
                    assertThat(hours.get(0).get("hour").asText()).isEqualTo("2025-01-01T02:00:00Z");
                    for (JsonNode h : hours) {
                        List<Row> of = byHour.get(h.get("hour").asText());
                        long anomalies = of.stream().filter(JobOutputIT::anomalous).count();
                        assertThat(h.get("actors").asLong()).isEqualTo(of.size());
                        assertThat(h.get("events").asLong())
                                .isEqualTo(
                                        of.stream().mapToLong(r -> r.getLong("event_count")).sum());
                        assertThat(h.get("anomalies").asLong()).isEqualTo(anomalies).isPositive();
                        assertThat(h.get("anomaly_rate").asDouble())
                                .isEqualTo((double) anomalies / of.size());
                        assertThat(h.get("model_versions").get(0).asText()).isEqualTo(VERSION);
                        assertThat(h.get("late_events").asLong())
                                .isEqualTo(lateEvents.getOrDefault(h.get("hour").asText(), 0L));
                        assertThat(h.get("dead_letters").asLong()).isZero();
                    }
                    assertThat(get(client, "/ready").status()).isEqualTo(200);
                });
    }

    /**
     * Every features file carries a bloom filter of its logins, so {@code /actors/{login}} reads
     * only the files that may hold the login: DuckDB's own probe says which row groups it skips.
     */
    @Test
    void featuresFilesCarryABloomFilterOfTheirLogins() throws Exception {
        String files =
                "'"
                        + config.output().resolve("features").toString().replace("'", "''")
                        + "/*/*/*.parquet'";
        String someone = rows.get(0).getString(FeatureColumns.ACTOR_LOGIN);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            Map<Boolean, Long> nobody = probe(s, files, "nobody-has-this-login");
            Map<Boolean, Long> present = probe(s, files, someone);

            assertThat(nobody).as("row groups skipped for an absent login").containsOnlyKeys(true);
            assertThat(present).as("row groups that may hold a present login").containsKey(false);
        }
    }

    private static Map<Boolean, Long> probe(Statement s, String files, String login)
            throws Exception {
        Map<Boolean, Long> excluded = new TreeMap<>();
        try (ResultSet rs =
                s.executeQuery(
                        "SELECT bloom_filter_excludes, count(*) FROM parquet_bloom_probe("
                                + files
                                + ", '"
                                + FeatureColumns.ACTOR_LOGIN
                                + "', '"
                                + login.replace("'", "''")
                                + "') GROUP BY 1")) {
            while (rs.next()) {
                excluded.put(rs.getBoolean(1), rs.getLong(2));
            }
        }
        return excluded;
    }

    /** The job's drift reports, served: one per population and hour, counted as the rows are. */
    @Test
    void driftReportsCountTheHoursRowsAndAlertsAreServed() throws Exception {
        ApiTesting.serve(
                config,
                (client, state) -> {
                    Answer latest = get(client, "/drift");
                    assertThat(latest.status()).isEqualTo(200);
                    assertThat(latest.json().get("hour").asText())
                            .isEqualTo("2025-01-01T02:00:00Z");
                    for (String hour : List.of("2025-01-01T00", "2025-01-01T01", "2025-01-01T02")) {
                        JsonNode reports = get(client, "/drift?hour=" + hour).json().get("reports");
                        long served = 0;
                        for (JsonNode r : reports) {
                            boolean bots = r.get("population").asText().equals("bots");
                            long rowsOfPopulation =
                                    rows.stream()
                                            .filter(x -> hourOf(x).startsWith(hour))
                                            .filter(x -> (x.getLong("is_bot") == 1) == bots)
                                            .count();
                            assertThat(r.get("rows").asLong()).isEqualTo(rowsOfPopulation);
                            assertThat(r.get("model_version").asText()).isEqualTo(VERSION);
                            // every feature of the bundle (all of them) but the ratios of others
                            assertThat(r.get("features"))
                                    .hasSize(Feature.count() - Feature.DERIVED.size());
                            assertThat(r.get("features").get(0).has("psi")).isTrue();
                            served += r.get("rows").asLong();
                        }
                        assertThat(served)
                                .isEqualTo(
                                        rows.stream()
                                                .filter(x -> hourOf(x).startsWith(hour))
                                                .count());
                    }
                    assertThat(get(client, "/drift?hour=2024-01-01T00").status()).isEqualTo(404);
                    Answer alerts = get(client, "/alerts?since=2025-01-01T00");
                    assertThat(alerts.status()).isEqualTo(200);
                    assertThat(alerts.json().get("alerts").isArray()).isTrue();
                    for (JsonNode a : alerts.json().get("alerts")) {
                        assertThat(a.get("id").asText()).startsWith(a.get("rule").asText() + "/");
                    }
                });
    }

    @Test
    void anomaliesAreTheHoursFlaggedRowsByScore() throws Exception {
        ApiTesting.serve(
                config,
                (client, state) -> {
                    for (String hour : List.of("2025-01-01T00", "2025-01-01T01", "2025-01-01T02")) {
                        List<Row> flagged =
                                rows.stream()
                                        .filter(r -> hourOf(r).startsWith(hour))
                                        .filter(JobOutputIT::anomalous)
                                        .sorted(
                                                Comparator.comparingDouble(JobOutputIT::score)
                                                        .reversed())
                                        .toList();
                        JsonNode served =
                                get(client, "/anomalies?limit=1000&hour=" + hour)
                                        .json()
                                        .get("rows");
                        assertThat(served).hasSize(Math.min(1000, flagged.size()));
                        assertThat(served.get(0).get("score").asDouble())
                                .isEqualTo(score(flagged.get(0)));
                        for (int i = 1; i < served.size(); i++) {
                            assertThat(served.get(i).get("score").asDouble())
                                    .isLessThanOrEqualTo(served.get(i - 1).get("score").asDouble());
                        }
                        long people =
                                flagged.stream().filter(r -> r.getLong("is_bot") == 0).count();
                        assertThat(
                                        get(
                                                        client,
                                                        "/anomalies?limit=1000&population=people&hour="
                                                                + hour)
                                                .json()
                                                .get("rows"))
                                .hasSize((int) Math.min(1000, people));
                    }
                });
    }

    @Test
    void topActorsAndAnActorsHoursMatchTheParquet() throws Exception {
        ApiTesting.serve(
                config,
                (client, state) -> {
                    long maxEvents =
                            rows.stream()
                                    .filter(r -> hourOf(r).startsWith("2025-01-01T02"))
                                    .mapToLong(r -> r.getLong("event_count"))
                                    .max()
                                    .orElseThrow();
                    JsonNode top = get(client, "/actors/top?limit=5").json().get("rows");
                    assertThat(top.get(0).get("features").get("event_count").asLong())
                            .isEqualTo(maxEvents);

                    Map<String, Long> hoursPerLogin =
                            rows.stream()
                                    .collect(
                                            Collectors.groupingBy(
                                                    r -> r.getString(FeatureColumns.ACTOR_LOGIN),
                                                    Collectors.counting()));
                    String regular =
                            hoursPerLogin.entrySet().stream()
                                    .filter(e -> e.getValue() == 3)
                                    .map(Map.Entry::getKey)
                                    .sorted()
                                    .findFirst()
                                    .orElseThrow();
                    Answer actor =
                            get(
                                    client,
                                    "/actors/"
                                            + java.net.URLEncoder.encode(
                                                            regular,
                                                            java.nio.charset.StandardCharsets.UTF_8)
                                                    .replace("+", "%20"));
                    assertThat(actor.status()).isEqualTo(200);
                    JsonNode served = actor.json().get("rows");
                    assertThat(served).hasSize(3);
                    assertThat(served.get(0).get("hour").asText())
                            .isEqualTo("2025-01-01T02:00:00Z");
                    List<Row> stored =
                            rows.stream()
                                    .filter(
                                            r ->
                                                    r.getString(FeatureColumns.ACTOR_LOGIN)
                                                            .equals(regular))
                                    .sorted(Comparator.comparing(JobOutputIT::hourOf).reversed())
                                    .toList();
                    for (int i = 0; i < 3; i++) {
                        for (Feature f : Feature.values()) {
                            assertThat(served.get(i).get("features").get(f.columnName()).asDouble())
                                    .as(f.columnName())
                                    .isEqualTo(
                                            ((Number) stored.get(i).record().get(f.columnName()))
                                                    .doubleValue());
                        }
                        assertThat(served.get(i).get("score").asDouble())
                                .isEqualTo(score(stored.get(i)));
                    }
                });
    }

    @Test
    void scoringAStoredActorHourGivesTheScoreTheJobWrote() throws Exception {
        List<Row> sample =
                rows.stream()
                        .sorted(Comparator.comparingDouble(JobOutputIT::score).reversed())
                        .limit(50)
                        .toList();
        ApiTesting.serve(
                config,
                (client, state) -> {
                    ArrayNode batch = ApiTesting.JSON.createArrayNode();
                    for (Row r : sample) {
                        ObjectNode o = batch.addObject();
                        for (Feature f : Feature.values()) {
                            o.put(
                                    f.columnName(),
                                    ((Number) r.record().get(f.columnName())).doubleValue());
                        }
                    }
                    Answer a = postJson(client, "/score", batch.toString());
                    assertThat(a.status()).isEqualTo(200);
                    for (int i = 0; i < sample.size(); i++) {
                        JsonNode v = a.json().get(i);
                        Row r = sample.get(i);
                        assertThat(v.get("score").asDouble()).isEqualTo(score(r));
                        assertThat(v.get("is_anomaly").asBoolean()).isEqualTo(anomalous(r));
                        assertThat(v.get("model_version").asText()).isEqualTo(VERSION);
                        assertThat(v.get("population").asText())
                                .isEqualTo(r.getLong("is_bot") == 1 ? "bots" : "people");
                        @SuppressWarnings("unchecked")
                        List<Object> top =
                                (List<Object>) r.record().get(FeatureColumns.TOP_FEATURES);
                        assertThat(names(v.get("top_features")))
                                .isEqualTo(top.stream().map(Object::toString).toList());
                    }
                });
    }

    static List<String> names(JsonNode topFeatures) {
        List<String> out = new java.util.ArrayList<>();
        topFeatures.forEach(n -> out.add(n.get("name").asText()));
        return out;
    }
}
