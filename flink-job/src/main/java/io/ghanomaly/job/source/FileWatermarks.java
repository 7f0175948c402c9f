package io.ghanomaly.job.source;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Event-time watermarks for archive files: an archive file holds a whole hour, so when a file has
 * been read to its end, its hour is complete and the watermark moves to the end of that hour at
 * once, without waiting for the next hour's file.
 *
 * <p>Within a file the watermark trails the newest event by the allowed out-of-orderness (the
 * archive's {@code created_at} steps back by a few seconds now and then). Events of an hour whose
 * file has already ended are late; the pipeline counts them and writes them to the late output.
 *
 * <p>Flink runs one generator per file (split). After the end-of-file mark the split is marked
 * idle: a reader that has finished its file must not hold the watermark at that file's hour while
 * another reader finishes the next hour (Flink's {@code withIdleness} cannot do that, because a
 * finished split's generator is no longer called).
 */
public final class FileWatermarks implements WatermarkGenerator<ArchiveRecord> {
    private final long outOfOrdernessMillis;
    private long newestEvent = Long.MIN_VALUE;
    private long completedUpTo = Long.MIN_VALUE;
    private boolean fileEnded;

    public FileWatermarks(long outOfOrdernessMillis) {
        this.outOfOrdernessMillis = outOfOrdernessMillis;
    }

    @Override
    public void onEvent(ArchiveRecord record, long timestamp, WatermarkOutput output) {
        if (record.kind == ArchiveRecord.Kind.EVENT) {
            newestEvent = Math.max(newestEvent, timestamp);
        } else if (record.kind == ArchiveRecord.Kind.END_OF_FILE) {
            if (record.completesUpTo > completedUpTo) {
                completedUpTo = record.completesUpTo;
                output.emitWatermark(new Watermark(completedUpTo));
            }
            fileEnded = true;
            output.markIdle();
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        if (fileEnded) {
            output.markIdle();
            return;
        }
        long trailing =
                newestEvent == Long.MIN_VALUE
                        ? Long.MIN_VALUE
                        : newestEvent - outOfOrdernessMillis - 1;
        long watermark = Math.max(trailing, completedUpTo);
        if (watermark != Long.MIN_VALUE) {
            output.emitWatermark(new Watermark(watermark));
        }
    }
}
