package io.ghanomaly.job.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.ghanomaly.core.feature.ActorHourFeatures;
import io.ghanomaly.core.feature.Feature;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/** The actor history behind low_activity, on the heap backend and on RocksDB. */
@ParameterizedClass(name = "RocksDB: {0}")
@ValueSource(booleans = {false, true})
class MarkLowActivityTest {
    @Parameter boolean rocksDb;

    private static final long T0 = Instant.parse("2025-07-01T00:00:00Z").toEpochMilli();
    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final long DAYS_15 = Duration.ofDays(15).toMillis();

    private KeyedOneInputStreamOperatorTestHarness<String, ActorHourFeatures, ActorHourFeatures> h;

    @BeforeEach
    void open() throws Exception {
        h = harness();
        h.open();
        assertThat(h.getOperator().getKeyedStateBackend().getClass().getSimpleName())
                .startsWith(rocksDb ? "RocksDB" : "Heap");
    }

    private KeyedOneInputStreamOperatorTestHarness<String, ActorHourFeatures, ActorHourFeatures>
            harness() throws Exception {
        var harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new MarkLowActivity()),
                        ActorHourFeatures::actorLogin,
                        Types.STRING);
        if (rocksDb) {
            harness.setStateBackend(new EmbeddedRocksDBStateBackend());
        }
        return harness;
    }

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    @Test
    void anActorIsLowActivityOnlyAfterFifteenQuietDays() throws Exception {
        hour("a", T0, 1);
        hour("b", T0, 0); // active, though not low-activity by its hour
        hour("a", T0 + HOUR, 1);
        hour("b", T0 + DAYS_15, 1); // its hour 15 days before still counts
        assertThat(flags()).containsExactly(1.0, 0.0, 0.0, 0.0);

        // 15 days after a's last hour have passed: its state is gone, and its next hour is quiet
        h.processWatermark(T0 + HOUR + DAYS_15 + HOUR - 1);
        if (!rocksDb) { // the harness counts state and timers on the heap only
            assertThat(h.numKeyedStateEntries()).isEqualTo(1); // b's
            // one timer an actor: each new hour replaced the one before
            assertThat(h.numEventTimeTimers()).isEqualTo(1);
        }
        hour("a", T0 + HOUR + DAYS_15 + HOUR, 1);
        assertThat(flags()).containsExactly(1.0);
    }

    @Test
    void aStateRestoredFromACheckpointKeepsTheHistory() throws Exception {
        hour("a", T0, 1);
        var snapshot = h.snapshot(1, T0 + HOUR);
        h.close();
        h = harness();
        h.initializeState(snapshot);
        h.open();
        hour("a", T0 + 2 * HOUR, 1);
        assertThat(flags()).containsExactly(0.0);
    }

    private void hour(String login, long hourStart, int lowActivityByItself) throws Exception {
        double[] v = new double[Feature.count()];
        v[Feature.EVENT_COUNT.ordinal()] = 1;
        v[Feature.LOW_ACTIVITY.ordinal()] = lowActivityByItself;
        h.processElement(new ActorHourFeatures(login, 7, hourStart, v), hourStart + HOUR - 1);
    }

    private List<Double> flags() {
        List<Double> out =
                h.extractOutputValues().stream().map(f -> f.value(Feature.LOW_ACTIVITY)).toList();
        h.getOutput().clear();
        return out;
    }
}
