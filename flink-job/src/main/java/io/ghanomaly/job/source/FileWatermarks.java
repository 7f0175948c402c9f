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
 * <p>This is exact only with one reader taking files in hour order, which is how the pipeline runs
 * the source.
 */
public final class FileWatermarks implements WatermarkGenerator<ArchiveRecord> {
    private final long outOfOrdernessMillis;
    private long newestEvent = Long.MIN_VALUE;
    private long completedUpTo = Long.MIN_VALUE;

    public FileWatermarks(long outOfOrdernessMillis) {
        this.outOfOrdernessMillis = outOfOrdernessMillis;
    }

    @Override
    public void onEvent(ArchiveRecord record, long timestamp, WatermarkOutput output) {
        if (record.kind == ArchiveRecord.Kind.EVENT) {
            newestEvent = Math.max(newestEvent, timestamp);
        } else if (record.kind == ArchiveRecord.Kind.END_OF_FILE
                && record.completesUpTo > completedUpTo) {
            completedUpTo = record.completesUpTo;
            output.emitWatermark(new Watermark(completedUpTo));
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
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
