package io.ghanomaly.api.http;

import io.ghanomaly.api.http.Responses.ActorRows;
import io.ghanomaly.api.http.Responses.ErrorBody;
import io.ghanomaly.api.http.Responses.HourRows;
import io.ghanomaly.api.http.Responses.HourTotals;
import io.ghanomaly.api.http.Responses.Hours;
import io.ghanomaly.api.model.ModelStore;
import io.ghanomaly.api.output.CommittedFile;
import io.ghanomaly.api.output.HourSummary;
import io.ghanomaly.api.output.JobOutput;
import io.ghanomaly.api.output.StoredRow;
import io.ghanomaly.core.model.ModelBundle;
import io.ghanomaly.core.model.Severity;
import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** The job's scored actor-hours: an hour's anomalies and most active actors, an actor, hours. */
public final class OutputHandlers {
    /** The most rows or hours one request returns. */
    public static final int MAX_LIMIT = 1000;

    /** The longest window of {@code /actors/{login}}: 90 days. */
    public static final int MAX_HOURS = 24 * 90;

    private final JobOutput output;
    private final ModelStore models;

    public OutputHandlers(JobOutput output, ModelStore models) {
        this.output = output;
        this.models = models;
    }

    @OpenApi(
            path = "/anomalies",
            methods = HttpMethod.GET,
            tags = "output",
            summary = "An hour's anomalous actor-hours, highest score first",
            description =
                    "Rows the job flagged anomalous (is_anomaly) with a score of at least"
                            + " min_score.",
            queryParams = {
                @OpenApiParam(
                        name = "hour",
                        description = "UTC hour, e.g. 2025-01-01T15; default: the latest hour",
                        example = "2025-01-01T15"),
                @OpenApiParam(
                        name = "limit",
                        type = Integer.class,
                        description = "1-1000, default 50"),
                @OpenApiParam(
                        name = "population",
                        description = "people (is_bot 0), bots (is_bot 1) or everyone (default)"),
                @OpenApiParam(
                        name = "min_score",
                        type = Double.class,
                        description = "0-1, default 0"),
                @OpenApiParam(
                        name = "severity",
                        description =
                                "the lowest tier: anomalous (default), high or critical (a few"
                                        + " dozen actor-hours in a modern hour)")
            },
            responses = {
                @OpenApiResponse(status = "200", content = @OpenApiContent(from = HourRows.class)),
                @OpenApiResponse(status = "400", content = @OpenApiContent(from = ErrorBody.class)),
                @OpenApiResponse(
                        status = "404",
                        description = "no output for that hour (or none yet)",
                        content = @OpenApiContent(from = ErrorBody.class))
            })
    public void anomalies(Context ctx) throws SQLException {
        QueryParams q =
                QueryParams.of(ctx, Set.of("hour", "limit", "population", "min_score", "severity"));
        int limit = q.integer("limit", 50, 1, MAX_LIMIT);
        ModelBundle.Population who =
                q.choice(
                        "population",
                        ModelBundle.Population.class,
                        ModelBundle.Population.EVERYONE);
        double minScore = q.number("min_score", 0, 0, 1);
        Instant hour = hourOrLatest(q);
        Severity atLeast = q.choice("severity", Severity.class, Severity.ANOMALOUS);
        if (atLeast == Severity.NORMAL) {
            throw ApiError.badRequest("severity must be anomalous, high or critical");
        }
        List<StoredRow> rows =
                output.queries().anomalies(filesOf(hour), who, minScore, atLeast, limit);
        JsonBodies.send(ctx, new HourRows(hour.toString(), RowJson.of(rows, models)));
    }

    @OpenApi(
            path = "/actors/top",
            methods = HttpMethod.GET,
            tags = "output",
            summary = "An hour's most active actors, by event_count",
            queryParams = {
                @OpenApiParam(
                        name = "hour",
                        description = "UTC hour, e.g. 2025-01-01T15; default: the latest hour"),
                @OpenApiParam(
                        name = "limit",
                        type = Integer.class,
                        description = "1-1000, default 10")
            },
            responses = {
                @OpenApiResponse(status = "200", content = @OpenApiContent(from = HourRows.class)),
                @OpenApiResponse(status = "400", content = @OpenApiContent(from = ErrorBody.class)),
                @OpenApiResponse(status = "404", content = @OpenApiContent(from = ErrorBody.class))
            })
    public void topActors(Context ctx) throws SQLException {
        QueryParams q = QueryParams.of(ctx, Set.of("hour", "limit"));
        int limit = q.integer("limit", 10, 1, MAX_LIMIT);
        Instant hour = hourOrLatest(q);
        List<StoredRow> rows = output.queries().mostActive(filesOf(hour), limit);
        JsonBodies.send(ctx, new HourRows(hour.toString(), RowJson.of(rows, models)));
    }

    @OpenApi(
            path = "/actors/{login}",
            methods = HttpMethod.GET,
            tags = "output",
            summary = "One actor's actor-hours, newest first",
            description = "The hours up to the latest one present, at most `hours` back.",
            pathParams =
                    @OpenApiParam(name = "login", required = true, description = "exact login"),
            queryParams =
                    @OpenApiParam(
                            name = "hours",
                            type = Integer.class,
                            description =
                                    "how many hours back from the latest, 1-2160, default 48"),
            responses = {
                @OpenApiResponse(status = "200", content = @OpenApiContent(from = ActorRows.class)),
                @OpenApiResponse(status = "400", content = @OpenApiContent(from = ErrorBody.class)),
                @OpenApiResponse(
                        status = "404",
                        description = "no row of that login in those hours",
                        content = @OpenApiContent(from = ErrorBody.class))
            })
    public void actor(Context ctx) throws SQLException {
        QueryParams q = QueryParams.of(ctx, Set.of("hours"));
        int hours = q.integer("hours", 48, 1, MAX_HOURS);
        String login = ctx.pathParam("login");
        if (login.isEmpty() || login.length() > 100) {
            throw ApiError.badRequest("login must be 1 to 100 characters");
        }
        List<StoredRow> rows =
                output.queries()
                        .actor(output.featuresOfLast(Duration.ofHours(hours)), login, hours);
        if (rows.isEmpty()) {
            throw ApiError.notFound(
                    "no actor-hour of '"
                            + FeatureInput.clip(login)
                            + "' in the last "
                            + hours
                            + " hours of output");
        }
        JsonBodies.send(ctx, new ActorRows(login, RowJson.of(rows, models)));
    }

    @OpenApi(
            path = "/hours",
            methods = HttpMethod.GET,
            tags = "output",
            summary = "The newest hours' totals, newest first",
            queryParams =
                    @OpenApiParam(
                            name = "limit",
                            type = Integer.class,
                            description = "1-1000, default 48"),
            responses = {
                @OpenApiResponse(status = "200", content = @OpenApiContent(from = Hours.class)),
                @OpenApiResponse(status = "400", content = @OpenApiContent(from = ErrorBody.class))
            })
    public void hours(Context ctx) {
        QueryParams q = QueryParams.of(ctx, Set.of("limit"));
        int limit = q.integer("limit", 48, 1, MAX_LIMIT);
        List<HourTotals> hours =
                output.newestHours(limit).stream().map(OutputHandlers::totals).toList();
        JsonBodies.send(ctx, new Hours(hours));
    }

    private static HourTotals totals(HourSummary s) {
        return new HourTotals(
                s.hour().toString(),
                s.actors(),
                s.events(),
                s.anomalies(),
                s.anomalyRate(),
                s.modelVersions(),
                s.lateEvents(),
                s.deadLetters());
    }

    private Instant hourOrLatest(QueryParams q) {
        Instant hour = q.hour("hour");
        if (hour != null) {
            return hour;
        }
        return output.latestHour()
                .orElseThrow(() -> ApiError.notFound("the job has committed no hour yet"));
    }

    private List<CommittedFile> filesOf(Instant hour) {
        List<CommittedFile> files = output.featuresOf(hour);
        if (files.isEmpty()) {
            throw ApiError.notFound(
                    "no actor-hours for "
                            + hour
                            + output.latestHour().map(l -> "; the latest hour is " + l).orElse(""));
        }
        return files;
    }
}
