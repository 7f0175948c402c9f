package io.ghanomaly.job.source;

import io.ghanomaly.core.archive.ArchiveRecord;
import io.ghanomaly.core.archive.HourCompletion;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Event-time watermarks for archive files, from {@link HourCompletion}: when a file has been read
 * to its end, the hour it holds is complete (unless another file of the same hour follows) and the
 * watermark moves to the end of that hour at once, without waiting for the next hour's file.
 *
 * <p>Nothing else moves the watermark: not an event, however far in the future its clock says it
 * is, and not time passing. So it never runs ahead of what the files read so far allow, and it is
 * the same in every run. This is exact with one reader taking files in {@link
 * io.ghanomaly.core.archive.ArchiveHour#READ_ORDER}, which is how the pipeline runs the source.
 */
public final class FileWatermarks implements WatermarkGenerator<ArchiveRecord> {
    private final HourCompletion completion = new HourCompletion();

    @Override
    public void onEvent(ArchiveRecord record, long timestamp, WatermarkOutput output) {
        if (record.kind == ArchiveRecord.Kind.END_OF_FILE && completion.fileEnded(record)) {
            output.emitWatermark(new Watermark(completion.completeUpTo()));
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        long complete = completion.completeUpTo();
        if (complete != Long.MIN_VALUE) {
            output.emitWatermark(new Watermark(complete));
        }
    }
}
