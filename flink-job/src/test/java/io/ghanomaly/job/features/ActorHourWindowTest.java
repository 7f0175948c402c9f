package io.ghanomaly.job.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.ghanomaly.core.archive.ArchiveRecord;
import io.ghanomaly.core.event.GhEvent;
import io.ghanomaly.core.feature.ActorHourFeatures;
import io.ghanomaly.core.feature.Feature;
import io.ghanomaly.job.FeaturePipeline;
import io.ghanomaly.job.source.FileWatermarks;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The production window operator of {@link FeaturePipeline}, in an operator test harness: with an
 * accumulator per window on the heap backend, and with the events themselves on RocksDB.
 */
@ParameterizedClass(name = "events in state: {0}")
@ValueSource(booleans = {false, true})
class ActorHourWindowTest {
    @Parameter boolean eventsInState;

    private static final long H15 = Instant.parse("2025-01-01T15:00:00Z").toEpochMilli();
    private static final long H16 = H15 + 3_600_000;

    private KeyedOneInputStreamOperatorTestHarness<String, GhEvent, ActorHourFeatures> harness;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void openTheProductionWindowOperator() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        var windows =
                FeaturePipeline.actorHourWindows(
                        env.fromData(TypeInformation.of(GhEvent.class), event("x", 0)),
                        eventsInState);
        var transformation =
                (OneInputTransformation<GhEvent, ActorHourFeatures>) windows.getTransformation();
        harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        transformation.getOperator(), GhEvent::actorLogin, Types.STRING);
        if (eventsInState) {
            harness.setStateBackend(new EmbeddedRocksDBStateBackend());
        }
        harness.open();
        assertThat(harness.getOperator().getKeyedStateBackend().getClass().getSimpleName())
                .startsWith(eventsInState ? "RocksDB" : "Heap");
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void emitsOneRowPerActorHourOnceTheWatermarkPassesTheHour() throws Exception {
        process(event("alice", H15 + 1_000));
        process(event("bob", H15 + 2_000));
        process(event("alice", H15 + 3_599_000));
        process(event("alice", H16 + 5_000));

        harness.processWatermark(H15 + 3_599_998);
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.processWatermark(H15 + 3_599_999);
        List<ActorHourFeatures> rows = harness.extractOutputValues();
        assertThat(rows)
                .extracting(ActorHourFeatures::actorLogin, f -> f.value(Feature.EVENT_COUNT))
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("alice", 2.0),
                        org.assertj.core.groups.Tuple.tuple("bob", 1.0));
        assertThat(rows).allMatch(f -> f.hourStartMillis() == H15);
    }

    @Test
    void closesAnHourWhenItsFileEndsWithoutWaitingForTheNextHour() throws Exception {
        FileWatermarks watermarks = new FileWatermarks();
        ForwardToHarness out = new ForwardToHarness();
        for (int s = 0; s < 3600; s += 60) {
            GhEvent e = event("carol", H15 + s * 1000L);
            watermarks.onEvent(ArchiveRecord.event(e), e.createdAtMillis(), out);
            process(e);
        }
        watermarks.onPeriodicEmit(out);
        assertThat(harness.extractOutputValues()).isEmpty(); // no file has ended

        watermarks.onEvent(ArchiveRecord.endOfFile("2025-01-01-15.json.gz", H16 - 1), 0, out);

        assertThat(harness.extractOutputValues())
                .singleElement()
                .satisfies(f -> assertThat(f.value(Feature.EVENT_COUNT)).isEqualTo(60));
    }

    @Test
    void sendsEventsOfAClosedHourToTheLateOutputInsteadOfDroppingThem() throws Exception {
        process(event("dave", H15 + 10_000));
        harness.processWatermark(H16 - 1);
        GhEvent late = event("dave", H15 + 3_598_000);
        process(late);
        process(event("dave", H16 + 1_000));
        harness.processWatermark(H16 + 3_599_999);

        assertThat(harness.getSideOutput(FeaturePipeline.LATE_EVENTS))
                .extracting(StreamRecord::getValue)
                .containsExactly(late);
        assertThat(harness.extractOutputValues())
                .extracting(ActorHourFeatures::hourStartMillis, f -> f.value(Feature.EVENT_COUNT))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(H15, 1.0),
                        org.assertj.core.groups.Tuple.tuple(H16, 1.0));
    }

    private void process(GhEvent e) throws Exception {
        harness.processElement(new StreamRecord<>(e, e.createdAtMillis()));
    }

    private static GhEvent event(String actor, long at) {
        return new GhEvent(at, "PushEvent", 7, actor, actor + "/repo", null, null, 1);
    }

    /** Passes the watermark generator's output to the window operator, as the runtime does. */
    private final class ForwardToHarness implements WatermarkOutput {
        @Override
        public void emitWatermark(Watermark watermark) {
            try {
                harness.processWatermark(watermark.getTimestamp());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}
    }
}
