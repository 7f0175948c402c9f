package io.ghanomaly.job.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.ghanomaly.core.campaign.ActionKind;
import io.ghanomaly.core.campaign.ActorProfile;
import io.ghanomaly.core.campaign.LockstepParameters;
import io.ghanomaly.core.campaign.RepoKeys;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/** One repository's lockstep search, on the heap backend and on RocksDB. */
@ParameterizedClass(name = "RocksDB: {0}")
@ValueSource(booleans = {false, true})
class RepoLockstepTest {
    @Parameter boolean rocksDb;

    private static final LockstepParameters P = LockstepParameters.STARSCOUT;
    private static final long HOUR = ActorTargets.HOUR;
    private static final long T0 = 1_735_689_600_000L; // 2025-01-01T00:00Z
    private static final String REPO = "paid0/r0";

    private KeyedOneInputStreamOperatorTestHarness<String, RepoProfile, LockstepCandidate> h;

    @BeforeEach
    void open() throws Exception {
        h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new RepoLockstep(P)),
                        RepoProfile::repo,
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
    void handsOnTheRingsProfilesFromAmongTheOrganicOnes() throws Exception {
        Random random = new Random(7);
        List<ActorProfile> ring = new ArrayList<>();
        for (int m = 0; m < 15; m++) {
            List<String> mine = new ArrayList<>(List.of(REPO));
            for (int r = 1; r < 10; r++) {
                if (random.nextDouble() < 0.8) {
                    mine.add("paid" + r + "/r" + r);
                }
            }
            ring.add(profile("ring" + m, mine, T0 + m * 60_000L));
        }
        for (int i = 0; i < 300; i++) {
            List<String> mine = new ArrayList<>(List.of(REPO));
            for (int k = 0; k < 8; k++) {
                mine.add("owner" + random.nextInt(2_000) + "/repo");
            }
            send(profile("person" + i, mine, T0 + i * 1_000L));
        }
        ring.forEach(this::send);

        h.processWatermark(T0 + HOUR - 1);

        List<LockstepCandidate> out = h.extractOutputValues();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).repo()).isEqualTo(REPO);
        assertThat(out.get(0).hourStartMillis()).isEqualTo(T0);
        assertThat(out.get(0).repoActors()).as("the accounts it keeps").isEqualTo(315);
        assertThat(out.get(0).profiles()).containsExactlyInAnyOrderElementsOf(ring);
    }

    @Test
    void keepsNothingOnceTheProfilesLeaveTheWindow() throws Exception {
        for (int m = 0; m < 12; m++) {
            send(profile("a" + m, List.of(REPO, "b/1", "c/2", "d/3", "e/4"), T0 + m));
        }
        h.processWatermark(T0 + HOUR - 1);
        assertThat(keysWithState()).isEqualTo(1);

        h.processWatermark(T0 + P.windowMillis() + 2 * HOUR);

        assertThat(keysWithState()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
    }

    @Test
    void keepsTheFirstProfilesToComeAndEachActorsNewest() throws Exception {
        int max = P.maxProfilesPerRepo();
        // an hour's arrivals are taken in the order of their logins, whatever order they came in
        for (int i = max + 4; i >= 0; i--) {
            send(profile(String.format("a%04d", i), List.of(REPO, "b/1"), T0 + i));
        }
        h.processWatermark(T0 + HOUR - 1);
        RepoIndex first = index();
        assertThat(first.size()).isEqualTo(max);
        assertThat(first.logins()).startsWith("a0000", "a0001").doesNotContain("a" + max);

        send(profile("a0001", List.of(REPO, "c/2"), T0 + 5 * HOUR));
        send(profile("late", List.of(REPO), T0 + 5 * HOUR));
        h.processWatermark(T0 + 6 * HOUR - 1);

        RepoIndex then = index();
        assertThat(then.size()).isEqualTo(max);
        assertThat(then.logins()[1]).isEqualTo("a0001");
        assertThat(then.lastAtMillis()[1]).isEqualTo(T0 + 5 * HOUR);
        assertThat(then.repoKeys()[1]).containsExactly(RepoKeys.sorted(new String[] {REPO, "c/2"}));
        assertThat(then.logins()).doesNotContain("late");
    }

    @Test
    void anActorThatCameBackOutstaysTheOthers() throws Exception {
        for (int m = 0; m < 12; m++) {
            send(profile("a" + m, List.of(REPO, "b/1"), T0 + m));
        }
        h.processWatermark(T0 + HOUR - 1);
        send(profile("a3", List.of(REPO, "b/1"), T0 + 100 * HOUR));
        h.processWatermark(T0 + 101 * HOUR - 1);

        h.processWatermark(T0 + P.windowMillis() + 2 * HOUR);
        assertThat(index().logins()).containsExactly("a3");

        h.processWatermark(T0 + P.windowMillis() + 102 * HOUR);
        assertThat(keysWithState()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
    }

    private RepoIndex index() throws Exception {
        var backend = h.getOperator().getKeyedStateBackend();
        backend.setCurrentKey(REPO);
        return backend.getPartitionedState(
                        VoidNamespace.INSTANCE,
                        VoidNamespaceSerializer.INSTANCE,
                        new ValueStateDescriptor<>(
                                "lockstep-index", CampaignSerializers.REPO_INDEX))
                .value();
    }

    private long keysWithState() {
        var backend = h.getOperator().getKeyedStateBackend();
        return Stream.of("lockstep-arrived", "lockstep-index", "lockstep-profiles")
                .mapToLong(s -> backend.getKeys(s, VoidNamespace.INSTANCE).distinct().count())
                .max()
                .orElseThrow();
    }

    /** As {@link ActorTargets} sends a profile: when the hour of its last action closes. */
    private void send(ActorProfile p) {
        try {
            h.processElement(new RepoProfile(REPO, p), ActorTargets.hourEnd(p.lastAtMillis()));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static ActorProfile profile(String login, List<String> repos, long at) {
        String[] sorted = new TreeSet<>(repos).toArray(String[]::new);
        int[] kinds = new int[sorted.length];
        Arrays.fill(kinds, ActionKind.STAR.bit());
        return new ActorProfile(login, sorted, kinds, at, at);
    }
}
