package io.ghanomaly.job;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;

/**
 * A function's {@link JobCounter}s whose totals survive a failover. Each count goes into operator
 * state at every checkpoint, and a restored function starts its metric and its accumulator from the
 * count of the checkpoint it resumed from; what it then reads again is counted once, as the count
 * rolled back with the input. So after a restart the figures go on from where the committed output
 * is, exactly, instead of from 0 as Flink's own metrics and accumulators do on each attempt.
 *
 * <p>The function implements {@link Checkpointed} (or calls {@link
 * #initializeState(FunctionInitializationContext)} and {@link #snapshotState()} from its own
 * checkpoint hooks) and registers its counters here in {@code open}, which Flink calls after {@code
 * initializeState}. A change of parallelism hands the entries to the new subtasks in any split: the
 * sum over subtasks stays exact.
 */
public final class ExactCounts implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final ListStateDescriptor<Tuple2<String, Long>> COUNTS =
            new ListStateDescriptor<>("exact-counts", Types.TUPLE(Types.STRING, Types.LONG));

    private transient ListState<Tuple2<String, Long>> state;
    private transient Map<String, Long> restored;
    private transient Map<String, JobCounter> counters;

    public void initializeState(FunctionInitializationContext context) throws Exception {
        state = context.getOperatorStateStore().getListState(COUNTS);
        restored = new HashMap<>();
        for (Tuple2<String, Long> count : state.get()) {
            restored.merge(count.f0, count.f1, Long::sum);
        }
    }

    /** As {@link JobCounter#register(RuntimeContext, MetricGroup, String, String)}, restored. */
    public JobCounter register(
            RuntimeContext context, MetricGroup group, String name, String totalName) {
        JobCounter counter = JobCounter.register(context, group, name, totalName);
        counter.inc(restored == null ? 0 : restored.getOrDefault(totalName, 0L));
        if (counters == null) {
            counters = new LinkedHashMap<>();
        }
        counters.put(totalName, counter);
        return counter;
    }

    public JobCounter register(RuntimeContext context, String name) {
        return register(context, context.getMetricGroup(), name, name);
    }

    /**
     * A function that keeps its counts in an {@link ExactCounts}: it only says where they are; the
     * checkpoint hooks are these.
     */
    public interface Checkpointed extends CheckpointedFunction {
        ExactCounts counts();

        @Override
        default void initializeState(FunctionInitializationContext context) throws Exception {
            counts().initializeState(context);
        }

        @Override
        default void snapshotState(FunctionSnapshotContext context) throws Exception {
            counts().snapshotState();
        }
    }

    public void snapshotState() throws Exception {
        List<Tuple2<String, Long>> counts = new ArrayList<>();
        if (counters != null) {
            counters.forEach((name, counter) -> counts.add(Tuple2.of(name, counter.count())));
        }
        state.update(counts);
    }
}
