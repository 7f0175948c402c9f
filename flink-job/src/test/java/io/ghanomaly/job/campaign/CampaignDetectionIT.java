package io.ghanomaly.job.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.ghanomaly.generator.PlantCampaigns;
import io.ghanomaly.job.bench.CampaignEvaluation;
import io.ghanomaly.job.testing.JobRuns;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lockstep campaigns of five shapes and five organic look-alikes planted into generated hours and
 * into the real 2025 hours of ../shared/data, through the whole job: the campaigns it finds, held
 * against what was planted. The real hours run on RocksDB (incremental checkpoints every second),
 * the generated ones on the heap: each backend must find every planted campaign and no look-alike.
 */
class CampaignDetectionIT {
    @RegisterExtension static final MiniClusterExtension FLINK = JobRuns.cluster();

    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @TempDir Path dir;

    @Test
    void findsEveryPlantedCampaignAndNoLookAlikeInTwoGeneratedDays() throws Exception {
        Path raw = Files.createDirectories(dir.resolve("raw"));
        JobRuns.generatedHours(raw, "2025-03-01T00", 48);
        Path input = dir.resolve("planted");
        PlantCampaigns.plant(raw, input, 42, QUIET);

        CampaignEvaluation.Result r = detect(input, "generated");

        assertFoundCampaignsOnly(r);
        // the tight group acts within two consecutive hours, the paid ring over two days (the
        // real hours below are two days apart, so there no group is within one day)
        assertThat(r.shape("small-tight-group").lowActivityShare()).isEqualTo(1.0);
        assertThat(r.shape("paid-star-ring").lowActivityShare()).isLessThan(0.1);
    }

    @Test
    void findsEveryPlantedCampaignAndNoLookAlikeInRealModernHours() throws Exception {
        Path input = JobRuns.realHoursWithCampaigns(dir, 7);

        CampaignEvaluation.Result r = detect(input, "real 2025", "--state-backend", "rocksdb");

        assertFoundCampaignsOnly(r);
    }

    private CampaignEvaluation.Result detect(Path input, String what, String... options)
            throws Exception {
        Path out = dir.resolve("out");
        JobExecutionResult job = JobRuns.bounded("campaigns in " + what, input, out, options);
        CampaignEvaluation.Result r =
                CampaignEvaluation.evaluate(
                        input.resolve("campaigns.csv"), out.resolve("campaigns"));
        System.out.println("Campaigns in " + what + " hours:");
        CampaignEvaluation.print(r, System.out);
        assertThat(job.<Long>getAccumulatorResult("campaignsFound")).isPositive();
        return r;
    }

    private static void assertFoundCampaignsOnly(CampaignEvaluation.Result r) {
        for (CampaignEvaluation.ShapeResult s : r.shapes()) {
            if (s.campaign()) {
                assertThat(s.accountRecall())
                        .as(s.shape() + " accounts")
                        .isGreaterThanOrEqualTo(0.95);
                assertThat(s.repoRecall())
                        .as(s.shape() + " repositories")
                        .isGreaterThanOrEqualTo(0.95);
                assertThat(s.campaigns()).as(s.shape() + " as one campaign").isEqualTo(1);
            } else {
                assertThat(s.accountsFound()).as(s.shape() + " flagged").isZero();
            }
        }
        assertThat(r.precision()).isGreaterThanOrEqualTo(0.95);
        // accounts made for a campaign act on its repositories only; the ring's also act on
        // repositories of their own
        assertThat(r.shape("paid-star-ring").singlePurposeShare()).isEqualTo(1.0);
        assertThat(r.shape("small-tight-group").singlePurposeShare()).isEqualTo(1.0);
        assertThat(r.shape("ring-with-normal-activity").singlePurposeShare()).isLessThan(0.1);
    }
}
