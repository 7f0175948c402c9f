package io.ghanomaly.api.http;

import io.ghanomaly.api.ServingState;
import io.ghanomaly.api.http.Responses.ErrorBody;
import io.ghanomaly.api.http.Responses.Health;
import io.ghanomaly.api.http.Responses.Readiness;
import io.ghanomaly.api.http.Responses.Reloaded;
import io.ghanomaly.core.model.ModelBundle;
import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiResponse;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Liveness, readiness, metrics and the admin reload. */
public final class OpsHandlers {
    private final ServingState state;
    private final AdminAuth admin;
    private final PrometheusMeterRegistry registry;

    public OpsHandlers(
            ServingState state, Optional<String> adminToken, PrometheusMeterRegistry registry) {
        this.state = state;
        this.admin = new AdminAuth(adminToken);
        this.registry = registry;
    }

    @OpenApi(
            path = "/metrics",
            methods = HttpMethod.GET,
            tags = "operations",
            summary = "Prometheus metrics, in its text format",
            description =
                    "Request timers per endpoint and status, JVM memory, gh_anomaly_api_model_loaded,"
                            + " gh_anomaly_api_hours, gh_anomaly_api_models_refused,"
                            + " gh_anomaly_api_query_cache_hits and _misses.",
            responses =
                    @OpenApiResponse(
                            status = "200",
                            content = @OpenApiContent(type = "text/plain", from = String.class)))
    public void metrics(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape());
    }

    @OpenApi(
            path = "/health",
            methods = HttpMethod.GET,
            tags = "operations",
            summary = "The process is up",
            responses =
                    @OpenApiResponse(
                            status = "200",
                            content = @OpenApiContent(from = Health.class)))
    public void health(Context ctx) {
        JsonBodies.send(ctx, new Health("ok"));
    }

    @OpenApi(
            path = "/ready",
            methods = HttpMethod.GET,
            tags = "operations",
            summary = "Ready once a model and at least one hour of output are loaded",
            responses = {
                @OpenApiResponse(status = "200", content = @OpenApiContent(from = Readiness.class)),
                @OpenApiResponse(
                        status = "503",
                        description = "not yet: missing says what",
                        content = @OpenApiContent(from = Readiness.class))
            })
    public void ready(Context ctx) {
        Optional<ModelBundle> model = state.models().current();
        int hours = state.output().hoursWithRows();
        List<String> missing = new ArrayList<>();
        if (model.isEmpty()) {
            missing.add("model: no usable bundle in the model directory");
        }
        if (hours == 0) {
            missing.add("hours: no committed actor-hours under the output's features/");
        }
        JsonBodies.send(
                ctx.status(missing.isEmpty() ? 200 : 503),
                new Readiness(
                        missing.isEmpty(),
                        model.map(ModelBundle::version).orElse(null),
                        hours,
                        missing));
    }

    @OpenApi(
            path = "/admin/reload",
            methods = HttpMethod.POST,
            tags = "operations",
            summary = "Scan the model directory and the output now",
            headers =
                    @OpenApiParam(
                            name = "Authorization",
                            required = true,
                            description = "Bearer <GH_ANOMALY_ADMIN_TOKEN>"),
            responses = {
                @OpenApiResponse(status = "200", content = @OpenApiContent(from = Reloaded.class)),
                @OpenApiResponse(
                        status = "401",
                        description = "no or wrong token",
                        content = @OpenApiContent(from = ErrorBody.class)),
                @OpenApiResponse(
                        status = "403",
                        description = "admin disabled: no GH_ANOMALY_ADMIN_TOKEN",
                        content = @OpenApiContent(from = ErrorBody.class))
            })
    public void reload(Context ctx) throws SQLException {
        admin.require(ctx);
        state.refresh();
        JsonBodies.send(
                ctx,
                new Reloaded(
                        state.models().current().map(ModelBundle::version).orElse(null),
                        state.output().hoursWithRows(),
                        state.models().refusals()));
    }
}
