package io.ghanomaly.job.sink;

import io.ghanomaly.core.alert.Alert;
import io.ghanomaly.core.alert.PopulationHour;
import io.ghanomaly.core.alert.ReportColumns;
import io.ghanomaly.core.archive.ArchiveHour;
import io.ghanomaly.core.archive.DeadLetter;
import io.ghanomaly.core.campaign.Campaign;
import io.ghanomaly.core.campaign.CampaignColumns;
import io.ghanomaly.core.drift.FeatureDrift;
import io.ghanomaly.core.event.GhEvent;
import io.ghanomaly.core.feature.ActorHourFeatures;
import io.ghanomaly.core.feature.Feature;
import io.ghanomaly.core.feature.FeatureColumns;
import io.ghanomaly.job.scoring.ActorHourRow;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * The schemas of the job's Parquet outputs and how a row becomes a record of them. The features
 * output's column names come from core, where the trainer reads them too: the key columns from
 * {@link FeatureColumns}, then the feature columns from {@link Feature}, in its order (counts as
 * int64, ratios as double, flags as int32 0/1), then the verdict: model_version, score, is_anomaly
 * (null when not scored) and top_features.
 */
public final class ParquetRows {
    private ParquetRows() {}

    public static final Schema FEATURES = featureSchema();

    public static final Schema DEAD_LETTERS =
            SchemaBuilder.record("DeadLetter")
                    .namespace("io.ghanomaly")
                    .fields()
                    .requiredString("source_file")
                    .requiredLong("line_number")
                    .requiredString("reason")
                    .optionalString("detail")
                    .optionalString("raw_line")
                    .endRecord();

    public static final Schema LATE_EVENTS =
            SchemaBuilder.record("LateEvent")
                    .namespace("io.ghanomaly")
                    .fields()
                    .requiredLong("created_at_ms")
                    .requiredLong("hour_start_ms")
                    .requiredString("type")
                    .requiredLong("actor_id")
                    .requiredString("actor_login")
                    .optionalString("repo_name")
                    .optionalString("action")
                    .optionalString("ref_type")
                    .requiredInt("pushed_commits")
                    .endRecord();

    private static final Schema FEATURE_DRIFT =
            SchemaBuilder.record("FeatureDrift")
                    .namespace("io.ghanomaly")
                    .fields()
                    .requiredString(ReportColumns.FEATURE)
                    .requiredString(ReportColumns.TEST)
                    .requiredDouble(ReportColumns.STATISTIC)
                    .requiredDouble(ReportColumns.THRESHOLD)
                    .requiredBoolean(ReportColumns.DRIFTED)
                    .requiredDouble(ReportColumns.PSI)
                    .requiredDouble(ReportColumns.KS)
                    .requiredDouble(ReportColumns.KS_P_VALUE)
                    .requiredDouble(ReportColumns.REFERENCE_MEAN)
                    .requiredDouble(ReportColumns.CURRENT_MEAN)
                    .requiredDouble(ReportColumns.USUAL)
                    .endRecord();

    /** One drift report per hour and population. */
    public static final Schema DRIFT =
            SchemaBuilder.record("DriftReport")
                    .namespace("io.ghanomaly")
                    .fields()
                    .requiredLong(ReportColumns.HOUR_START_MS)
                    .requiredString(ReportColumns.POPULATION)
                    .optionalString(ReportColumns.MODEL_VERSION)
                    .requiredLong(ReportColumns.ROWS)
                    .requiredLong(ReportColumns.SCORED)
                    .requiredLong(ReportColumns.ANOMALIES)
                    .requiredLong(ReportColumns.CRITICAL)
                    .requiredDouble(ReportColumns.ANOMALY_RATE)
                    .requiredDouble(ReportColumns.DRIFTED_SHARE)
                    .requiredBoolean(ReportColumns.DATASET_DRIFT)
                    .name(ReportColumns.EXAMPLE_ACTORS)
                    .type()
                    .array()
                    .items()
                    .stringType()
                    .noDefault()
                    .name(ReportColumns.FEATURES)
                    .type()
                    .array()
                    .items(FEATURE_DRIFT)
                    .noDefault()
                    .endRecord();

    public static final Schema ALERTS =
            SchemaBuilder.record("Alert")
                    .namespace("io.ghanomaly")
                    .fields()
                    .requiredString(ReportColumns.ID)
                    .requiredString(ReportColumns.RULE)
                    .requiredString(ReportColumns.POPULATION)
                    .requiredLong(ReportColumns.HOUR_START_MS)
                    .requiredString(ReportColumns.SUMMARY)
                    .name(ReportColumns.EVIDENCE)
                    .type()
                    .map()
                    .values()
                    .stringType()
                    .noDefault()
                    .requiredString(ReportColumns.LINK)
                    .endRecord();

    /** A campaign each hour it is found or grows (see {@link Campaign}). */
    public static final Schema CAMPAIGNS =
            SchemaBuilder.record("Campaign")
                    .namespace("io.ghanomaly")
                    .fields()
                    .requiredString(CampaignColumns.ID)
                    .requiredString(CampaignColumns.STATUS)
                    .requiredLong(CampaignColumns.HOUR_START_MS)
                    .requiredLong(CampaignColumns.FIRST_DETECTED_HOUR_MS)
                    .requiredLong(CampaignColumns.FIRST_ACTION_MS)
                    .requiredLong(CampaignColumns.LAST_ACTION_MS)
                    .requiredInt(CampaignColumns.ACCOUNTS)
                    .requiredInt(CampaignColumns.REPOSITORIES)
                    .name(CampaignColumns.MEMBERS)
                    .type()
                    .array()
                    .items()
                    .stringType()
                    .noDefault()
                    .name(CampaignColumns.REPOS)
                    .type()
                    .array()
                    .items()
                    .stringType()
                    .noDefault()
                    .name(CampaignColumns.KINDS)
                    .type()
                    .array()
                    .items()
                    .stringType()
                    .noDefault()
                    .requiredDouble(CampaignColumns.TIGHTNESS)
                    .requiredDouble(CampaignColumns.CONFIDENCE)
                    .requiredDouble(CampaignColumns.SINGLE_PURPOSE_SHARE)
                    .requiredDouble(CampaignColumns.LOW_ACTIVITY_SHARE)
                    .endRecord();

    public static GenericRecord campaign(Campaign c, Schema schema) {
        GenericRecord r = new GenericData.Record(schema);
        r.put(CampaignColumns.ID, c.id());
        r.put(CampaignColumns.STATUS, c.status());
        r.put(CampaignColumns.HOUR_START_MS, c.hourStartMillis());
        r.put(CampaignColumns.FIRST_DETECTED_HOUR_MS, c.firstDetectedHourMillis());
        r.put(CampaignColumns.FIRST_ACTION_MS, c.firstAtMillis());
        r.put(CampaignColumns.LAST_ACTION_MS, c.lastAtMillis());
        r.put(CampaignColumns.ACCOUNTS, c.members().size());
        r.put(CampaignColumns.REPOSITORIES, c.repos().size());
        r.put(CampaignColumns.MEMBERS, c.members());
        r.put(CampaignColumns.REPOS, c.repos());
        r.put(CampaignColumns.KINDS, c.kindNames());
        r.put(CampaignColumns.TIGHTNESS, c.tightness());
        r.put(CampaignColumns.CONFIDENCE, c.confidence());
        r.put(CampaignColumns.SINGLE_PURPOSE_SHARE, c.singlePurposeShare());
        r.put(CampaignColumns.LOW_ACTIVITY_SHARE, c.lowActivityShare());
        return r;
    }

    public static GenericRecord drift(PopulationHour h, Schema schema) {
        GenericRecord r = new GenericData.Record(schema);
        r.put(ReportColumns.HOUR_START_MS, h.hourStartMillis());
        r.put(ReportColumns.POPULATION, h.population());
        r.put(ReportColumns.MODEL_VERSION, h.modelVersion());
        r.put(ReportColumns.ROWS, h.rows());
        r.put(ReportColumns.SCORED, h.scored());
        r.put(ReportColumns.ANOMALIES, h.anomalies());
        r.put(ReportColumns.CRITICAL, h.critical());
        r.put(ReportColumns.ANOMALY_RATE, h.anomalyRate());
        r.put(ReportColumns.DRIFTED_SHARE, h.driftedShare());
        r.put(ReportColumns.DATASET_DRIFT, h.datasetDrift());
        r.put(ReportColumns.EXAMPLE_ACTORS, h.topActors());
        Schema element = schema.getField(ReportColumns.FEATURES).schema().getElementType();
        List<GenericRecord> features = new ArrayList<>();
        for (FeatureDrift f : h.features()) {
            GenericRecord e = new GenericData.Record(element);
            e.put(ReportColumns.FEATURE, f.feature());
            e.put(ReportColumns.TEST, f.test());
            e.put(ReportColumns.STATISTIC, f.statistic());
            e.put(ReportColumns.THRESHOLD, f.threshold());
            e.put(ReportColumns.DRIFTED, f.drifted());
            e.put(ReportColumns.PSI, f.psi());
            e.put(ReportColumns.KS, f.ks());
            e.put(ReportColumns.KS_P_VALUE, f.ksPValue());
            e.put(ReportColumns.REFERENCE_MEAN, f.referenceMean());
            e.put(ReportColumns.CURRENT_MEAN, f.currentMean());
            e.put(ReportColumns.USUAL, f.usual());
            features.add(e);
        }
        r.put(ReportColumns.FEATURES, features);
        return r;
    }

    public static GenericRecord alert(Alert a, Schema schema) {
        GenericRecord r = new GenericData.Record(schema);
        r.put(ReportColumns.ID, a.id());
        r.put(ReportColumns.RULE, a.rule());
        r.put(ReportColumns.POPULATION, a.population());
        r.put(ReportColumns.HOUR_START_MS, a.hourStartMillis());
        r.put(ReportColumns.SUMMARY, a.summary());
        r.put(ReportColumns.EVIDENCE, a.evidence());
        r.put(ReportColumns.LINK, a.link());
        return r;
    }

    private static Schema featureSchema() {
        SchemaBuilder.FieldAssembler<Schema> fields =
                SchemaBuilder.record("ActorHourFeatures")
                        .namespace("io.ghanomaly")
                        .fields()
                        .requiredString(FeatureColumns.ACTOR_LOGIN)
                        .requiredLong(FeatureColumns.ACTOR_ID)
                        .requiredLong(FeatureColumns.HOUR_START_MS)
                        .requiredInt(FeatureColumns.FEATURE_VERSION);
        for (Feature f : Feature.values()) {
            fields =
                    switch (f.kind()) {
                        case COUNT -> fields.requiredLong(f.columnName());
                        case RATIO, RATE -> fields.requiredDouble(f.columnName());
                        case FLAG -> fields.requiredInt(f.columnName());
                    };
        }
        return fields.optionalString(FeatureColumns.MODEL_VERSION)
                .optionalDouble(FeatureColumns.SCORE)
                .optionalBoolean(FeatureColumns.IS_ANOMALY)
                .optionalString(FeatureColumns.SEVERITY)
                .name(FeatureColumns.TOP_FEATURES)
                .type()
                .array()
                .items()
                .stringType()
                .noDefault()
                .endRecord();
    }

    public static GenericRecord features(ActorHourRow scored, Schema schema) {
        ActorHourFeatures row = scored.features();
        GenericRecord r = new GenericData.Record(schema);
        boolean isScored = scored.modelVersion() != null && !Double.isNaN(scored.score());
        r.put(FeatureColumns.MODEL_VERSION, scored.modelVersion());
        r.put(FeatureColumns.SCORE, isScored ? scored.score() : null);
        r.put(FeatureColumns.IS_ANOMALY, isScored ? scored.anomalous() : null);
        r.put(FeatureColumns.SEVERITY, isScored ? scored.severity() : null);
        r.put(
                FeatureColumns.TOP_FEATURES,
                scored.topFeatures().isEmpty()
                        ? List.of()
                        : List.of(scored.topFeatures().split(",")));
        r.put(FeatureColumns.ACTOR_LOGIN, row.actorLogin());
        r.put(FeatureColumns.ACTOR_ID, row.actorId());
        r.put(FeatureColumns.HOUR_START_MS, row.hourStartMillis());
        r.put(FeatureColumns.FEATURE_VERSION, Feature.VERSION);
        for (Feature f : Feature.values()) {
            double v = row.value(f);
            r.put(
                    f.columnName(),
                    switch (f.kind()) {
                        case COUNT -> (Object) Math.round(v);
                        case RATIO, RATE -> v;
                        case FLAG -> (int) v;
                    });
        }
        return r;
    }

    public static GenericRecord deadLetter(DeadLetter d, Schema schema) {
        GenericRecord r = new GenericData.Record(schema);
        r.put("source_file", d.sourceFile());
        r.put("line_number", d.lineNumber());
        r.put("reason", d.reason().label());
        r.put("detail", d.detail());
        r.put("raw_line", d.rawLine());
        return r;
    }

    public static GenericRecord lateEvent(GhEvent e, Schema schema) {
        GenericRecord r = new GenericData.Record(schema);
        r.put("created_at_ms", e.createdAtMillis());
        r.put("hour_start_ms", ArchiveHour.startOf(e.createdAtMillis()));
        r.put("type", e.type());
        r.put("actor_id", e.actorId());
        r.put("actor_login", e.actorLogin());
        r.put("repo_name", e.repoName());
        r.put("action", e.action());
        r.put("ref_type", e.refType());
        r.put("pushed_commits", e.pushedCommits());
        return r;
    }
}
