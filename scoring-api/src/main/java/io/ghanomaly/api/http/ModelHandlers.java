package io.ghanomaly.api.http;

import io.ghanomaly.api.http.Responses.ErrorBody;
import io.ghanomaly.api.http.Responses.ModelInfo;
import io.ghanomaly.api.model.ModelStore;
import io.ghanomaly.core.model.ModelBundle;
import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** {@code GET /model}: the bundle being served. */
public final class ModelHandlers {
    private final ModelStore models;

    public ModelHandlers(ModelStore models) {
        this.models = models;
    }

    @OpenApi(
            path = "/model",
            methods = HttpMethod.GET,
            tags = "model",
            summary = "The model being served",
            responses = {
                @OpenApiResponse(status = "200", content = @OpenApiContent(from = ModelInfo.class)),
                @OpenApiResponse(
                        status = "503",
                        description = "no usable bundle yet",
                        content = @OpenApiContent(from = ErrorBody.class))
            })
    public void model(Context ctx) {
        ModelBundle b =
                models.current()
                        .orElseThrow(
                                () ->
                                        new ApiError(
                                                503,
                                                "no model is being served yet: no usable bundle"
                                                        + " in the model directory"));
        JsonBodies.send(ctx, info(b));
    }

    static ModelInfo info(ModelBundle b) {
        Map<String, Double> thresholds = new LinkedHashMap<>();
        Map<String, Long> rows = new LinkedHashMap<>();
        for (ModelBundle.Segment s : b.segments()) {
            thresholds.put(Verdicts.label(s.population()), s.threshold());
            rows.put(Verdicts.label(s.population()), s.trainingRows());
        }
        return new ModelInfo(
                b.version(),
                b.createdAt().toString(),
                b.featureSet().columnNames(),
                b.featureSet().name(),
                Verdicts.label(b.botPolicy()),
                b.contamination(),
                thresholds,
                rows,
                b.trainedFrom().toString(),
                b.trainedTo().toString(),
                new TreeMap<>(b.metrics()));
    }
}
