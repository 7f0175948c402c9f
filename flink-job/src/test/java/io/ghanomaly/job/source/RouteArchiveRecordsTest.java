package io.ghanomaly.job.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.ghanomaly.core.archive.ArchiveRecord;
import io.ghanomaly.core.event.GhEvent;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class RouteArchiveRecordsTest {
    private static final long H0 = 1_735_689_600_000L; // 2025-01-01T00:00Z
    private static final long HOUR = 3_600_000L;

    @Test
    void aStragglerOfAnHourCompleteBeforeARestoreIsLateAfterIt() throws Exception {
        OperatorSubtaskState snapshot;
        try (var before = harness()) {
            before.setup();
            before.open();
            before.processElement(ArchiveRecord.startOfFile("2025-01-01-0.json.gz", H0 + HOUR), 0);
            before.processElement(ArchiveRecord.event(event("a", H0 + 10)), 0);
            before.processElement(
                    ArchiveRecord.endOfFile("2025-01-01-0.json.gz", H0 + HOUR - 1), 0);
            assertThat(mainOutput(before)).extracting(GhEvent::actorLogin).containsExactly("a");
            snapshot = before.snapshot(1, 1);
        }
        // Restored (the watermark downstream knows nothing yet): hour 0 stays complete.
        try (var after = harness()) {
            after.setup();
            after.initializeState(snapshot);
            after.open();
            after.processElement(
                    ArchiveRecord.startOfFile("2025-01-01-1.json.gz", H0 + 2 * HOUR), 0);
            after.processElement(ArchiveRecord.event(event("straggler", H0 + HOUR - 5)), 0);
            after.processElement(ArchiveRecord.event(event("b", H0 + HOUR + 5)), 0);

            assertThat(mainOutput(after)).extracting(GhEvent::actorLogin).containsExactly("b");
            assertThat(after.getSideOutput(RouteArchiveRecords.LATE_FILE_EVENTS))
                    .extracting(r -> r.getValue().actorLogin())
                    .containsExactly("straggler");
        }
    }

    private static OneInputStreamOperatorTestHarness<ArchiveRecord, GhEvent> harness()
            throws Exception {
        return new OneInputStreamOperatorTestHarness<>(
                new ProcessOperator<>(new RouteArchiveRecords()));
    }

    private static List<GhEvent> mainOutput(
            OneInputStreamOperatorTestHarness<ArchiveRecord, GhEvent> harness) {
        return harness.getOutput().stream()
                .filter(StreamRecord.class::isInstance)
                .map(r -> (GhEvent) ((StreamRecord<?>) r).getValue())
                .toList();
    }

    private static GhEvent event(String actor, long at) {
        return new GhEvent(at, "PushEvent", 7, actor, actor + "/repo", null, null, 1);
    }
}
