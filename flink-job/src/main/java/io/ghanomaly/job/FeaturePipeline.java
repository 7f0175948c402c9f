package io.ghanomaly.job;

import io.ghanomaly.core.alert.Alert;
import io.ghanomaly.core.alert.PopulationHour;
import io.ghanomaly.core.archive.ArchiveHour;
import io.ghanomaly.core.archive.ArchiveRecord;
import io.ghanomaly.core.archive.DeadLetter;
import io.ghanomaly.core.campaign.Campaign;
import io.ghanomaly.core.event.GhEvent;
import io.ghanomaly.core.feature.ActorHourAccumulator;
import io.ghanomaly.core.feature.ActorHourFeatures;
import io.ghanomaly.core.feature.FeatureColumns;
import io.ghanomaly.job.campaign.ActorTargets;
import io.ghanomaly.job.campaign.CampaignSerializers;
import io.ghanomaly.job.campaign.LockstepCandidate;
import io.ghanomaly.job.campaign.RepoLockstep;
import io.ghanomaly.job.campaign.RepoProfile;
import io.ghanomaly.job.campaign.TargetAction;
import io.ghanomaly.job.campaign.TrackCampaigns;
import io.ghanomaly.job.drift.AlertOutput;
import io.ghanomaly.job.drift.DeliverAlerts;
import io.ghanomaly.job.drift.HourlyDrift;
import io.ghanomaly.job.drift.WatchInput;
import io.ghanomaly.job.features.ActorHourAggregator;
import io.ghanomaly.job.features.CountLateEvents;
import io.ghanomaly.job.features.EmitActorHour;
import io.ghanomaly.job.features.MarkLowActivity;
import io.ghanomaly.job.scoring.ActorHourRow;
import io.ghanomaly.job.scoring.CheckModelFiles;
import io.ghanomaly.job.scoring.ModelFile;
import io.ghanomaly.job.scoring.ModelScorer;
import io.ghanomaly.job.scoring.ModelSources;
import io.ghanomaly.job.sink.GenericParquetWriterFactory;
import io.ghanomaly.job.sink.ParquetRows;
import io.ghanomaly.job.sink.PartitionBucketAssigner;
import io.ghanomaly.job.source.ArchiveFileFilter;
import io.ghanomaly.job.source.BackfillPlan;
import io.ghanomaly.job.source.FileWatermarks;
import io.ghanomaly.job.source.GhArchiveFormat;
import io.ghanomaly.job.source.OrderedSplitAssigner;
import io.ghanomaly.job.source.RereadChangedFiles;
import io.ghanomaly.job.source.RouteArchiveRecords;
import java.io.IOException;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.datastream.WindowedStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.OnCheckpointRollingPolicy;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.OutputTag;
import org.apache.flink.util.function.SerializableFunction;

/**
 * The streaming pipeline: archive files in, one feature row per actor-hour out, with dead letters
 * and late events on their own outputs.
 *
 * <pre>
 * files ─▶ parse and route ─┬─▶ keyBy actor ─▶ hourly window ─▶ keyBy actor ─▶ history ─▶ score ─┬─▶ features (Parquet)
 *                           │                        │                                      ▲      │
 *                           │                        │                 model bundles (broadcast, to both)
 *                           │                        │                                             ▼
 *                           │                        │                 keyBy population ─▶ hourly drift ─▶ drift (Parquet)
 *                           │                        │                                         └─ alerts ─┬▶ alerts (Parquet)
 *                           │                        └─ late ─▶ late events (Parquet)                     └▶ deliver
 *                           ├─ lockstep campaigns (see campaigns()) ─ alerts ─▲
 *                           ├─ file reports ─▶ watch input ─ alerts ─▲
 *                           └─ dead letters (Parquet)
 * </pre>
 *
 * Sources and sinks come in through the constructor, so tests can run the same pipeline with
 * collecting sinks.
 */
public final class FeaturePipeline {
    public static final OutputTag<GhEvent> LATE_EVENTS =
            new OutputTag<>("late-events") {
                private static final long serialVersionUID = 1L;
            };

    private final Source<ArchiveRecord, ?, ?> source;
    private final BackfillPlan backfill;
    private final Source<ModelFile, ?, ?> modelSource;
    private final Sink<ActorHourRow> featureSink;
    private final Sink<DeadLetter> deadLetterSink;
    private final Sink<GhEvent> lateEventSink;
    private final Sink<PopulationHour> driftSink;
    private final Sink<Alert> alertSink;
    private final Sink<Campaign> campaignSink;
    private final JobConfig config;

    /**
     * @param backfill the files {@code source} reads, for a backfill that reads many at once; null
     *     when one reader takes them one after another
     * @param modelSource model bundles to score with, or null to write rows unscored
     */
    public FeaturePipeline(
            Source<ArchiveRecord, ?, ?> source,
            BackfillPlan backfill,
            Source<ModelFile, ?, ?> modelSource,
            Sink<ActorHourRow> featureSink,
            Sink<DeadLetter> deadLetterSink,
            Sink<GhEvent> lateEventSink,
            Sink<PopulationHour> driftSink,
            Sink<Alert> alertSink,
            Sink<Campaign> campaignSink,
            JobConfig config) {
        this.source = source;
        this.backfill = backfill;
        this.modelSource = modelSource;
        this.featureSink = featureSink;
        this.deadLetterSink = deadLetterSink;
        this.lateEventSink = lateEventSink;
        this.driftSink = driftSink;
        this.alertSink = alertSink;
        this.campaignSink = campaignSink;
        this.config = config;
    }

    /**
     * The production wiring: archive files from the input, Parquet to the output.
     *
     * @throws IOException when a backfill cannot list its input
     */
    public static FeaturePipeline forFiles(JobConfig config) throws IOException {
        String out = config.output().endsWith("/") ? config.output() : config.output() + "/";
        BackfillPlan backfill =
                config.backfill()
                        ? BackfillPlan.list(
                                config.input(), new ArchiveFileFilter(config.from(), config.to()))
                        : null;
        return new FeaturePipeline(
                archiveSource(config, backfill),
                backfill,
                config.models() == null
                        ? null
                        : ModelSources.directory(
                                config.models(), config.follow() ? config.monitorInterval() : null),
                parquetSink(
                        out + "features",
                        new GenericParquetWriterFactory<>(
                                ParquetRows.FEATURES,
                                ParquetRows::features,
                                FeatureColumns.ACTOR_LOGIN),
                        (ActorHourRow r) ->
                                PartitionBucketAssigner.eventHour(r.features().hourStartMillis())),
                parquetSink(
                        out + "dead-letters",
                        new GenericParquetWriterFactory<>(
                                ParquetRows.DEAD_LETTERS, ParquetRows::deadLetter),
                        FeaturePipeline::deadLetterPartition),
                parquetSink(
                        out + "late-events",
                        new GenericParquetWriterFactory<>(
                                ParquetRows.LATE_EVENTS, ParquetRows::lateEvent),
                        (GhEvent e) -> PartitionBucketAssigner.eventHour(e.createdAtMillis())),
                parquetSink(
                        out + "drift",
                        new GenericParquetWriterFactory<>(ParquetRows.DRIFT, ParquetRows::drift),
                        (PopulationHour h) ->
                                PartitionBucketAssigner.eventHour(h.hourStartMillis())),
                parquetSink(
                        out + "alerts",
                        new GenericParquetWriterFactory<>(ParquetRows.ALERTS, ParquetRows::alert),
                        (Alert a) -> PartitionBucketAssigner.eventHour(a.hourStartMillis())),
                parquetSink(
                        out + "campaigns",
                        new GenericParquetWriterFactory<>(
                                ParquetRows.CAMPAIGNS, ParquetRows::campaign),
                        (Campaign c) -> PartitionBucketAssigner.eventHour(c.hourStartMillis())),
                config);
    }

    /**
     * {@code dt=/hour=} of the UTC hour of the dead letter's file ({@code dt=unknown/hour=unknown}
     * for a file that is not an archive hour), then {@code reason=}.
     */
    static String deadLetterPartition(DeadLetter d) {
        String hour =
                ArchiveHour.ofPath(d.sourceFile())
                        .map(h -> PartitionBucketAssigner.eventHour(h.start().toEpochMilli()))
                        .orElse("dt=unknown/hour=unknown");
        return hour + "/reason=" + d.reason().label();
    }

    /** The same pipeline with another model source (tests: a slow or scripted model store). */
    public FeaturePipeline withModelSource(Source<ModelFile, ?, ?> models) {
        return new FeaturePipeline(
                source,
                backfill,
                models,
                featureSink,
                deadLetterSink,
                lateEventSink,
                driftSink,
                alertSink,
                campaignSink,
                config);
    }

    /** The input's archive files, or a backfill's planned ones. */
    private static FileSource<ArchiveRecord> archiveSource(
            JobConfig config, BackfillPlan backfill) {
        ArchiveFileFilter filter = new ArchiveFileFilter(config.from(), config.to());
        Path[] paths =
                backfill == null || backfill.size() == 0
                        ? new Path[] {new Path(config.input())}
                        : backfill.paths();
        FileSource.FileSourceBuilder<ArchiveRecord> builder =
                FileSource.forBulkFileFormat(new GhArchiveFormat(config.maxLineBytes()), paths)
                        .setFileEnumerator(RereadChangedFiles.provider(filter))
                        .setSplitAssigner(OrderedSplitAssigner::oldestHourFirst);
        if (config.follow()) {
            builder.monitorContinuously(config.monitorInterval());
        }
        return builder.build();
    }

    private static <T> FileSink<T> parquetSink(
            String path,
            GenericParquetWriterFactory<T> writer,
            PartitionBucketAssigner.Partitioner<T> partitioner) {
        return FileSink.forBulkFormat(new Path(path), writer)
                .withBucketAssigner(new PartitionBucketAssigner<>(partitioner))
                .withRollingPolicy(OnCheckpointRollingPolicy.build())
                .withOutputFileConfig(OutputFileConfig.builder().withPartSuffix(".parquet").build())
                .build();
    }

    /**
     * Hourly event-time windows per actor, late events to {@link #LATE_EVENTS}. Each window holds
     * the {@link ActorHourAggregator}'s accumulator, added to at every event, unless {@code
     * eventsInState}: then it holds the hour's events, added up when it closes. The first suits the
     * heap state backend (an event changes an object in place); the second RocksDB, which would
     * read and write an accumulator back whole at every event (for a CI bot on 20,000 repositories
     * an hour, 256 KB per event), but appends an event to a list without reading it.
     */
    public static SingleOutputStreamOperator<ActorHourFeatures> actorHourWindows(
            DataStream<GhEvent> events, boolean eventsInState) {
        return actorHourWindows(events, false, eventsInState);
    }

    /**
     * As above; a backfill keys by actor and hour instead. In batch execution a key's windows all
     * close when its input ends, so keyed by actor alone, every hour of the range that an actor (a
     * CI bot active around the clock) was active in would be open at once.
     */
    private static SingleOutputStreamOperator<ActorHourFeatures> actorHourWindows(
            DataStream<GhEvent> events, boolean backfill, boolean eventsInState) {
        KeySelector<GhEvent, String> key =
                backfill
                        ? e -> ArchiveHour.startOf(e.createdAtMillis()) + "/" + e.actorLogin()
                        : GhEvent::actorLogin;
        WindowedStream<GhEvent, String, TimeWindow> windows =
                events.keyBy(key, Types.STRING)
                        .window(TumblingEventTimeWindows.of(Duration.ofHours(1)))
                        .sideOutputLateData(LATE_EVENTS);
        TypeInformation<ActorHourAccumulator> accumulatorType =
                TypeInformation.of(ActorHourAccumulator.class);
        TypeInformation<ActorHourFeatures> rowType = TypeInformation.of(ActorHourFeatures.class);
        return (eventsInState
                        ? windows.process(EmitActorHour.ofEvents(), rowType)
                        : windows.aggregate(
                                new ActorHourAggregator(),
                                EmitActorHour.ofAccumulator(),
                                accumulatorType,
                                accumulatorType,
                                rowType))
                .uid("actor-hour-windows")
                .name("actor-hour features");
    }

    /** Each actor-hour with the actor's history applied ({@link MarkLowActivity}). */
    public static SingleOutputStreamOperator<ActorHourFeatures> withHistory(
            DataStream<ActorHourFeatures> features) {
        return features.keyBy(ActorHourFeatures::actorLogin, Types.STRING)
                .process(new MarkLowActivity(), TypeInformation.of(ActorHourFeatures.class))
                .uid("actor-history")
                .name("actor history: low activity");
    }

    /** The model bundles, checked once, or null without a model directory. */
    private SingleOutputStreamOperator<ModelFile> modelFiles(StreamExecutionEnvironment env) {
        if (modelSource == null) {
            return null;
        }
        return env.fromSource(
                        modelSource, ModelSources.watermarks(config.follow()), "model bundles")
                .uid("model-files")
                .setParallelism(1)
                .process(new CheckModelFiles(config.alertRules().dashboardUrl()))
                .uid("check-model-files")
                .name("check model bundles")
                .setParallelism(1);
    }

    /** Each actor-hour with the verdict of the newest model, or unscored without models. */
    private DataStream<ActorHourRow> scored(
            DataStream<ActorHourFeatures> features, DataStream<ModelFile> models) {
        if (models == null) {
            return features.map(ActorHourRow::unscored)
                    .uid("unscored-rows")
                    .name("no models: unscored");
        }
        return features.keyBy(ActorHourFeatures::actorLogin, Types.STRING)
                .connect(models.broadcast(ModelScorer.MODELS))
                .process(ModelScorer.forJob(config))
                .uid("score-actor-hours")
                .name("score with model");
    }

    /**
     * Each closed hour's drift report per population against the serving bundle's reference, the
     * alerts on {@link AlertOutput#ALERTS}.
     */
    private static SingleOutputStreamOperator<PopulationHour> hourlyDrift(
            DataStream<ActorHourRow> rows, DataStream<ModelFile> models, JobConfig config) {
        return rows.keyBy(HourlyDrift::population, Types.STRING)
                .connect(models.broadcast(HourlyDrift.MODELS))
                .process(new HourlyDrift(config.alertRules()))
                .uid("hourly-drift")
                .name("hourly drift and alerts");
    }

    /**
     * Lockstep campaigns, a second analysis of the same events: each actor's targets within the
     * window (keyed by actor), each repository's actors' profiles and the part of a group it sees
     * (keyed by repository), and one task that joins the parts into campaigns. A backfill's batch
     * execution sorts each key's input by timestamp: there the operators close an hour at the first
     * input of a later one, and what they send on takes the time of the hour it is from.
     */
    private static SingleOutputStreamOperator<Campaign> campaigns(
            DataStream<GhEvent> events, JobConfig config, boolean backfill) {
        SingleOutputStreamOperator<RepoProfile> profiles =
                events.flatMap(
                                (GhEvent e, org.apache.flink.util.Collector<TargetAction> out) -> {
                                    TargetAction a = TargetAction.of(e);
                                    if (a != null) {
                                        out.collect(a);
                                    }
                                })
                        .returns(TargetAction.class)
                        .uid("lockstep-actions")
                        .name("lockstep: actions on repositories")
                        .keyBy(TargetAction::login, CampaignSerializers.KEY)
                        .process(new ActorTargets(config.campaigns(), backfill))
                        .uid("lockstep-actor-targets")
                        .name("lockstep: targets per actor");
        SingleOutputStreamOperator<LockstepCandidate> candidates =
                inHourOrder(
                                profiles,
                                backfill,
                                p -> ActorTargets.hourEnd(p.profile().lastAtMillis()),
                                "lockstep-profile-hours")
                        .keyBy(RepoProfile::repo, CampaignSerializers.KEY)
                        .process(new RepoLockstep(config.campaigns(), backfill))
                        .uid("lockstep-repos")
                        .name("lockstep: groups per repository");
        return inHourOrder(
                        candidates, backfill, TrackCampaigns::hourEnd, "lockstep-candidate-hours")
                .keyBy(TrackCampaigns::key, Types.BYTE)
                .process(
                        new TrackCampaigns(
                                config.campaigns(), config.alertRules().dashboardUrl(), backfill))
                .uid("track-campaigns")
                .name("campaigns")
                .setParallelism(1);
    }

    /**
     * In a backfill, the records with the end of their hour as timestamp (batch execution sorts a
     * key's input by it; a record sent at an hour that a later input closed has that input's);
     * following the archive they have it already, and the watermarks pass through.
     */
    private static <T> DataStream<T> inHourOrder(
            SingleOutputStreamOperator<T> records,
            boolean backfill,
            SerializableFunction<T, Long> hourEnd,
            String uid) {
        if (!backfill) {
            return records;
        }
        return records.assignTimestampsAndWatermarks(
                        WatermarkStrategy.<T>noWatermarks()
                                .withTimestampAssigner((r, previous) -> hourEnd.apply(r)))
                .uid(uid)
                .name("lockstep: hour order");
    }

    /**
     * Whether the job's keyed state lives in RocksDB: named by {@code --state-backend}, or by the
     * cluster's configuration when the job is submitted there. Batch execution (a backfill) has a
     * state backend of its own, and keeps a key's state on the heap.
     */
    private boolean keepsStateInRocksDb(StreamExecutionEnvironment env) {
        return backfill == null
                && "rocksdb"
                        .equalsIgnoreCase(
                                env.getConfiguration().get(StateBackendOptions.STATE_BACKEND));
    }

    /** Adds the pipeline to the environment; the caller executes it. */
    public void addTo(StreamExecutionEnvironment env) {
        WatermarkStrategy<ArchiveRecord> watermarks =
                WatermarkStrategy.<ArchiveRecord>forGenerator(ctx -> new FileWatermarks())
                        .withTimestampAssigner(
                                (r, previous) ->
                                        r.kind == ArchiveRecord.Kind.EVENT
                                                ? r.event.createdAtMillis()
                                                : previous);
        // One reader, files in hour order: then "this file has ended" means "its hour is
        // complete", and the end-of-file watermark is exact. With several readers it is not: a
        // reader between two files could not stop another from moving the watermark past the
        // hour it was about to read (measured: most of an hour lost as late, now and then).
        // Everything downstream runs at the job's parallelism. A backfill (batch execution: no
        // watermarks, each key's windows close at the end of its input) reads at the job's
        // parallelism too, and takes from its plan what the one reader would know at each file.
        int readers = backfill == null ? 1 : env.getParallelism();
        DataStream<ArchiveRecord> records =
                env.fromSource(source, watermarks, "GH Archive files")
                        .uid("gh-archive-files")
                        .setParallelism(readers);

        SingleOutputStreamOperator<GhEvent> events =
                records.process(new RouteArchiveRecords(backfill))
                        .uid("parse-and-route")
                        .name("parse and route")
                        .setParallelism(readers);
        events.getSideOutput(RouteArchiveRecords.DEAD_LETTERS)
                .sinkTo(deadLetterSink)
                .uid("dead-letter-sink")
                .name("dead letters");

        SingleOutputStreamOperator<Campaign> campaigns =
                config.campaigns() == null ? null : campaigns(events, config, backfill != null);
        if (campaigns != null) {
            campaigns.sinkTo(campaignSink).uid("campaign-sink").name("campaigns").setParallelism(1);
        }

        SingleOutputStreamOperator<ActorHourFeatures> features =
                actorHourWindows(events, backfill != null, keepsStateInRocksDb(env));
        SingleOutputStreamOperator<ModelFile> models = modelFiles(env);
        DataStream<ActorHourRow> rows = scored(withHistory(features), models);
        rows.sinkTo(featureSink).uid("feature-sink").name("features");
        if (config.alerts()) {
            DataStream<Alert> alerts =
                    events.getSideOutput(RouteArchiveRecords.FILE_REPORTS)
                            .keyBy(WatchInput::key, Types.BYTE)
                            .process(new WatchInput(config.alertRules(), config.follow()))
                            .returns(Types.VOID)
                            .uid("watch-input")
                            .name("watch input")
                            .setParallelism(1)
                            .getSideOutput(AlertOutput.ALERTS);
            if (models != null) { // without a model there is no reference to compare hours with
                SingleOutputStreamOperator<PopulationHour> drift =
                        hourlyDrift(rows, models, config);
                drift.sinkTo(driftSink).uid("drift-sink").name("drift reports");
                alerts =
                        alerts.union(
                                drift.getSideOutput(AlertOutput.ALERTS),
                                models.getSideOutput(AlertOutput.ALERTS));
            }
            if (campaigns != null) {
                alerts = alerts.union(campaigns.getSideOutput(AlertOutput.ALERTS));
            }
            alerts.sinkTo(alertSink).uid("alert-sink").name("alerts");
            alerts.sinkTo(new DeliverAlerts(config.alertLog(), config.alertConfig()))
                    .uid("deliver-alerts")
                    .name("deliver alerts")
                    .setParallelism(1);
        }

        features.getSideOutput(LATE_EVENTS)
                .union(events.getSideOutput(RouteArchiveRecords.LATE_FILE_EVENTS))
                .map(new CountLateEvents())
                .uid("count-late-events")
                .name("count late events")
                .sinkTo(lateEventSink)
                .uid("late-event-sink")
                .name("late events");
    }
}
