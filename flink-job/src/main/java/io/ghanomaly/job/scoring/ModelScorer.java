package io.ghanomaly.job.scoring;

import io.ghanomaly.core.feature.ActorHourFeatures;
import io.ghanomaly.core.model.ModelBundle;
import io.ghanomaly.core.model.ModelBundleFile;
import io.ghanomaly.job.ExactCounts;
import io.ghanomaly.job.JobConfig;
import io.ghanomaly.job.JobCounter;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores every actor-hour with the newest model, swapping models between records when a newer one
 * is broadcast; every row carries the version that scored it.
 *
 * <p>Rows that close before the first model are held in keyed state, one timer per held actor, and
 * scored the moment it arrives. A following job holds them at most {@code --first-model-wait}, then
 * writes them unscored; a bounded run holds them until the model stream has ended, so the bundles
 * present at the start score them whichever source finishes first. Broadcast state keeps the newest
 * bundle's bytes, so a restored job scores with the model it had, and an older bundle that arrives
 * late is ignored.
 */
public final class ModelScorer
        extends KeyedBroadcastProcessFunction<String, ActorHourFeatures, ModelFile, ActorHourRow>
        implements ExactCounts.Checkpointed {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ModelScorer.class);

    /** Newest usable bundle: version → file bytes. */
    public static final MapStateDescriptor<String, byte[]> MODELS =
            new MapStateDescriptor<>("models", Types.STRING, TypeInformation.of(byte[].class));

    /** One actor's rows that closed before any model existed. */
    static final ListStateDescriptor<ActorHourFeatures> HELD_ROWS =
            new ListStateDescriptor<>(
                    "waiting-for-first-model", TypeInformation.of(ActorHourFeatures.class));

    /**
     * In a bounded run the model stream holds the scorer's event time at its minimum until it has
     * ended ({@link ModelSources#watermarks}); the first instant after that minimum is therefore
     * reached once every bundle present at the start has been delivered, or none will come.
     */
    static final long MODEL_STREAM_ENDED = Long.MIN_VALUE + 1;

    private static final long UNTIL_THE_MODEL_STREAM_ENDS = -1;

    private final int topFeatures;
    private final long firstModelWaitMillis;

    private final ExactCounts counts = new ExactCounts();
    private transient ModelBundle model;
    private transient JobCounter rowsScored;
    private transient JobCounter rowsHeld;
    private transient JobCounter rowsUnscored;
    private transient JobCounter modelsSwapped;

    private ModelScorer(int topFeatures, long firstModelWaitMillis) {
        this.topFeatures = topFeatures;
        this.firstModelWaitMillis = firstModelWaitMillis;
    }

    /** For a job that keeps following: rows wait for the first model at most {@code wait}. */
    public static ModelScorer following(int topFeatures, Duration wait) {
        return new ModelScorer(topFeatures, wait.toMillis());
    }

    /**
     * For a bounded run: rows wait until the model stream has ended. Only correct with the model
     * stream's watermarks from {@link ModelSources#watermarks} for a bounded run.
     */
    public static ModelScorer bounded(int topFeatures) {
        return new ModelScorer(topFeatures, UNTIL_THE_MODEL_STREAM_ENDS);
    }

    /** The scorer for the job's mode: following, or bounded. */
    public static ModelScorer forJob(JobConfig config) {
        return config.follow()
                ? following(config.topFeatures(), config.firstModelWait())
                : bounded(config.topFeatures());
    }

    @Override
    public void open(OpenContext openContext) {
        rowsScored = counts.register(getRuntimeContext(), "rowsScored");
        rowsHeld = counts.register(getRuntimeContext(), "rowsHeldForFirstModel");
        rowsUnscored = counts.register(getRuntimeContext(), "rowsWrittenUnscored");
        modelsSwapped = counts.register(getRuntimeContext(), "modelsSwapped");
    }

    @Override
    public ExactCounts counts() {
        return counts;
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
        if (!following() && ctx.currentWatermark() >= MODEL_STREAM_ENDED) {
            // The bounded model stream has ended without a usable bundle: none will come.
            out.collect(unscored(features));
            return;
        }
        ListState<ActorHourFeatures> held = getRuntimeContext().getListState(HELD_ROWS);
        if (!held.get().iterator().hasNext()) {
            registerRelease(ctx.timerService());
        }
        held.add(features);
        rowsHeld.inc();
    }

    /**
     * One timer per held actor, when its first row is held; later rows of that actor go with it.
     *
     * <p>Following, the wait is in processing time: with no model, wall-clock time is what a user
     * waits in, and event time moves only when the next hour's file lands (an hour later, or never
     * if the input stalls), so an event-time wait could hold rows far longer than promised, or for
     * ever. A bounded run waits in event time instead, for the end of the model stream: a
     * processing-time deadline could release rows before a slow model store delivered, and Flink
     * does not fire processing-time timers that are pending when the input ends.
     */
    private void registerRelease(TimerService timers) {
        if (following()) {
            timers.registerProcessingTimeTimer(
                    timers.currentProcessingTime() + firstModelWaitMillis);
        } else {
            timers.registerEventTimeTimer(MODEL_STREAM_ENDED);
        }
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
            // The broadcast side has no timer service, so the held actors' timers stay; each
            // fires once on an empty list and is gone (within the wait, or when the bounded
            // model stream ends), and nothing is held again once a model exists.
            ctx.applyToKeyedState(
                    HELD_ROWS,
                    (actor, held) -> {
                        for (ActorHourFeatures f : held.get()) {
                            out.collect(score(next, f));
                        }
                        held.clear();
                    });
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ActorHourRow> out)
            throws Exception {
        // The wait is over (or, bounded, the model stream ended) with no model: whatever this
        // actor still holds is written unscored. Empty when a model came first.
        ListState<ActorHourFeatures> held = getRuntimeContext().getListState(HELD_ROWS);
        for (ActorHourFeatures f : held.get()) {
            out.collect(unscored(f));
        }
        held.clear();
    }

    private boolean following() {
        return firstModelWaitMillis != UNTIL_THE_MODEL_STREAM_ENDS;
    }

    private ActorHourRow score(ModelBundle bundle, ActorHourFeatures f) {
        rowsScored.inc();
        return ActorHourRow.scored(f, bundle.version(), bundle.score(f.values(), topFeatures));
    }

    private ActorHourRow unscored(ActorHourFeatures f) {
        rowsUnscored.inc();
        return ActorHourRow.unscored(f);
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
