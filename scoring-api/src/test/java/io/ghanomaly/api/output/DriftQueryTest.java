package io.ghanomaly.api.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.ghanomaly.core.alert.PopulationHour;
import io.ghanomaly.core.drift.FeatureDrift;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drift reports as files other than today's job writes them: one from before {@code
 * usual_statistic} existed, and one population with no feature compared (its actor-hours unscored).
 */
class DriftQueryTest {
    @TempDir Path dir;

    @Test
    void anOlderReportReadsItsUsualAsUnknownAndAReportOfNoFeatureIsKept() throws Exception {
        Path file = dir.resolve("part-0.parquet");
        try (DuckDbPool pool = new DuckDbPool(1, "256MB", 1)) {
            pool.query(
                    c -> {
                        try (Statement s = c.createStatement()) {
                            s.execute(
                                    "COPY (SELECT * FROM (VALUES"
                                            + " (1735689600000, 'people', 'v1', 10, 10, 1,"
                                            + " ['alice'], [{'feature': 'event_count',"
                                            + " 'test': 'wasserstein_normed', 'statistic': 0.2,"
                                            + " 'threshold': 0.1, 'drifted': true, 'psi': 0.3,"
                                            + " 'ks': 0.1, 'ks_p_value': 0.01,"
                                            + " 'reference_mean': 2.0, 'current_mean': 3.0}]),"
                                            + " (1735689600000, 'bots', 'v1', 4, 0, 0, [], [])"
                                            + ") t(hour_start_ms, population, model_version, rows,"
                                            + " scored, anomalies, example_actors, features))"
                                            + " TO '"
                                            + file
                                            + "' (FORMAT parquet)");
                        }
                        return null;
                    });
            List<PopulationHour> reports =
                    new OutputQueries(pool)
                            .drift(
                                    List.of(
                                            new CommittedFile(
                                                    file,
                                                    Instant.ofEpochMilli(1735689600000L),
                                                    Files.size(file),
                                                    0)));

            assertThat(reports)
                    .extracting(PopulationHour::population)
                    .containsExactly("bots", "people");
            assertThat(reports.get(0).features()).isEmpty();
            assertThat(reports.get(0).rows()).isEqualTo(4);
            FeatureDrift f = reports.get(1).features().get(0);
            assertThat(f.feature()).isEqualTo("event_count");
            assertThat(f.statistic()).isEqualTo(0.2);
            assertThat(f.usual()).isNaN();
            assertThat(reports.get(1).features()).hasSize(1);
        }
    }
}
