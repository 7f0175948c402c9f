package io.ghanomaly.job.features;

import io.ghanomaly.core.feature.ActorHourFeatures;
import io.ghanomaly.core.feature.LowActivity;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by actor: applies the actor's history to {@code low_activity} ({@link LowActivity}),
 * keeping its last active hour until 15 days after it (an event-time timer then clears it).
 *
 * <p>An actor's hours come in order: a streaming window fires an actor's hours one after another,
 * and batch execution (a backfill) sorts each key's input by key and then timestamp, the end of the
 * row's hour.
 */
public final class MarkLowActivity
        extends KeyedProcessFunction<String, ActorHourFeatures, ActorHourFeatures> {
    private static final long serialVersionUID = 1L;
    private static final long HOUR = 3_600_000L;

    private transient ValueState<Long> lastActiveHour;

    @Override
    public void open(OpenContext openContext) {
        lastActiveHour =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("last-active-hour", Types.LONG));
    }

    @Override
    public void processElement(ActorHourFeatures row, Context ctx, Collector<ActorHourFeatures> out)
            throws Exception {
        Long previous = lastActiveHour.value();
        long hour = row.hourStartMillis();
        if (previous != null) {
            ctx.timerService().deleteEventTimeTimer(forgetAt(previous));
        }
        lastActiveHour.update(hour);
        ctx.timerService().registerEventTimeTimer(forgetAt(hour));
        double[] values =
                LowActivity.withHistory(
                        row.values(), previous == null ? LowActivity.NEVER : previous, hour);
        out.collect(
                values == row.values()
                        ? row
                        : new ActorHourFeatures(row.actorLogin(), row.actorId(), hour, values));
    }

    /**
     * The end of the last hour whose row still needs this one: the hour starting 15 days later (an
     * hour is quiet only when the previous one started more than 15 days before it).
     */
    private static long forgetAt(long hourStart) {
        return hourStart + LowActivity.QUIET_MILLIS + HOUR - 1;
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ActorHourFeatures> out) {
        lastActiveHour.clear();
    }
}
