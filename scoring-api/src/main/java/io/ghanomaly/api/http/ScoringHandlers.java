package io.ghanomaly.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghanomaly.api.http.Responses.ErrorBody;
import io.ghanomaly.api.http.Responses.PredictRequest;
import io.ghanomaly.api.http.Responses.PredictResult;
import io.ghanomaly.api.model.ModelStore;
import io.ghanomaly.core.model.ModelBundle;
import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiRequestBody;
import io.javalin.openapi.OpenApiResponse;
import java.util.ArrayList;
import java.util.List;

/** {@code POST /predict} and {@code POST /score}: the served model's verdict on feature values. */
public final class ScoringHandlers {
    /** The most objects one {@code /score} request may hold. */
    public static final int MAX_BATCH = 1000;

    private final ModelStore models;
    private final long bodyLimit;

    public ScoringHandlers(ModelStore models, long bodyLimit) {
        this.models = models;
        this.bodyLimit = bodyLimit;
    }

    @OpenApi(
            path = "/predict",
            methods = HttpMethod.POST,
            tags = "scoring",
            summary = "Score one feature vector (the reference project's contract)",
            description =
                    "Positions follow the served model's feature order (GET /model: feature_set);"
                            + " a model of the reference feature set takes exactly"
                            + " [event_count, pr_count, issue_open_count, fork_count,"
                            + " repo_diversity], e.g. {\"features\":[12,0,1,0,4]}. Features the"
                            + " model does not read are 0 (so is_bot is 0: people). anomaly_score"
                            + " is threshold - score, as scikit-learn's decision_function:"
                            + " negative is anomalous.",
            requestBody =
                    @OpenApiRequestBody(
                            required = true,
                            content = @OpenApiContent(from = PredictRequest.class)),
            responses = {
                @OpenApiResponse(
                        status = "200",
                        content = @OpenApiContent(from = PredictResult.class)),
                @OpenApiResponse(
                        status = "400",
                        description = "not JSON, wrong length, not a valid value",
                        content = @OpenApiContent(from = ErrorBody.class)),
                @OpenApiResponse(
                        status = "413",
                        description = "body over the limit",
                        content = @OpenApiContent(from = ErrorBody.class)),
                @OpenApiResponse(
                        status = "503",
                        description = "no model yet",
                        content = @OpenApiContent(from = ErrorBody.class))
            })
    public void predict(Context ctx) {
        JsonNode body = JsonBodies.tree(ctx, bodyLimit);
        ModelBundle bundle = requireModel();
        double[] full = FeatureInput.fromVector(body, bundle.featureSet());
        JsonBodies.send(ctx, Verdicts.score(bundle, full, ""));
    }

    @OpenApi(
            path = "/score",
            methods = HttpMethod.POST,
            tags = "scoring",
            summary = "Score actor-hours given by feature name",
            description =
                    "One object of feature values by name ({\"event_count\":12,\"push_count\":3}):"
                            + " missing features are 0, unknown names are refused. An array of"
                            + " such objects (at most 1000) gets an array of results, in order."
                            + " is_bot 1 is scored by the bots' model. anomaly_score is threshold -"
                            + " score: negative is anomalous.",
            requestBody =
                    @OpenApiRequestBody(
                            required = true,
                            description = "an object, or an array of objects",
                            content =
                                    @OpenApiContent(
                                            type = "object",
                                            example = "{\"event_count\":12,\"push_count\":10}")),
            responses = {
                @OpenApiResponse(
                        status = "200",
                        description = "one result, or an array of results for an array",
                        content = @OpenApiContent(from = PredictResult.class)),
                @OpenApiResponse(
                        status = "400",
                        description = "not JSON, unknown feature, not a valid value, too many",
                        content = @OpenApiContent(from = ErrorBody.class)),
                @OpenApiResponse(
                        status = "413",
                        description = "body over the limit",
                        content = @OpenApiContent(from = ErrorBody.class)),
                @OpenApiResponse(
                        status = "422",
                        description = "the model does not score this population",
                        content = @OpenApiContent(from = ErrorBody.class)),
                @OpenApiResponse(
                        status = "503",
                        description = "no model yet",
                        content = @OpenApiContent(from = ErrorBody.class))
            })
    public void score(Context ctx) {
        JsonNode body = JsonBodies.tree(ctx, bodyLimit);
        ModelBundle bundle = requireModel();
        if (!body.isArray()) {
            JsonBodies.send(
                    ctx, Verdicts.score(bundle, FeatureInput.fromObject(body, "the body"), ""));
            return;
        }
        if (body.isEmpty()) {
            throw ApiError.badRequest("the array is empty; send at least one object");
        }
        if (body.size() > MAX_BATCH) {
            throw ApiError.badRequest(
                    "the array has " + body.size() + " objects; send at most " + MAX_BATCH);
        }
        List<double[]> vectors = new ArrayList<>(body.size());
        for (int i = 0; i < body.size(); i++) {
            vectors.add(FeatureInput.fromObject(body.get(i), "[" + i + "]"));
        }
        List<PredictResult> results = new ArrayList<>(vectors.size());
        for (int i = 0; i < vectors.size(); i++) {
            results.add(Verdicts.score(bundle, vectors.get(i), "[" + i + "]: "));
        }
        JsonBodies.send(ctx, results);
    }

    private ModelBundle requireModel() {
        return models.current()
                .orElseThrow(
                        () ->
                                new ApiError(
                                        503,
                                        "no model is being served yet: no usable bundle in the"
                                                + " model directory"));
    }
}
