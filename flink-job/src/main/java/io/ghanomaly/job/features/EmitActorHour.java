package io.ghanomaly.job.features;

import io.ghanomaly.core.feature.ActorHourAccumulator;
import io.ghanomaly.core.feature.ActorHourFeatures;
import io.ghanomaly.job.ExactCounts;
import io.ghanomaly.job.JobCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Turns a closed actor-hour window into its feature row, counting windows emitted (exactly). */
public final class EmitActorHour
        extends ProcessWindowFunction<ActorHourAccumulator, ActorHourFeatures, String, TimeWindow>
        implements ExactCounts.Checkpointed {
    private static final long serialVersionUID = 1L;

    private final ExactCounts counts = new ExactCounts();

    private transient JobCounter windowsEmitted;

    @Override
    public void open(OpenContext openContext) {
        windowsEmitted = counts.register(getRuntimeContext(), "windowsEmitted");
    }

    @Override
    public ExactCounts counts() {
        return counts;
    }

    @Override
    public void process(
            String key, // the actor (with its hour, in a backfill)
            Context context,
            Iterable<ActorHourAccumulator> accumulators,
            Collector<ActorHourFeatures> out) {
        ActorHourAccumulator acc = accumulators.iterator().next();
        windowsEmitted.inc();
        out.collect(acc.toFeatures(context.window().getStart()));
    }
}
