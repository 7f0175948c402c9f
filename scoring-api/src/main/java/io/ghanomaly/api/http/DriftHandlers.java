package io.ghanomaly.api.http;

import io.ghanomaly.api.http.Responses.AlertJson;
import io.ghanomaly.api.http.Responses.Alerts;
import io.ghanomaly.api.http.Responses.Drift;
import io.ghanomaly.api.http.Responses.DriftReportJson;
import io.ghanomaly.api.http.Responses.ErrorBody;
import io.ghanomaly.api.http.Responses.FeatureDriftJson;
import io.ghanomaly.api.output.CommittedFile;
import io.ghanomaly.api.output.JobOutput;
import io.ghanomaly.core.alert.Alert;
import io.ghanomaly.core.alert.PopulationHour;
import io.ghanomaly.core.drift.FeatureDrift;
import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** What the job's hourly drift operator wrote: drift reports and alerts. */
public final class DriftHandlers {
    private final JobOutput output;

    public DriftHandlers(JobOutput output) {
        this.output = output;
    }

    @OpenApi(
            path = "/drift",
            methods = HttpMethod.GET,
            tags = "output",
            summary = "An hour's drift reports, one per population",
            description =
                    "Each feature of the hour's actor-hours against the serving model's training"
                            + " reference, by Evidently's default test, with PSI and KS. The job"
                            + " writes them only when it scores (--models).",
            queryParams =
                    @OpenApiParam(
                            name = "hour",
                            description = "UTC hour, e.g. 2025-01-01T15; default: the latest"),
            responses = {
                @OpenApiResponse(status = "200", content = @OpenApiContent(from = Drift.class)),
                @OpenApiResponse(status = "400", content = @OpenApiContent(from = ErrorBody.class)),
                @OpenApiResponse(
                        status = "404",
                        description = "no drift report for that hour (or none yet)",
                        content = @OpenApiContent(from = ErrorBody.class))
            })
    public void drift(Context ctx) throws SQLException {
        QueryParams q = QueryParams.of(ctx, Set.of("hour"));
        Instant hour = q.hour("hour");
        if (hour == null) {
            hour =
                    output.latestDriftHour()
                            .orElseThrow(
                                    () ->
                                            ApiError.notFound(
                                                    "the job has written no drift report yet (it"
                                                            + " writes them when it scores with"
                                                            + " --models)"));
        }
        List<CommittedFile> files = output.driftOf(hour);
        if (files.isEmpty()) {
            throw ApiError.notFound("no drift report for " + hour);
        }
        List<DriftReportJson> reports =
                output.queries().drift(files).stream().map(DriftHandlers::json).toList();
        JsonBodies.send(ctx, new Drift(hour.toString(), reports));
    }

    @OpenApi(
            path = "/alerts",
            methods = HttpMethod.GET,
            tags = "output",
            summary = "The alerts the job raised, newest hour first",
            queryParams = {
                @OpenApiParam(
                        name = "since",
                        description =
                                "first UTC hour, e.g. 2025-01-01T00; default: 48 hours before"
                                        + " the latest hour"),
                @OpenApiParam(
                        name = "limit",
                        type = Integer.class,
                        description = "1-1000, default 100")
            },
            responses = {
                @OpenApiResponse(status = "200", content = @OpenApiContent(from = Alerts.class)),
                @OpenApiResponse(status = "400", content = @OpenApiContent(from = ErrorBody.class))
            })
    public void alerts(Context ctx) throws SQLException {
        QueryParams q = QueryParams.of(ctx, Set.of("since", "limit"));
        int limit = q.integer("limit", 100, 1, OutputHandlers.MAX_LIMIT);
        Instant since = q.hour("since");
        if (since == null) {
            since =
                    output.latestHour()
                            .map(h -> h.minus(Duration.ofHours(48)))
                            .orElse(Instant.EPOCH);
        }
        List<AlertJson> alerts =
                output.queries().alerts(output.alertsSince(since), limit).stream()
                        .map(DriftHandlers::json)
                        .toList();
        JsonBodies.send(ctx, new Alerts(since.toString(), alerts));
    }

    private static DriftReportJson json(PopulationHour h) {
        List<FeatureDriftJson> features =
                h.features().stream()
                        .sorted(
                                Comparator.comparing((FeatureDrift f) -> !f.drifted())
                                        .thenComparing(
                                                f ->
                                                        f.test().equals("ks")
                                                                ? f.statistic()
                                                                : -f.statistic()))
                        .map(
                                f ->
                                        new FeatureDriftJson(
                                                f.feature(),
                                                f.test(),
                                                f.statistic(),
                                                f.threshold(),
                                                f.drifted(),
                                                f.psi(),
                                                f.ks(),
                                                f.ksPValue(),
                                                f.referenceMean(),
                                                f.currentMean(),
                                                Double.isNaN(f.usual()) ? null : f.usual()))
                        .toList();
        return new DriftReportJson(
                Instant.ofEpochMilli(h.hourStartMillis()).toString(),
                h.population(),
                h.modelVersion(),
                h.rows(),
                h.scored(),
                h.anomalies(),
                h.critical(),
                h.anomalyRate(),
                h.driftedShare(),
                h.datasetDrift(),
                h.topActors(),
                features);
    }

    private static AlertJson json(Alert a) {
        return new AlertJson(
                a.id(),
                a.rule(),
                a.population(),
                Instant.ofEpochMilli(a.hourStartMillis()).toString(),
                a.summary(),
                a.evidence(),
                a.link());
    }
}
