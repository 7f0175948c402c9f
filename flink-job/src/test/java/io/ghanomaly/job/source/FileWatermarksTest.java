package io.ghanomaly.job.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.ghanomaly.core.archive.ArchiveHour;
import io.ghanomaly.core.archive.ArchiveRecord;
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
    void movesOnlyWhenAFileEndsAndNeverForAnEventsClock() {
        FileWatermarks wm = new FileWatermarks();
        Recorder out = new Recorder();

        wm.onPeriodicEmit(out);
        assertThat(out.marks).isEmpty(); // nothing complete yet

        wm.onEvent(event(H15 + 600_000), H15 + 600_000, out);
        wm.onEvent(event(H15 + 5 * 3_600_000), H15 + 5 * 3_600_000, out); // a clock far ahead
        wm.onPeriodicEmit(out);
        assertThat(out.marks).isEmpty();

        wm.onEvent(endOf("2025-01-01-15.json.gz"), 0, out);
        assertThat(out.last()).isEqualTo(H15 + 3_599_999); // at once, not at the next tick

        wm.onEvent(endOf("2025-01-01-14.json.gz"), 0, out); // a late file: no step back
        wm.onPeriodicEmit(out);
        assertThat(out.marks).allMatch(m -> m == H15 + 3_599_999);
    }

    @Test
    void leavesAnHourOpenWhileAnotherFileOfItFollows() {
        FileWatermarks wm = new FileWatermarks();
        Recorder out = new Recorder();
        long h3 = Instant.parse("2015-01-01T03:00:00Z").toEpochMilli();

        wm.onEvent(endOf("2014-12-31-19.json.gz"), 0, out); // Pacific name of 03:00 UTC
        assertThat(out.last()).isEqualTo(h3 - 1);
        wm.onEvent(endOf("2015-01-01-3.json.gz"), 0, out); // the Events API's file of it
        assertThat(out.last()).isEqualTo(h3 + 3_599_999);
    }

    private static ArchiveRecord endOf(String name) {
        return ArchiveRecord.endOfFile(
                name, ArchiveHour.ofFileName(name).orElseThrow().completesUpTo());
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
