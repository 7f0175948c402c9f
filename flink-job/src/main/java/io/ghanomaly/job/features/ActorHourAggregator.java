package io.ghanomaly.job.features;

import io.ghanomaly.core.event.GhEvent;
import io.ghanomaly.core.feature.ActorHourAccumulator;
import org.apache.flink.api.common.functions.AggregateFunction;

/**
 * Folds an actor's events into its hour's window incrementally, so window state is one bounded
 * {@link ActorHourAccumulator} per actor-hour, never the list of its events.
 */
public final class ActorHourAggregator
        implements AggregateFunction<GhEvent, ActorHourAccumulator, ActorHourAccumulator> {
    private static final long serialVersionUID = 1L;

    @Override
    public ActorHourAccumulator createAccumulator() {
        return new ActorHourAccumulator();
    }

    @Override
    public ActorHourAccumulator add(GhEvent event, ActorHourAccumulator acc) {
        return acc.add(event);
    }

    @Override
    public ActorHourAccumulator getResult(ActorHourAccumulator acc) {
        return acc;
    }

    @Override
    public ActorHourAccumulator merge(ActorHourAccumulator a, ActorHourAccumulator b) {
        return a.merge(b);
    }
}
