package io.ghanomaly.job.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.ghanomaly.core.event.GhEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

class FileWatermarksTest {
    private static final long H15 = Instant.parse("2025-01-01T15:00:00Z").toEpochMilli();

    @Test
    void trailsTheNewestEventWithinAFileAndJumpsToTheEndOfTheHourWhenTheFileEnds() {
        FileWatermarks wm = new FileWatermarks(120_000);
        Recorder out = new Recorder();

        wm.onPeriodicEmit(out);
        assertThat(out.marks).isEmpty(); // nothing seen yet

        wm.onEvent(event(H15 + 600_000), H15 + 600_000, out);
        wm.onEvent(event(H15 + 300_000), H15 + 300_000, out); // steps back: no effect
        wm.onPeriodicEmit(out);
        assertThat(out.last()).isEqualTo(H15 + 600_000 - 120_000 - 1);

        wm.onEvent(ArchiveRecord.endOfFile("2025-01-01-15.json.gz", H15 + 3_599_999), 0, out);
        assertThat(out.last()).isEqualTo(H15 + 3_599_999); // at once, not at the next tick

        wm.onPeriodicEmit(out);
        assertThat(out.last()).isEqualTo(H15 + 3_599_999); // never back to the trailing mark
    }

    private static ArchiveRecord event(long at) {
        return ArchiveRecord.event(new GhEvent(at, "PushEvent", 1, "a", "a/b", null, null, 1));
    }

    private static final class Recorder implements WatermarkOutput {
        final List<Long> marks = new ArrayList<>();

        @Override
        public void emitWatermark(Watermark watermark) {
            marks.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}

        long last() {
            return marks.get(marks.size() - 1);
        }
    }
}
