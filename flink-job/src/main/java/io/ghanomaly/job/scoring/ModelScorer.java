package io.ghanomaly.job.scoring;

import io.ghanomaly.core.feature.ActorHourFeatures;
import io.ghanomaly.core.model.ModelBundle;
import io.ghanomaly.core.model.ModelBundleFile;
import io.ghanomaly.job.JobCounter;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores every actor-hour with the newest model, swapping models between records when a newer one
 * is broadcast; every row carries the version that scored it.
 *
 * <p>Windows that close before the first model are held in keyed state and scored as soon as it
 * arrives; none is dropped. If a bounded run ends with no model at all, they are written unscored
 * (a timer at the end of time). Broadcast state keeps the newest bundle's bytes, so a restored job
 * scores with the model it had, and an older bundle that arrives late is ignored.
 */
public final class ModelScorer
        extends KeyedBroadcastProcessFunction<String, ActorHourFeatures, ModelFile, ActorHourRow> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ModelScorer.class);

    /** Newest usable bundle: version → file bytes. */
    public static final MapStateDescriptor<String, byte[]> MODELS =
            new MapStateDescriptor<>("models", Types.STRING, TypeInformation.of(byte[].class));

    private static final ListStateDescriptor<ActorHourFeatures> WAITING =
            new ListStateDescriptor<>(
                    "waiting-for-first-model", TypeInformation.of(ActorHourFeatures.class));

    private final int topFeatures;

    private transient ModelBundle model;
    private transient JobCounter rowsScored;
    private transient JobCounter rowsHeld;
    private transient JobCounter rowsUnscored;
    private transient JobCounter modelsSwapped;

    public ModelScorer(int topFeatures) {
        this.topFeatures = topFeatures;
    }

    @Override
    public void open(OpenContext openContext) {
        rowsScored = JobCounter.register(getRuntimeContext(), "rowsScored");
        rowsHeld = JobCounter.register(getRuntimeContext(), "rowsHeldForFirstModel");
        rowsUnscored = JobCounter.register(getRuntimeContext(), "rowsWrittenUnscored");
        modelsSwapped = JobCounter.register(getRuntimeContext(), "modelsSwapped");
    }

    @Override
    public void processElement(
            ActorHourFeatures features, ReadOnlyContext ctx, Collector<ActorHourRow> out)
            throws Exception {
        ModelBundle current = model(ctx.getBroadcastState(MODELS));
        if (current != null) {
            out.collect(score(current, features));
            return;
        }
        getRuntimeContext().getListState(WAITING).add(features);
        rowsHeld.inc();
        ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
    }

    @Override
    public void processBroadcastElement(ModelFile file, Context ctx, Collector<ActorHourRow> out)
            throws Exception {
        BroadcastState<String, byte[]> models = ctx.getBroadcastState(MODELS);
        ModelBundle current = model(models);
        if (current != null && file.version().compareTo(current.version()) <= 0) {
            LOG.info(
                    "Model {} is not newer than {}; keeping {}",
                    file.version(),
                    current.version(),
                    current.version());
            return;
        }
        ModelBundle next = ModelBundleFile.read(file.content(), file.path());
        models.clear();
        models.put(next.version(), file.content());
        model = next;
        modelsSwapped.inc();
        LOG.info("Scoring with model {} from {}", next.version(), file.path());
        if (current == null) {
            ctx.applyToKeyedState(
                    WAITING,
                    (actor, waiting) -> {
                        for (ActorHourFeatures f : waiting.get()) {
                            out.collect(score(next, f));
                        }
                        waiting.clear();
                    });
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ActorHourRow> out)
            throws Exception {
        // Only reached when a bounded input ends: whatever still waits never saw a model.
        ListState<ActorHourFeatures> waiting = getRuntimeContext().getListState(WAITING);
        for (ActorHourFeatures f : waiting.get()) {
            out.collect(ActorHourRow.unscored(f));
            rowsUnscored.inc();
        }
        waiting.clear();
    }

    private ActorHourRow score(ModelBundle bundle, ActorHourFeatures f) {
        rowsScored.inc();
        return ActorHourRow.scored(f, bundle.version(), bundle.score(f.values(), topFeatures));
    }

    /** The current model; after a restore it is parsed again from broadcast state. */
    private ModelBundle model(ReadOnlyBroadcastState<String, byte[]> models) throws Exception {
        if (model == null) {
            for (Map.Entry<String, byte[]> e : models.immutableEntries()) {
                model = ModelBundleFile.read(e.getValue(), "model " + e.getKey());
            }
        }
        return model;
    }
}
