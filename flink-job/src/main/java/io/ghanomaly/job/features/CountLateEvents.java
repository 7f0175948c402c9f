package io.ghanomaly.job.features;

import io.ghanomaly.core.event.GhEvent;
import io.ghanomaly.job.ExactCounts;
import io.ghanomaly.job.JobCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * Counts (exactly) the events that arrived after their hour's window had closed, on their way out.
 */
public final class CountLateEvents extends RichMapFunction<GhEvent, GhEvent>
        implements ExactCounts.Checkpointed {
    private static final long serialVersionUID = 1L;

    private final ExactCounts counts = new ExactCounts();

    private transient JobCounter lateEvents;

    @Override
    public void open(OpenContext openContext) {
        lateEvents = counts.register(getRuntimeContext(), "lateEvents");
    }

    @Override
    public ExactCounts counts() {
        return counts;
    }

    @Override
    public GhEvent map(GhEvent event) {
        lateEvents.inc();
        return event;
    }
}
