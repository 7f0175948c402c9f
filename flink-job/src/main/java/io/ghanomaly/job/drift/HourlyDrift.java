package io.ghanomaly.job.drift;

import io.ghanomaly.core.alert.Alert;
import io.ghanomaly.core.alert.AlertRules;
import io.ghanomaly.core.alert.HourlyAlerts;
import io.ghanomaly.core.alert.PopulationHour;
import io.ghanomaly.core.drift.DriftStatistics;
import io.ghanomaly.core.drift.FeatureDrift;
import io.ghanomaly.core.drift.HourHistogram;
import io.ghanomaly.core.drift.ReferenceDistribution;
import io.ghanomaly.core.feature.Feature;
import io.ghanomaly.core.model.ModelBundle;
import io.ghanomaly.core.model.ModelBundleFile;
import io.ghanomaly.core.model.Severity;
import io.ghanomaly.job.JobCounter;
import io.ghanomaly.job.scoring.ActorHourRow;
import io.ghanomaly.job.scoring.ModelFile;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per population (people, bots), every hour's scored actor-hours: how many, how many anomalous, and
 * each feature's histogram on the serving bundle's reference bins. When the watermark passes the
 * hour, one {@link PopulationHour} (the drift report) leaves on the main output and the alert
 * rules' verdicts on {@link AlertOutput#ALERTS}.
 *
 * <p>Keyed by population, so each hour's histograms are merged in one place: two keys, a few binary
 * searches per actor-hour. The open hours, the rules' memory and the closed hours' mark are keyed
 * state, so a restored job closes each hour once, as the failed one would have.
 *
 * <p>Each row reads and writes its hour's {@link OpenHour} (about 26 histograms of up to 200 bins):
 * a reference on the heap state backend, but a full serialization per row on RocksDB ({@code
 * --state-backend rocksdb}; not measured). The actor-hour windows' remedy fits here too: keep what
 * each row adds in list state, and add it up when the hour closes.
 */
public final class HourlyDrift
        extends KeyedBroadcastProcessFunction<String, ActorHourRow, ModelFile, PopulationHour> {
    private static final long serialVersionUID = 1L;

    /** Usable bundles by version, the newest {@link #KEPT_MODELS}. */
    public static final MapStateDescriptor<String, byte[]> MODELS =
            new MapStateDescriptor<>(
                    "drift-models", Types.STRING, TypeInformation.of(byte[].class));

    /** Rows of an hour may have been scored by the bundle before a swap. */
    static final int KEPT_MODELS = 3;

    /** Logins named as examples in a report and its alerts. */
    static final int EXAMPLES = 5;

    private static final long HOUR = 3_600_000L;

    private static final MapStateDescriptor<Long, OpenHour> OPEN_HOURS =
            new MapStateDescriptor<>("open-hours", Types.LONG, TypeInformation.of(OpenHour.class));
    private static final ValueStateDescriptor<HourlyAlerts> RULES =
            new ValueStateDescriptor<>("alert-rules", TypeInformation.of(HourlyAlerts.class));
    private static final ValueStateDescriptor<Long> LAST_CLOSED =
            new ValueStateDescriptor<>("last-closed-hour", Types.LONG);

    private final AlertRules rules;

    private transient Map<String, ModelBundle> bundles;
    private transient JobCounter hoursReported;
    private transient JobCounter alertsRaised;
    private transient JobCounter rowsAfterClose;
    private transient JobCounter alertsSuppressed;
    private transient Map<String, PopulationHour> lastReports;

    public HourlyDrift(AlertRules rules) {
        this.rules = rules;
    }

    /** The population of a row, and the key of this operator. */
    public static String population(ActorHourRow row) {
        return row.features().value(Feature.IS_BOT) > 0 ? "bots" : "people";
    }

    @Override
    public void open(OpenContext openContext) {
        bundles = new HashMap<>();
        hoursReported = JobCounter.register(getRuntimeContext(), "driftReports");
        alertsRaised = JobCounter.register(getRuntimeContext(), "alertsRaised");
        rowsAfterClose = JobCounter.register(getRuntimeContext(), "driftRowsAfterHourClosed");
        alertsSuppressed = JobCounter.register(getRuntimeContext(), "alertsSuppressed");
        lastReports = new HashMap<>();
    }

    /** Gauges of the population's last closed hour: anomaly rate and share of drifted features. */
    private void gauges(String population, PopulationHour report) {
        if (lastReports.put(population, report) == null) {
            MetricGroup g = getRuntimeContext().getMetricGroup().addGroup("population", population);
            g.gauge("anomalyRate", (Gauge<Double>) () -> lastReports.get(population).anomalyRate());
            g.gauge(
                    "driftedShare",
                    (Gauge<Double>) () -> lastReports.get(population).driftedShare());
        }
    }

    @Override
    public void processElement(ActorHourRow row, ReadOnlyContext ctx, Collector<PopulationHour> out)
            throws Exception {
        long hour = row.features().hourStartMillis();
        Long lastClosed = getRuntimeContext().getState(LAST_CLOSED).value();
        if (lastClosed != null && hour <= lastClosed) {
            rowsAfterClose
                    .inc(); // held for a first model past its hour's close: reported without it
            return;
        }
        MapState<Long, OpenHour> open = getRuntimeContext().getMapState(OPEN_HOURS);
        OpenHour h = open.get(hour);
        if (h == null) {
            h = new OpenHour();
            ctx.timerService().registerEventTimeTimer(hour + HOUR - 1);
        }
        ModelBundle bundle =
                row.modelVersion() == null
                        ? null
                        : bundle(ctx.getBroadcastState(MODELS), row.modelVersion());
        h.add(row, bundle, ctx.getCurrentKey().equals("bots"));
        open.put(hour, h);
    }

    @Override
    public void processBroadcastElement(ModelFile file, Context ctx, Collector<PopulationHour> out)
            throws Exception {
        if (!file.usable()) {
            return;
        }
        BroadcastState<String, byte[]> models = ctx.getBroadcastState(MODELS);
        models.put(file.version(), file.content());
        List<String> versions = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : models.immutableEntries()) {
            versions.add(e.getKey());
        }
        versions.sort(Comparator.reverseOrder());
        for (String old :
                versions.subList(Math.min(KEPT_MODELS, versions.size()), versions.size())) {
            models.remove(old);
            bundles.remove(old);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<PopulationHour> out)
            throws Exception {
        long hour = timestamp + 1 - HOUR;
        MapState<Long, OpenHour> open = getRuntimeContext().getMapState(OPEN_HOURS);
        OpenHour h = open.get(hour);
        if (h == null) {
            return;
        }
        open.remove(hour);
        ValueState<Long> lastClosed = getRuntimeContext().getState(LAST_CLOSED);
        if (lastClosed.value() == null || hour > lastClosed.value()) {
            lastClosed.update(hour);
        }
        String population = ctx.getCurrentKey();
        ModelBundle bundle =
                h.version == null ? null : bundle(ctx.getBroadcastState(MODELS), h.version);
        PopulationHour report = h.report(population, hour, bundle);
        out.collect(report);
        hoursReported.inc();
        ValueState<HourlyAlerts> state = getRuntimeContext().getState(RULES);
        HourlyAlerts alerts =
                state.value() == null ? new HourlyAlerts(rules) : state.value().use(rules);
        long quietBefore = alerts.suppressed();
        for (Alert a : alerts.close(report)) {
            ctx.output(AlertOutput.ALERTS, a);
            alertsRaised.inc();
        }
        for (long i = quietBefore; i < alerts.suppressed(); i++) {
            alertsSuppressed.inc();
        }
        state.update(alerts);
        gauges(population, report);
    }

    /** The bundle of this version, parsed once per task; null when no longer kept. */
    private ModelBundle bundle(ReadOnlyBroadcastState<String, byte[]> models, String version)
            throws Exception {
        ModelBundle b = bundles.get(version);
        if (b == null) {
            byte[] content = models.get(version);
            if (content == null) {
                return null;
            }
            b = ModelBundleFile.read(content, "model " + version);
            bundles.put(version, b);
        }
        return b;
    }

    /**
     * One population's hour so far: counts, and the histograms of the bundle that scored most of it
     * (rows of another version still count, without histograms).
     */
    public static final class OpenHour implements Serializable {
        private static final long serialVersionUID = 1L;

        String version;
        long rows;
        long scored;
        long anomalies;
        long critical;
        HourHistogram[] histograms;
        final List<String> exampleLogins = new ArrayList<>();
        final List<Double> exampleScores = new ArrayList<>();

        void add(ActorHourRow row, ModelBundle bundle, boolean bots) {
            rows++;
            if (row.modelVersion() == null || Double.isNaN(row.score())) {
                return; // unscored, or of a population the bundle does not model
            }
            scored++;
            if (Severity.CRITICAL.columnValue().equals(row.severity())) {
                critical++;
            }
            if (row.anomalous()) {
                anomalies++;
                example(row.features().actorLogin(), row.score());
            }
            if (version == null && bundle != null) {
                version = row.modelVersion();
                histograms = histograms(bundle, bots);
            }
            if (bundle == null || !row.modelVersion().equals(version) || histograms == null) {
                return;
            }
            ModelBundle.Segment segment = bundle.segmentFor(bots);
            List<Feature> features = bundle.featureSet().features();
            for (int i = 0; i < histograms.length; i++) {
                ReferenceDistribution ref = segment.reference().get(i);
                if (histograms[i] != null) {
                    histograms[i].add(ref.bins(), row.features().value(features.get(i)));
                }
            }
        }

        private static HourHistogram[] histograms(ModelBundle bundle, boolean bots) {
            ModelBundle.Segment segment = bundle.segmentFor(bots);
            if (segment == null) {
                return null;
            }
            HourHistogram[] h = new HourHistogram[segment.reference().size()];
            List<Feature> features = bundle.featureSet().features();
            for (int i = 0; i < h.length; i++) {
                ReferenceDistribution ref = segment.reference().get(i);
                boolean judged = ref.bins() != null && !Feature.DERIVED.contains(features.get(i));
                h[i] = judged ? new HourHistogram(ref.bins().size()) : null;
            }
            return h;
        }

        private void example(String login, double score) {
            int at = 0;
            while (at < exampleScores.size() && exampleScores.get(at) >= score) {
                at++;
            }
            if (at < EXAMPLES) {
                exampleScores.add(at, score);
                exampleLogins.add(at, login);
                if (exampleScores.size() > EXAMPLES) {
                    exampleScores.remove(EXAMPLES);
                    exampleLogins.remove(EXAMPLES);
                }
            }
        }

        PopulationHour report(String population, long hour, ModelBundle bundle) {
            List<FeatureDrift> drift = new ArrayList<>();
            ModelBundle.Segment segment =
                    bundle == null ? null : bundle.segmentFor(population.equals("bots"));
            if (segment != null && histograms != null) {
                for (int i = 0; i < histograms.length; i++) {
                    if (histograms[i] != null && histograms[i].total() > 0) {
                        drift.add(
                                DriftStatistics.compare(
                                        segment.reference().get(i), histograms[i], hour));
                    }
                }
            }
            return new PopulationHour(
                    population,
                    hour,
                    version,
                    rows,
                    scored,
                    anomalies,
                    critical,
                    drift,
                    exampleLogins);
        }
    }
}
