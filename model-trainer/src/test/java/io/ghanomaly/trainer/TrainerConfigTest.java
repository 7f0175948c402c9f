package io.ghanomaly.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ghanomaly.core.feature.FeatureSet;
import io.ghanomaly.core.model.ModelBundle;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TrainerConfigTest {
    @Test
    void hasTheDocumentedDefaults() {
        TrainerConfig c = TrainerConfig.parse(new String[] {"--features", "f", "--models", "m"});
        assertThat(c.featureSet()).isEqualTo(FeatureSet.DEFAULT);
        assertThat(c.bots()).isEqualTo(ModelBundle.BotPolicy.SEPARATE);
        assertThat(c.contamination()).isEqualTo(0.05);
        assertThat(c.trees()).isEqualTo(100);
        assertThat(c.sampleSize()).isEqualTo(4096);
        assertThat(c.forestSpec().scaling()).isEqualTo(ModelBundle.Scaling.LOG_COUNTS);
        assertThat(c.holdoutHours()).isEqualTo(24);
        assertThat(c.every()).isNull();
        assertThat(TrainerConfig.USAGE).contains("--every", "MLFLOW_TRACKING_URI");
    }

    @Test
    void readsTheReferenceFeatureSetAndASchedule() {
        TrainerConfig c =
                TrainerConfig.parse(
                        new String[] {
                            "--raw",
                            "r",
                            "--models",
                            "m",
                            "--feature-set",
                            "reference",
                            "--every",
                            "7d",
                            "--bots",
                            "together"
                        });
        assertThat(c.featureSet().columnNames())
                .containsExactly(
                        "event_count",
                        "pr_count",
                        "issue_open_count",
                        "fork_count",
                        "repo_diversity");
        assertThat(c.every()).isEqualTo(Duration.ofDays(7));
        assertThat(c.bots()).isEqualTo(ModelBundle.BotPolicy.TOGETHER);
        // the reference's model reads raw values with scikit-learn's 256 rows per tree
        assertThat(c.sampleSize()).isEqualTo(256);
        assertThat(c.forestSpec().scaling()).isEqualTo(ModelBundle.Scaling.RAW);
    }

    @Test
    void saysWhatIsWrongWithABadCommandLine() {
        assertRejected("exactly one of --features and --raw", "--models", "m");
        assertRejected("--models is required", "--raw", "r");
        assertRejected(
                "unknown feature 'stars'", "--raw", "r", "--models", "m", "--feature-set", "stars");
        assertRejected("--every takes", "--raw", "r", "--models", "m", "--every", "weekly");
        assertRejected("--contamination", "--raw", "r", "--models", "m", "--contamination", "0.7");
        assertRejected("unknown option(s): --tres", "--raw", "r", "--models", "m", "--tres", "5");
    }

    private static void assertRejected(String message, String... args) {
        assertThatThrownBy(() -> TrainerConfig.parse(args))
                .isInstanceOf(TrainerConfig.UsageException.class)
                .hasMessageContaining(message);
    }
}
