package io.ghanomaly.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.configuration.StateBackendOptions;
import org.junit.jupiter.api.Test;

class JobConfigTest {
    @Test
    void appliesTheDocumentedDefaults() {
        JobConfig c = JobConfig.parse(new String[] {"--input", "s3://b/in", "--output", "out"});
        assertThat(c.input()).isEqualTo("s3://b/in");
        assertThat(c.output()).startsWith("file:/").endsWith("/out");
        assertThat(c.checkpointDir()).isEqualTo(c.output() + "/_checkpoints");
        assertThat(c.follow()).isFalse();
        assertThat(c.backfill()).isFalse();
        assertThat(c.from()).isNull();
        assertThat(c.checkpointInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.monitorInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.maxLineBytes()).isEqualTo(4 << 20);
        assertThat(c.parallelism()).isEqualTo(-1);
        assertThat(c.webPort()).isEqualTo(8081);
        assertThat(c.firstModelWait()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.stateBackend()).as("the cluster's, or Flink's heap one locally").isNull();
        assertThat(JobConfig.USAGE)
                .contains("--input", "--follow", "--from", "--web-port", "--first-model-wait");
    }

    @Test
    void readsEveryOption() {
        JobConfig c =
                JobConfig.parse(
                        new String[] {
                            "--input",
                            "in",
                            "--output",
                            "out",
                            "--follow",
                            "--from",
                            "2025-01-01T15",
                            "--to",
                            "2025-01-02",
                            "--checkpoint-interval",
                            "500ms",
                            "--parallelism",
                            "3",
                            "--local",
                            "--web-port",
                            "0",
                            "--first-model-wait",
                            "30s",
                            "--alert-anomaly-rate",
                            "0.2",
                            "--alert-parse-errors",
                            "0.05",
                            "--alert-stall",
                            "90min",
                            "--alert-config",
                            "alerting.properties",
                            "--no-alerts",
                            "--state-backend",
                            "rocksdb"
                        });
        assertThat(c.follow()).isTrue();
        assertThat(c.local()).isTrue();
        assertThat(c.from()).isEqualTo(Instant.parse("2025-01-01T15:00:00Z"));
        assertThat(c.to()).isEqualTo(Instant.parse("2025-01-02T00:00:00Z"));
        assertThat(c.checkpointInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.parallelism()).isEqualTo(3);
        assertThat(c.webPort()).isZero();
        assertThat(c.firstModelWait()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.alertRules().anomalyRate()).isEqualTo(0.2);
        assertThat(c.alertRules().parseErrorShare()).isEqualTo(0.05);
        assertThat(c.alertRules().stallAfter()).isEqualTo(Duration.ofMinutes(90));
        assertThat(c.alertConfig()).isEqualTo("alerting.properties");
        assertThat(c.alerts()).isFalse();
        assertThat(c.stateBackend()).isEqualTo("rocksdb");
        assertThat(JobConfig.parse(new String[] {"--input", "i", "--output", "o"}).alerts())
                .isTrue();
    }

    @Test
    void rejectsBadInputWithAMessageThatSaysWhatToFix() {
        assertRejected("--input is required", "--output", "o");
        assertRejected(
                "unknown option(s): --inptu", "--inptu", "i", "--input", "i", "--output", "o");
        assertRejected(
                "not a duration", "--input", "i", "--output", "o", "--checkpoint-interval", "soon");
        assertRejected("not an hour", "--input", "i", "--output", "o", "--from", "yesterday");
        assertRejected(
                "--backfill reads the hours that are there and ends; it cannot --follow",
                "--input",
                "i",
                "--output",
                "o",
                "--backfill",
                "--follow");
        assertThat(JobConfig.parse(new String[] {"--input", "i", "--output", "o", "--backfill"}))
                .extracting(JobConfig::backfill)
                .isEqualTo(true);
        assertRejected(
                "--alert-parse-errors must be a share in [0, 1), got 5.0",
                "--input",
                "i",
                "--output",
                "o",
                "--alert-parse-errors",
                "5");
        assertRejected(
                "--from must be before --to",
                "--input",
                "i",
                "--output",
                "o",
                "--from",
                "2025-01-02",
                "--to",
                "2025-01-01");
        assertRejected(
                "--parallelism must be at least",
                "--input",
                "i",
                "--output",
                "o",
                "--parallelism",
                "-5");
        assertRejected(
                "--state-backend is one of hashmap, rocksdb, not forst",
                "--input",
                "i",
                "--output",
                "o",
                "--state-backend",
                "forst");
        assertRejected(
                "--follow takes no value", "--input", "i", "--output", "o", "--follow", "yes");
    }

    @Test
    void givesFlinkTheStateBackendAndIncrementalCheckpointsOnlyWhenAsked() {
        String[] base = {"--input", "i", "--output", "o"};
        ReadableConfig unset =
                GhAnomalyJob.environment(JobConfig.parse(base), new Configuration())
                        .getConfiguration();
        assertThat(unset.getOptional(StateBackendOptions.STATE_BACKEND)).isEmpty();

        String[] rocks = {"--input", "i", "--output", "o", "--state-backend", "rocksdb"};
        ReadableConfig set =
                GhAnomalyJob.environment(JobConfig.parse(rocks), new Configuration())
                        .getConfiguration();
        assertThat(set.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
        assertThat(set.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isTrue();
    }

    private static void assertRejected(String message, String... args) {
        assertThatThrownBy(() -> JobConfig.parse(args))
                .isInstanceOf(JobConfig.UsageException.class)
                .hasMessageContaining(message);
    }
}
