package io.ghanomaly.job.features;

import io.ghanomaly.core.event.GhEvent;
import io.ghanomaly.core.feature.ActorHourAccumulator;
import io.ghanomaly.core.feature.ActorHourFeatures;
import io.ghanomaly.job.ExactCounts;
import io.ghanomaly.job.JobCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.apache.flink.util.function.SerializableFunction;

/**
 * Turns a closed actor-hour window into its feature row, counting windows emitted (exactly). The
 * window holds either the hour's accumulator ({@link #ofAccumulator}, added to at every event) or
 * the hour's events ({@link #ofEvents}, added up here): the same row either way.
 *
 * @param <IN> what the window holds
 */
public final class EmitActorHour<IN>
        extends ProcessWindowFunction<IN, ActorHourFeatures, String, TimeWindow>
        implements ExactCounts.Checkpointed {
    private static final long serialVersionUID = 1L;

    private final ExactCounts counts = new ExactCounts();
    private final SerializableFunction<Iterable<IN>, ActorHourAccumulator> accumulator;

    private transient JobCounter windowsEmitted;

    private EmitActorHour(SerializableFunction<Iterable<IN>, ActorHourAccumulator> accumulator) {
        this.accumulator = accumulator;
    }

    /** For a window whose state is the {@link ActorHourAggregator}'s one accumulator. */
    public static EmitActorHour<ActorHourAccumulator> ofAccumulator() {
        return new EmitActorHour<>(accumulators -> accumulators.iterator().next());
    }

    /** For a window whose state is the list of its events, added up when it closes. */
    public static EmitActorHour<GhEvent> ofEvents() {
        return new EmitActorHour<>(
                events -> {
                    ActorHourAccumulator acc = new ActorHourAccumulator();
                    for (GhEvent e : events) {
                        acc.add(e);
                    }
                    return acc;
                });
    }

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
            Iterable<IN> contents,
            Collector<ActorHourFeatures> out) {
        windowsEmitted.inc();
        out.collect(accumulator.apply(contents).toFeatures(context.window().getStart()));
    }
}
