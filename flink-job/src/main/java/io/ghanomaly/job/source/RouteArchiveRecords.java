package io.ghanomaly.job.source;

import io.ghanomaly.core.event.DeadLetterReason;
import io.ghanomaly.core.event.GhEvent;
import io.ghanomaly.job.JobCounter;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends events on and dead letters to their side output, counting both: events read, parse errors
 * by reason, files read and files that failed.
 */
public final class RouteArchiveRecords extends ProcessFunction<ArchiveRecord, GhEvent> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RouteArchiveRecords.class);

    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters") {
                private static final long serialVersionUID = 1L;
            };

    private transient JobCounter eventsRead;
    private transient JobCounter parseErrors;
    private transient Map<DeadLetterReason, JobCounter> parseErrorsByReason;
    private transient JobCounter filesRead;
    private transient JobCounter filesFailed;

    @Override
    public void open(OpenContext openContext) {
        eventsRead = JobCounter.register(getRuntimeContext(), "eventsRead");
        parseErrors = JobCounter.register(getRuntimeContext(), "parseErrors");
        filesRead = JobCounter.register(getRuntimeContext(), "filesRead");
        filesFailed = JobCounter.register(getRuntimeContext(), "filesFailed");
        parseErrorsByReason = new EnumMap<>(DeadLetterReason.class);
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            parseErrorsByReason.put(
                    reason,
                    JobCounter.register(
                            getRuntimeContext(),
                            getRuntimeContext().getMetricGroup().addGroup("reason", reason.label()),
                            "parseErrors",
                            "parseErrors." + reason.label()));
        }
    }

    @Override
    public void processElement(ArchiveRecord record, Context ctx, Collector<GhEvent> out) {
        switch (record.kind) {
            case EVENT -> {
                eventsRead.inc();
                out.collect(record.event);
            }
            case DEAD_LETTER -> {
                DeadLetterReason reason = record.deadLetter.reason();
                if (reason == DeadLetterReason.FILE_ERROR) {
                    filesFailed.inc();
                    LOG.warn(
                            "Could not read {} past line {}: {}; going on with the next file",
                            record.deadLetter.sourceFile(),
                            record.deadLetter.lineNumber(),
                            record.deadLetter.detail());
                } else {
                    parseErrors.inc();
                }
                parseErrorsByReason.get(reason).inc();
                ctx.output(DEAD_LETTERS, record.deadLetter);
            }
            case END_OF_FILE -> filesRead.inc();
        }
    }
}
