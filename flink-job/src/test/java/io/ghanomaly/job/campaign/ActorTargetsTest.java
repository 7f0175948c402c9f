package io.ghanomaly.job.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.ghanomaly.core.campaign.ActionKind;
import io.ghanomaly.core.campaign.LockstepParameters;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class ActorTargetsTest {
    private static final long HOUR = ActorTargets.HOUR;
    private static final long T0 = 1_735_689_600_000L; // 2025-01-01T00:00Z
    private static final int STAR = ActionKind.STAR.bit();

    @Test
    void anHoursProfileGoesToTheRepositoriesOfThatHourWithTheNewestTargets() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, TargetAction, RepoProfile> h =
                harness()) {
            for (int i = 0; i < 40; i++) {
                act(h, "repo/" + i, T0 + i * 1_000L);
            }
            h.processWatermark(T0 + HOUR - 1);

            List<RepoProfile> out = h.extractOutputValues();
            // the 32 newest targets make the profile, and each of them was acted on this hour
            assertThat(out).hasSize(LockstepParameters.STARSCOUT.maxTargets());
            assertThat(out.get(0).profile().repos()).hasSize(32).doesNotContain("repo/7");
            assertThat(out.get(0).profile().firstAtMillis()).isEqualTo(T0 + 8 * 1_000L);
        }
    }

    @Test
    void anActorKeepsOnlyItsNewestTargetsWhateverItActedOn() throws Exception {
        int kept = LockstepParameters.STARSCOUT.maxKeptTargets();
        try (KeyedOneInputStreamOperatorTestHarness<String, TargetAction, RepoProfile> h =
                harness()) {
            // a bot's hour on many more repositories than the state keeps
            for (int i = 0; i < kept + 100; i++) {
                act(h, String.format("repo/%04d", i), T0 + i);
            }
            h.processWatermark(T0 + HOUR - 1);
            h.getOutput().clear();
            // the next hour, the 32 oldest of them again: they were dropped, so they are kept anew
            // from this hour's actions, not from the first hour's
            for (int i = 0; i < 32; i++) {
                act(h, String.format("repo/%04d", i), T0 + HOUR + i);
            }
            h.processWatermark(T0 + 2 * HOUR - 1);

            List<RepoProfile> out = h.extractOutputValues();
            assertThat(out).hasSize(32);
            assertThat(out.get(0).profile().firstAtMillis()).isEqualTo(T0 + HOUR);
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, TargetAction, RepoProfile>
            harness() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, TargetAction, RepoProfile> h =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new ActorTargets(LockstepParameters.STARSCOUT),
                        TargetAction::login,
                        Types.STRING);
        h.open();
        return h;
    }

    private static void act(
            KeyedOneInputStreamOperatorTestHarness<String, TargetAction, RepoProfile> h,
            String repo,
            long at)
            throws Exception {
        h.processElement(new TargetAction("bot", repo, STAR, at), at);
    }
}
