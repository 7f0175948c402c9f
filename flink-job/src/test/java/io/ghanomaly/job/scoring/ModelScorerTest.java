package io.ghanomaly.job.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.ghanomaly.core.feature.ActorHourFeatures;
import io.ghanomaly.core.feature.Feature;
import io.ghanomaly.core.feature.FeatureSet;
import io.ghanomaly.core.model.ModelBundleFile;
import io.ghanomaly.core.testing.TestBundles;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The scorer in an operator test harness: rows held for the first model, the wait, the end of a
 * bounded model stream, what stays in state, and snapshot and restore.
 */
class ModelScorerTest {
    private static final long H15 = Instant.parse("2025-01-01T15:00:00Z").toEpochMilli();
    private static final Duration WAIT = Duration.ofMinutes(10);
    private static final String V1 = "20250101T000000Z-v1";
    private static final String V2 = "20250201T000000Z-v2";

    private ScorerHarness harness;

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void holdsRowsThatCloseBeforeTheFirstModelAndScoresThemWhenItArrives() throws Exception {
        harness = ScorerHarness.open(ModelScorer.following(3, WAIT));
        row("alice");
        row("bob");
        row("carol");
        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isEqualTo(3);
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(3);

        harness.processBroadcastElement(model(V1), 0);

        assertThat(harness.extractOutputValues())
                .extracting(r -> r.features().actorLogin(), ActorHourRow::modelVersion)
                .containsExactlyInAnyOrder(
                        tuple("alice", V1), tuple("bob", V1), tuple("carol", V1));
        assertThat(harness.extractOutputValues()).allMatch(r -> r.topFeatures().contains(","));
    }

    @Test
    void leavesNoKeyedStateOnceHeldRowsAreScoredAndTheirTimersExpireWithoutOutput()
            throws Exception {
        harness = ScorerHarness.open(ModelScorer.following(3, WAIT));
        for (int i = 0; i < 1000; i++) {
            row("actor-" + i);
        }
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1000);
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(1000);

        harness.processBroadcastElement(model(V1), 0);
        assertThat(harness.extractOutputValues()).hasSize(1000);
        assertThat(harness.numKeyedStateEntries()).isZero();
        // The broadcast side cannot delete timers: they fire once on nothing and are gone.
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(1000);

        harness.setProcessingTime(WAIT.toMillis());
        assertThat(harness.numProcessingTimeTimers()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.extractOutputValues()).hasSize(1000);
    }

    @Test
    void releasesHeldRowsUnscoredAfterTheWait() throws Exception {
        harness = ScorerHarness.open(ModelScorer.following(3, WAIT));
        row("alice");
        harness.setProcessingTime(60_000);
        row("alice"); // the next hour of the same actor goes with the first one's timer
        row("bob");
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(2);

        harness.setProcessingTime(WAIT.toMillis() - 1);
        assertThat(harness.extractOutputValues()).isEmpty();
        harness.setProcessingTime(WAIT.toMillis());
        assertThat(harness.extractOutputValues())
                .extracting(r -> r.features().actorLogin())
                .containsExactly("alice", "alice");
        harness.setProcessingTime(60_000 + WAIT.toMillis());

        assertThat(harness.extractOutputValues())
                .hasSize(3)
                .allMatch(r -> r.modelVersion() == null && Double.isNaN(r.score()));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void scoresRowsThatCloseAfterTheWaitWithTheModelThatCameLate() throws Exception {
        harness = ScorerHarness.open(ModelScorer.following(3, WAIT));
        row("alice");
        harness.setProcessingTime(WAIT.toMillis());
        harness.processBroadcastElement(model(V1), 0);
        row("alice");

        assertThat(harness.extractOutputValues())
                .extracting(ActorHourRow::modelVersion)
                .containsExactly(null, V1);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void heldRowsSurviveASnapshotAndAreScoredWhenTheModelArrivesAfterRestore() throws Exception {
        harness = ScorerHarness.open(ModelScorer.following(3, WAIT));
        row("alice");
        row("bob");
        OperatorSubtaskState snapshot = harness.snapshot(1, 1);
        harness.close();

        harness = ScorerHarness.restore(ModelScorer.following(3, WAIT), snapshot);
        assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(2);
        harness.processBroadcastElement(model(V1), 0);

        assertThat(harness.extractOutputValues())
                .extracting(r -> r.features().actorLogin(), ActorHourRow::modelVersion)
                .containsExactlyInAnyOrder(tuple("alice", V1), tuple("bob", V1));
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void releasesARowHeldBeforeASnapshotByTheWaitAfterRestore() throws Exception {
        harness = ScorerHarness.open(ModelScorer.following(3, WAIT));
        row("alice");
        OperatorSubtaskState snapshot = harness.snapshot(1, 1);
        harness.close();

        harness = ScorerHarness.restore(ModelScorer.following(3, WAIT), snapshot);
        harness.setProcessingTime(WAIT.toMillis());

        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(r -> assertThat(r.modelVersion()).isNull());
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void theBroadcastModelSurvivesARestoreAndScoresAtOnceWithoutHoldingAnything() throws Exception {
        harness = ScorerHarness.open(ModelScorer.following(3, WAIT));
        harness.processBroadcastElement(model(V2), 0);
        OperatorSubtaskState snapshot = harness.snapshot(1, 1);
        harness.close();

        harness = ScorerHarness.restore(ModelScorer.following(3, WAIT), snapshot);
        row("alice");
        harness.processBroadcastElement(model(V1), 0); // older: ignored

        row("bob");
        assertThat(harness.extractOutputValues())
                .extracting(ActorHourRow::modelVersion)
                .containsExactly(V2, V2);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void aBoundedRunHoldsRowsPastTheArchivesEndUntilTheModelStreamEnds() throws Exception {
        harness = ScorerHarness.open(ModelScorer.bounded(3));
        row("alice");
        harness.processWatermark(Watermark.MAX_WATERMARK); // the archive has ended
        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        harness.processBroadcastElement(model(V1), 0); // the bundle present at the start
        harness.processBroadcastWatermark(Watermark.MAX_WATERMARK);

        assertThat(harness.extractOutputValues())
                .extracting(ActorHourRow::modelVersion)
                .containsExactly(V1);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aBoundedRunWritesHeldRowsUnscoredWhenTheModelStreamEndsWithoutABundle() throws Exception {
        harness = ScorerHarness.open(ModelScorer.bounded(3));
        row("alice");
        harness.processBroadcastWatermark(Watermark.MAX_WATERMARK);
        assertThat(harness.extractOutputValues()).isEmpty(); // the archive's hour still open
        harness.processWatermark(H15 + 3_599_999);

        row("bob"); // nothing to wait for any more: written at once, never held
        assertThat(harness.extractOutputValues())
                .extracting(r -> r.features().actorLogin(), ActorHourRow::modelVersion)
                .containsExactly(tuple("alice", null), tuple("bob", null));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    private void row(String actor) throws Exception {
        double[] values = new double[Feature.count()];
        values[Feature.EVENT_COUNT.ordinal()] = actor.length();
        values[Feature.ACTIVE_MINUTES.ordinal()] = 1;
        harness.processElement(new ActorHourFeatures(actor, 7, H15, values), H15 + 3_599_999);
    }

    private static ModelFile model(String version) throws Exception {
        byte[] bytes = ModelBundleFile.toBytes(TestBundles.bundle(version, FeatureSet.ALL));
        return new ModelFile(ModelBundleFile.fileName(version), version, bytes, null);
    }

    /** The production operator around a scorer, with the keyed state count the harness lacks. */
    private static final class ScorerHarness
            extends KeyedBroadcastOperatorTestHarness<
                    String, ActorHourFeatures, ModelFile, ActorHourRow> {
        private ScorerHarness(ModelScorer scorer) throws Exception {
            super(
                    new CoBroadcastWithKeyedOperator<>(scorer, List.of(ModelScorer.MODELS)),
                    ActorHourFeatures::actorLogin,
                    Types.STRING,
                    1,
                    1,
                    0);
        }

        static ScorerHarness open(ModelScorer scorer) throws Exception {
            ScorerHarness h = new ScorerHarness(scorer);
            h.open();
            return h;
        }

        /** A new operator, as after a failover: nothing but the snapshot carries over. */
        static ScorerHarness restore(ModelScorer scorer, OperatorSubtaskState snapshot)
                throws Exception {
            ScorerHarness h = new ScorerHarness(scorer);
            h.initializeState(snapshot);
            h.open();
            return h;
        }

        int numKeyedStateEntries() {
            AbstractStreamOperator<?> op = (AbstractStreamOperator<?>) getTwoInputOperator();
            return ((HeapKeyedStateBackend<?>) op.getKeyedStateBackend()).numKeyValueStateEntries();
        }
    }
}
