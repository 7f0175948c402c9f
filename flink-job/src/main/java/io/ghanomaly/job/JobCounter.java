package io.ghanomaly.job;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * One count of the job, kept twice: as a metric (dashboard, REST, Prometheus) and as an accumulator
 * of the same name (the totals in the job's result, which the local run prints at the end). Both
 * start from 0 on each attempt of a task; registered through {@link ExactCounts}, they go on from
 * the restored checkpoint instead.
 */
public final class JobCounter {
    private final Counter metric;
    private final LongCounter total;

    private JobCounter(Counter metric, LongCounter total) {
        this.metric = metric;
        this.total = total;
    }

    /** Registers {@code name} in {@code group} and as an accumulator named {@code total}. */
    public static JobCounter register(
            RuntimeContext context, MetricGroup group, String name, String totalName) {
        LongCounter total = new LongCounter();
        context.addAccumulator(totalName, total);
        return new JobCounter(group.counter(name), total);
    }

    public static JobCounter register(RuntimeContext context, String name) {
        return register(context, context.getMetricGroup(), name, name);
    }

    public void inc() {
        inc(1);
    }

    public void inc(long n) {
        metric.inc(n);
        total.add(n);
    }

    /** The count so far, of this attempt (and of the checkpoint it restored, via ExactCounts). */
    public long count() {
        return total.getLocalValuePrimitive();
    }
}
