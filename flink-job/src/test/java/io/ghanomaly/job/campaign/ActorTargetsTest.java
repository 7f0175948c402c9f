package io.ghanomaly.job.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.ghanomaly.core.campaign.ActionKind;
import io.ghanomaly.core.campaign.LockstepParameters;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/** One actor's targets, on the heap backend and on RocksDB. */
@ParameterizedClass(name = "RocksDB: {0}")
@ValueSource(booleans = {false, true})
class ActorTargetsTest {
    @Parameter boolean rocksDb;

    private static final LockstepParameters P = LockstepParameters.STARSCOUT;
    private static final long HOUR = ActorTargets.HOUR;
    private static final long T0 = 1_735_689_600_000L; // 2025-01-01T00:00Z
    private static final int STAR = ActionKind.STAR.bit();
    private static final int FORK = ActionKind.FORK.bit();

    private KeyedOneInputStreamOperatorTestHarness<String, TargetAction, RepoProfile> h;

    @BeforeEach
    void open() throws Exception {
        h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new ActorTargets(P)),
                        TargetAction::login,
                        Types.STRING);
        if (rocksDb) {
            h.setStateBackend(new EmbeddedRocksDBStateBackend());
        }
        h.open();
        assertThat(h.getOperator().getKeyedStateBackend().getClass().getSimpleName())
                .startsWith(rocksDb ? "RocksDB" : "Heap");
    }

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    @Test
    void anHoursProfileGoesToTheRepositoriesOfThatHourWithTheNewestTargets() throws Exception {
        for (int i = 0; i < 40; i++) {
            act("repo/" + i, STAR, T0 + i * 1_000L);
        }
        h.processWatermark(T0 + HOUR - 1);

        List<RepoProfile> out = h.extractOutputValues();
        // the 32 newest targets make the profile, and each of them was acted on this hour
        assertThat(out).hasSize(P.maxTargets());
        assertThat(out.get(0).profile().repos()).hasSize(32).doesNotContain("repo/7");
        assertThat(out.get(0).profile().firstAtMillis()).isEqualTo(T0 + 8 * 1_000L);
    }

    @Test
    void anActorKeepsOnlyItsNewestTargetsWhateverItActedOn() throws Exception {
        int kept = P.maxKeptTargets();
        // a bot's hour on many more repositories than the state keeps
        for (int i = 0; i < kept + 100; i++) {
            act(String.format("repo/%04d", i), STAR, T0 + i);
        }
        h.processWatermark(T0 + HOUR - 1);
        h.getOutput().clear();
        // the next hour, the 32 oldest of them again: they were dropped, so they are kept anew
        // from this hour's actions, not from the first hour's
        for (int i = 0; i < 32; i++) {
            act(String.format("repo/%04d", i), STAR, T0 + HOUR + i);
        }
        h.processWatermark(T0 + 2 * HOUR - 1);

        List<RepoProfile> out = h.extractOutputValues();
        assertThat(out).hasSize(32);
        assertThat(out.get(0).profile().firstAtMillis()).isEqualTo(T0 + HOUR);
    }

    @Test
    void aRepositorysActionsAddUpAcrossHoursAndLeaveNothingOnceOld() throws Exception {
        for (int i = 0; i < P.minTargets(); i++) {
            act("repo/" + i, STAR, T0 + i);
        }
        h.processWatermark(T0 + HOUR - 1);
        h.getOutput().clear();
        act("repo/0", FORK, T0 + 3 * HOUR);
        h.processWatermark(T0 + 4 * HOUR - 1);

        List<RepoProfile> out = h.extractOutputValues();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).repo()).isEqualTo("repo/0");
        int i = List.of(out.get(0).profile().repos()).indexOf("repo/0");
        assertThat(out.get(0).profile().kinds()[i]).isEqualTo(STAR | FORK);
        assertThat(out.get(0).profile().firstAtMillis()).isEqualTo(T0);
        assertThat(keysWithState()).isEqualTo(1);

        h.processWatermark(T0 + 4 * HOUR + P.windowMillis());

        assertThat(keysWithState()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
    }

    @Test
    void anHourFoldsInItsOwnActionsOnlyNotALaterHoursReadEarly() throws Exception {
        for (int i = 0; i < P.minTargets(); i++) {
            act("repo/" + i, STAR, T0 + i);
        }
        act("repo/next", STAR, T0 + HOUR + 5); // in the file of the hour before its own
        h.processWatermark(T0 + HOUR - 1);

        List<RepoProfile> first = h.extractOutputValues();
        assertThat(first).hasSize(P.minTargets());
        assertThat(first.get(0).profile().repos()).doesNotContain("repo/next");
        assertThat(first.get(0).profile().lastAtMillis()).isLessThan(T0 + HOUR);
        h.getOutput().clear();

        h.processWatermark(T0 + 2 * HOUR - 1);

        List<RepoProfile> second = h.extractOutputValues();
        assertThat(second).extracting(RepoProfile::repo).containsExactly("repo/next");
        assertThat(second.get(0).profile().repos()).contains("repo/next", "repo/0");
    }

    @Test
    void sortedInputClosesAnHourAtTheFirstActionOfALaterOneAndTheLastAtItsEnd() throws Exception {
        // a backfill: the actor's actions in time order, and its timers only when they have ended
        h.close();
        h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new ActorTargets(P, true)),
                        TargetAction::login,
                        Types.STRING);
        if (rocksDb) {
            h.setStateBackend(new EmbeddedRocksDBStateBackend());
        }
        h.open();
        for (int i = 0; i < P.minTargets(); i++) {
            act("repo/" + i, STAR, T0 + i);
        }
        assertThat(h.extractOutputValues()).isEmpty();
        act("repo/0", FORK, T0 + 3 * HOUR);

        List<RepoProfile> first = h.extractOutputValues();
        assertThat(first).hasSize(P.minTargets());
        assertThat(first.get(0).profile().kinds()).containsOnly(STAR);
        h.getOutput().clear();

        h.processWatermark(Long.MAX_VALUE);

        List<RepoProfile> last = h.extractOutputValues();
        assertThat(last).extracting(RepoProfile::repo).containsExactly("repo/0");
        int i = List.of(last.get(0).profile().repos()).indexOf("repo/0");
        assertThat(last.get(0).profile().kinds()[i]).isEqualTo(STAR | FORK);
    }

    private long keysWithState() {
        var backend = h.getOperator().getKeyedStateBackend();
        return Stream.of("lockstep-actions", "lockstep-targets")
                .mapToLong(s -> backend.getKeys(s, VoidNamespace.INSTANCE).distinct().count())
                .max()
                .orElseThrow();
    }

    private void act(String repo, int kind, long at) throws Exception {
        h.processElement(new TargetAction("bot", repo, kind, at), at);
    }
}
