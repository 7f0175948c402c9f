package io.ghanomaly.job.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.ghanomaly.generator.PlantCampaigns;
import io.ghanomaly.job.bench.CampaignEvaluation;
import io.ghanomaly.job.testing.JobRuns;
import io.ghanomaly.job.testing.ParquetOutput;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * A {@code --backfill} of the same hours (batch execution, many files at once) writes the same
 * campaigns and campaign alerts, row for row.
 */
class CampaignDetectionIT {
    @RegisterExtension static final MiniClusterExtension FLINK = JobRuns.cluster();

    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @TempDir Path dir;

    /** How many campaigns the run that followed the hours found. */
    private long found;

    @Test
    void findsEveryPlantedCampaignAndNoLookAlikeInTwoGeneratedDays() throws Exception {
        Path input = plantedGeneratedHours(48, 42);

        CampaignEvaluation.Result r = detect(input, "generated");

        assertFoundCampaignsOnly(r);
        backfillFindsTheSame(input);
        // the tight group acts within two consecutive hours, the paid ring over two days (the
        // real hours below are two days apart, so there no group is within one day)
        assertThat(r.shape("small-tight-group").lowActivityShare()).isEqualTo(1.0);
        assertThat(r.shape("paid-star-ring").lowActivityShare()).isLessThan(0.1);
    }

    /**
     * A week: the shapes start at random hours of it (the longest spans four days), and the
     * look-alikes' organic co-activity piles up in the window for seven days, so precision is held
     * over more than the two days above. The hours are small (10,000 events each) to keep the suite
     * short; {@code ./gh-anomaly evaluate-campaigns} runs the week at modern volume.
     */
    @Test
    void findsEveryPlantedCampaignAndNoLookAlikeInAGeneratedWeek() throws Exception {
        assertFoundCampaignsOnly(detect(plantedGeneratedHours(168, 7), "a generated week of"));
    }

    /** Small generated hours from 2025-03-01 00:00 with every shape planted by this seed. */
    private Path plantedGeneratedHours(int hours, long seed) throws Exception {
        Path raw = Files.createDirectories(dir.resolve("raw"));
        JobRuns.generatedHours(raw, "2025-03-01T00", hours);
        Path input = dir.resolve("planted");
        PlantCampaigns.plant(raw, input, seed, QUIET);
        return input;
    }

    @Test
    void findsEveryPlantedCampaignAndNoLookAlikeInRealModernHours() throws Exception {
        Path input = JobRuns.realHoursWithCampaigns(dir, 7);

        CampaignEvaluation.Result r = detect(input, "real 2025", "--state-backend", "rocksdb");

        assertFoundCampaignsOnly(r);
        backfillFindsTheSame(input);
    }

    /**
     * A backfill's campaigns and campaign alerts are those the run that followed the hours wrote.
     */
    private void backfillFindsTheSame(Path input) throws Exception {
        Path out = dir.resolve("out-backfill");
        JobExecutionResult job =
                JobRuns.bounded("campaigns in a backfill", input, out, "--backfill");

        ParquetOutput.assertSameRows(dir.resolve("out/campaigns"), out.resolve("campaigns"));
        List<String> alerts = campaignAlerts(dir.resolve("out"));
        assertThat(campaignAlerts(out)).isEqualTo(alerts).isNotEmpty();
        assertThat(job.<Long>getAccumulatorResult("campaignsFound")).isEqualTo(found);
        System.out.printf(
                "Backfill: %d campaign rows and %d campaign alerts, the same as the run that"
                        + " followed the hours%n",
                ParquetOutput.rows(out.resolve("campaigns")).size(), alerts.size());
    }

    private static List<String> campaignAlerts(Path out) {
        return ParquetOutput.rows(out.resolve("alerts")).stream()
                .filter(r -> r.getString("rule").startsWith("campaign_"))
                .map(r -> r.partition() + " " + r.record())
                .sorted()
                .toList();
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
        found = job.<Long>getAccumulatorResult("campaignsFound");
        assertThat(found).isPositive();
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
