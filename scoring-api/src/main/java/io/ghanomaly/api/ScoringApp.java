package io.ghanomaly.api;

import io.ghanomaly.api.http.CampaignHandlers;
import io.ghanomaly.api.http.DriftHandlers;
import io.ghanomaly.api.http.ErrorReplies;
import io.ghanomaly.api.http.JsonBodies;
import io.ghanomaly.api.http.ModelHandlers;
import io.ghanomaly.api.http.OpsHandlers;
import io.ghanomaly.api.http.OutputHandlers;
import io.ghanomaly.api.http.QueryLane;
import io.ghanomaly.api.http.ScoringHandlers;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.javalin.micrometer.MicrometerPlugin;
import io.javalin.openapi.plugin.OpenApiPlugin;
import io.javalin.openapi.plugin.swagger.SwaggerPlugin;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the scoring API's Javalin app without starting it, so tests can run it in-process. */
public final class ScoringApp {
    private static final Logger REQUESTS = LoggerFactory.getLogger("io.ghanomaly.api.requests");

    public static final String OPENAPI_PATH = "/openapi.json";
    public static final String SWAGGER_PATH = "/swagger";

    /** Queries of the output that may wait for a free connection before a 503. */
    static final int QUERY_QUEUE = 256;

    /** Requests at least this slow are logged without {@code --access-log}. */
    static final double SLOW_MS = 1000;

    private ScoringApp() {}

    /** The app over this configuration and state; {@code Javalin#start} is the caller's. */
    public static Javalin create(ApiConfig config, ServingState state) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        Gauge.builder(
                        "gh_anomaly_api_model_loaded",
                        state,
                        s -> s.models().current().isPresent() ? 1 : 0)
                .description("1 while a model is being served")
                .register(registry);
        Gauge.builder("gh_anomaly_api_hours", state, s -> s.output().hoursWithRows())
                .description("hours of committed actor-hours being served")
                .register(registry);
        FunctionCounter.builder(
                        "gh_anomaly_api_query_cache_hits",
                        state,
                        s -> s.output().queries().cacheHits())
                .description("row queries answered from the cache")
                .register(registry);
        FunctionCounter.builder(
                        "gh_anomaly_api_query_cache_misses",
                        state,
                        s -> s.output().queries().cacheMisses())
                .description("row queries run on DuckDB")
                .register(registry);
        Gauge.builder("gh_anomaly_api_models_refused", state, s -> s.models().refusals().size())
                .description("bundle files refused as unusable")
                .register(registry);

        QueryLane queries = new QueryLane(ServingState.CONNECTIONS, QUERY_QUEUE);
        Javalin app =
                Javalin.create(
                        c -> {
                            c.showJavalinBanner = false;
                            c.jetty.threadPool =
                                    new QueuedThreadPool(
                                            config.httpThreads(), config.httpThreads());
                            c.events(e -> e.serverStopped(queries::close));
                            c.http.maxRequestSize = config.bodyLimit();
                            c.http.prefer405over404 = true;
                            c.jsonMapper(new JavalinJackson(JsonBodies.MAPPER, false));
                            c.registerPlugin(new MicrometerPlugin(m -> m.registry = registry));
                            c.registerPlugin(
                                    new OpenApiPlugin(
                                            o ->
                                                    o.withDocumentationPath(OPENAPI_PATH)
                                                            .withDefinitionConfiguration(
                                                                    (version, d) ->
                                                                            d.withInfo(
                                                                                    i -> {
                                                                                        i.setTitle(
                                                                                                "gh-anomaly scoring API");
                                                                                        i
                                                                                                .setVersion(
                                                                                                        "1");
                                                                                    }))));
                            c.registerPlugin(
                                    new SwaggerPlugin(
                                            s -> {
                                                s.setUiPath(SWAGGER_PATH);
                                                s.setDocumentationPath(OPENAPI_PATH);
                                            }));
                            // A line per request costs a formatted date and a lock on stdout:
                            // at 40,000 requests/s, the tail of every request's latency.
                            c.requestLogger.http(
                                    (ctx, ms) -> {
                                        if (config.accessLog()
                                                || ctx.statusCode() >= 400
                                                || ms >= SLOW_MS) {
                                            REQUESTS.info(
                                                    "{} {} {} {} ms",
                                                    ctx.method(),
                                                    clip(ctx.path()),
                                                    ctx.statusCode(),
                                                    Math.round(ms));
                                        }
                                    });
                            c.staticFiles.enableWebjars();
                            c.staticFiles.add("/public", Location.CLASSPATH);
                        });
        ErrorReplies.register(app);

        ScoringHandlers scoring = new ScoringHandlers(state.models(), config.bodyLimit());
        OutputHandlers output = new OutputHandlers(state.output(), state.models());
        ModelHandlers model = new ModelHandlers(state.models());
        DriftHandlers drift = new DriftHandlers(state.output());
        OpsHandlers ops = new OpsHandlers(state, config.adminToken(), registry);
        CampaignHandlers campaigns = new CampaignHandlers(state.output());
        app.post("/predict", scoring::predict);
        app.post("/score", scoring::score);
        app.get("/anomalies", queries.of(output::anomalies));
        app.get("/actors/top", queries.of(output::topActors)); // before /actors/{login}
        app.get("/actors/{login}", queries.of(output::actor));
        app.get("/actors/{login}/campaigns", campaigns::ofActor);
        app.get("/campaigns", campaigns::campaigns);
        app.get("/campaigns/{id}", campaigns::campaign);
        app.get("/repos/{owner}/{name}/campaigns", campaigns::ofRepo);
        app.get("/hours", output::hours);
        app.get("/drift", queries.of(drift::drift));
        app.get("/alerts", queries.of(drift::alerts));
        app.get("/model", model::model);
        app.get("/health", ops::health);
        app.get("/ready", ops::ready);
        app.post("/admin/reload", ops::reload);
        app.get("/metrics", ops::metrics);
        return app;
    }

    /** Paths are logged at most 200 characters long. */
    private static String clip(String path) {
        return path.length() <= 200 ? path : path.substring(0, 200) + "...";
    }
}
