package io.ghanomaly.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.ghanomaly.api.http.Responses.ErrorBody;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error leaves as {@code {"status":N,"error":"..."}}: 4xx say what the caller should fix, 5xx
 * are ours and are logged with their cause (never a body or a header).
 */
public final class ErrorReplies {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorReplies.class);
    private static final String ANSWERED = "gh-anomaly.error-answered";

    private ErrorReplies() {}

    public static void register(Javalin app) {
        app.exception(ApiError.class, (e, ctx) -> reply(ctx, e.status(), e.getMessage()));
        // Javalin's bodyAsClass gives a 500 on malformed JSON without this (STACK.md).
        app.exception(
                JsonProcessingException.class,
                (e, ctx) ->
                        reply(ctx, 400, "the body is not valid JSON: " + e.getOriginalMessage()));
        app.exception(
                HttpResponseException.class, (e, ctx) -> reply(ctx, e.getStatus(), e.getMessage()));
        app.exception(
                SQLException.class,
                (e, ctx) -> {
                    // The output changed under the query (a file removed by retention) or a disk
                    // error: ours, and worth a retry.
                    LOG.warn(
                            "{} {}: reading the output failed: {}",
                            ctx.method(),
                            ctx.path(),
                            e.getMessage());
                    reply(ctx, 503, "the job's output could not be read just now; try again");
                });
        app.exception(
                IllegalArgumentException.class,
                (e, ctx) -> {
                    // Javalin decodes path and query lazily, with URLDecoder: a bad escape such
                    // as a lone '%' is the client's (found by MalformedRequestsFuzzTest)
                    if (String.valueOf(e.getMessage()).startsWith("URLDecoder")) {
                        reply(ctx, 400, "the URL has a bad percent-escape; encode '%' as %25");
                    } else {
                        internalError(ctx, e);
                    }
                });
        app.exception(Exception.class, (e, ctx) -> internalError(ctx, e));
        for (int status : new int[] {400, 404, 405, 413}) {
            app.error(
                    status,
                    ctx -> {
                        if (ctx.attribute(ANSWERED) == null) {
                            reply(ctx, status, defaultMessage(ctx, status));
                        }
                    });
        }
    }

    private static void internalError(Context ctx, Exception e) {
        LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
        reply(ctx, 500, "internal error; the server log says more");
    }

    static void reply(Context ctx, int status, String message) {
        ctx.attribute(ANSWERED, true);
        JsonBodies.send(ctx.status(status), new ErrorBody(status, message));
    }

    private static String defaultMessage(Context ctx, int status) {
        return switch (status) {
            case 404 ->
                    "no such endpoint: " + FeatureInput.clip(ctx.path()) + "; see /openapi.json";
            case 405 -> ctx.method() + " is not allowed on " + FeatureInput.clip(ctx.path());
            case 413 -> "the body is too large";
            default -> "bad request";
        };
    }
}
