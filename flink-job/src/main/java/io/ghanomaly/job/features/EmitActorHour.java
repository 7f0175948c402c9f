package io.ghanomaly.job.features;

import io.ghanomaly.core.feature.ActorHourAccumulator;
import io.ghanomaly.core.feature.ActorHourFeatures;
import io.ghanomaly.job.JobCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Turns a closed actor-hour window into its feature row, counting windows emitted. */
public final class EmitActorHour
        extends ProcessWindowFunction<ActorHourAccumulator, ActorHourFeatures, String, TimeWindow> {
    private static final long serialVersionUID = 1L;

    private transient JobCounter windowsEmitted;

    @Override
    public void open(OpenContext openContext) {
        windowsEmitted = JobCounter.register(getRuntimeContext(), "windowsEmitted");
    }

    @Override
    public void process(
            String actor,
            Context context,
            Iterable<ActorHourAccumulator> accumulators,
            Collector<ActorHourFeatures> out) {
        ActorHourAccumulator acc = accumulators.iterator().next();
        windowsEmitted.inc();
        out.collect(acc.toFeatures(context.window().getStart()));
    }
}
