package io.ghanomaly.job.source;

import io.ghanomaly.core.alert.FileReport;
import io.ghanomaly.core.archive.ArchiveRecord;
import io.ghanomaly.core.archive.DeadLetter;
import io.ghanomaly.core.archive.HourCompletion;
import io.ghanomaly.core.event.DeadLetterReason;
import io.ghanomaly.core.event.GhEvent;
import io.ghanomaly.job.ExactCounts;
import io.ghanomaly.job.JobCounter;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends events on, dead letters to their side output and every event of a late file to the late
 * output, counting all of them: events read, parse errors by reason, files read, files failed, late
 * files. At each file's end, a {@link FileReport} of it goes to {@link #FILE_REPORTS}, for the
 * input's alert rules.
 *
 * <p>An event of an hour that is already complete (a straggler in the next hour's file) goes to the
 * late output here, by the restored completion, so that a restored job, whose watermark starts from
 * nothing again, does not open that hour's window anew.
 *
 * <p>A late file is one whose hour was already complete when it started: an earlier hour that lands
 * after a later one in follow mode. Its events go whole to the late output (rows already written
 * are not updated), so that none is lost and none is half-counted in an hour's features. Runs at
 * parallelism 1, right after the one reader; how far event time is complete is kept in operator
 * state, so a restore knows it.
 *
 * <p>In a backfill ({@link BackfillPlan}) it runs chained to each of many readers instead, and
 * takes how far event time is complete at a file's start from the plan: what the one-reader run
 * would know there. Every figure it reports is per file, so nothing else changes.
 */
public final class RouteArchiveRecords extends ProcessFunction<ArchiveRecord, GhEvent>
        implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RouteArchiveRecords.class);

    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters") {
                private static final long serialVersionUID = 1L;
            };

    /**
     * Every event of an hour that was complete when it came: stragglers, and every event of a file
     * that arrived after its hour was complete.
     */
    public static final OutputTag<GhEvent> LATE_FILE_EVENTS =
            new OutputTag<>("late-file-events") {
                private static final long serialVersionUID = 1L;
            };

    /** One report per file read, at its end. */
    public static final OutputTag<FileReport> FILE_REPORTS =
            new OutputTag<>("file-reports") {
                private static final long serialVersionUID = 1L;
            };

    private static final ListStateDescriptor<Long> COMPLETE_UP_TO =
            new ListStateDescriptor<>("complete-up-to", Types.LONG);

    private final ExactCounts counts = new ExactCounts();
    private final BackfillPlan plan;
    private transient HourCompletion completion;
    private transient ListState<Long> completeUpToState;
    private transient boolean inLateFile;
    private transient JobCounter eventsRead;
    private transient JobCounter parseErrors;
    private transient Map<DeadLetterReason, JobCounter> parseErrorsByReason;
    private transient JobCounter filesRead;
    private transient JobCounter filesFailed;
    private transient JobCounter lateFiles;

    // The file being read (set in open: a restore mid-file reports the rest of it only, under
    // the hour of the wall clock, as it missed the file's start).
    private transient long fileHour;
    private transient long fileEvents;
    private transient long fileParseErrors;
    private transient String fileFailure;
    private transient long filePushes;
    private transient long filePushesWithoutCommits;

    /** After the one reader of a run that reads files one after another. */
    public RouteArchiveRecords() {
        this(null);
    }

    /** After each reader of a backfill of these files, or, with null, after the one reader. */
    public RouteArchiveRecords(BackfillPlan plan) {
        this.plan = plan;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        completeUpToState = context.getOperatorStateStore().getListState(COMPLETE_UP_TO);
        long restored = Long.MIN_VALUE;
        for (Long v : completeUpToState.get()) {
            restored = Math.max(restored, v);
        }
        completion = new HourCompletion(restored);
        counts.initializeState(context);
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        completeUpToState.update(List.of(completion.completeUpTo()));
        counts.snapshotState();
    }

    @Override
    public void open(OpenContext openContext) {
        eventsRead = counts.register(getRuntimeContext(), "eventsRead");
        parseErrors = counts.register(getRuntimeContext(), "parseErrors");
        filesRead = counts.register(getRuntimeContext(), "filesRead");
        filesFailed = counts.register(getRuntimeContext(), "filesFailed");
        lateFiles = counts.register(getRuntimeContext(), "lateFiles");
        startFile();
        parseErrorsByReason = new EnumMap<>(DeadLetterReason.class);
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            parseErrorsByReason.put(
                    reason,
                    counts.register(
                            getRuntimeContext(),
                            getRuntimeContext().getMetricGroup().addGroup("reason", reason.label()),
                            "parseErrors",
                            "parseErrors." + reason.label()));
        }
    }

    @Override
    public void processElement(ArchiveRecord record, Context ctx, Collector<GhEvent> out) {
        switch (record.kind) {
            case START_OF_FILE -> {
                fileHour = record.hourEndMillis - 3_600_000L;
                if (plan != null) {
                    completion = plan.completionBefore(record.sourceFile);
                }
                inLateFile = completion.isLateFile(record);
                if (inLateFile) {
                    lateFiles.inc();
                    LOG.warn(
                            "{} holds an hour that is already complete (event time is complete"
                                    + " up to {}): it landed late; all its events go to"
                                    + " late-events/, the rows already written stay as they are",
                            record.sourceFile,
                            Instant.ofEpochMilli(completion.completeUpTo() + 1));
                }
            }
            case EVENT -> {
                eventsRead.inc();
                fileEvents++;
                if (record.event.type().equals("PushEvent")) {
                    filePushes++;
                    if (record.event.commitCountMissing()) {
                        filePushesWithoutCommits++;
                    }
                }
                // A straggler of a complete hour is late here, not only at the window: after a
                // restore the watermark starts again from nothing until the next file ends, and
                // the window operator would open the hour's window a second time.
                if (inLateFile || completion.isLate(record.event.createdAtMillis())) {
                    ctx.output(LATE_FILE_EVENTS, record.event);
                } else {
                    out.collect(record.event);
                }
            }
            case DEAD_LETTER -> {
                DeadLetterReason reason = record.deadLetter.reason();
                if (reason == DeadLetterReason.FILE_ERROR
                        || reason == DeadLetterReason.NOT_AN_ARCHIVE_HOUR) {
                    filesFailed.inc();
                    fileFailure = record.deadLetter.detail();
                    LOG.warn("{}: {}", record.deadLetter.sourceFile(), record.deadLetter.detail());
                } else {
                    parseErrors.inc();
                    fileParseErrors++;
                }
                parseErrorsByReason.get(reason).inc();
                ctx.output(DEAD_LETTERS, record.deadLetter);
            }
            case END_OF_FILE -> {
                filesRead.inc();
                completion.fileEnded(record);
                inLateFile = false;
                ctx.output(
                        FILE_REPORTS,
                        new FileReport(
                                record.sourceFile,
                                fileHour,
                                fileEvents,
                                fileParseErrors,
                                fileFailure,
                                filePushes,
                                filePushesWithoutCommits));
                startFile();
            }
        }
    }

    /** Forgets the file just reported: the next one's figures start from nothing. */
    private void startFile() {
        fileHour = Long.MIN_VALUE;
        fileEvents = 0;
        fileParseErrors = 0;
        fileFailure = null;
        filePushes = 0;
        filePushesWithoutCommits = 0;
    }
}
