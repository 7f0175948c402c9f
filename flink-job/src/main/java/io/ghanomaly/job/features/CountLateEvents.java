package io.ghanomaly.job.features;

import io.ghanomaly.core.event.GhEvent;
import io.ghanomaly.job.ExactCounts;
import io.ghanomaly.job.JobCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;

/**
 * Counts (exactly) the events that arrived after their hour's window had closed, on their way out.
 */
public final class CountLateEvents extends RichMapFunction<GhEvent, GhEvent>
        implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;

    private final ExactCounts counts = new ExactCounts();

    private transient JobCounter lateEvents;

    @Override
    public void open(OpenContext openContext) {
        lateEvents = counts.register(getRuntimeContext(), "lateEvents");
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        counts.initializeState(context);
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        counts.snapshotState();
    }

    @Override
    public GhEvent map(GhEvent event) {
        lateEvents.inc();
        return event;
    }
}
