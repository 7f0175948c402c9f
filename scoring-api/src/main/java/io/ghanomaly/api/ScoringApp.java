package io.ghanomaly.api;

import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import java.util.Map;

/** Builds the scoring API's Javalin app without starting it, so tests can run it in-process. */
public final class ScoringApp {
    private ScoringApp() {}

    /** The app over this configuration; {@code Javalin#start} is the caller's. */
    public static Javalin create(ApiConfig config) {
        Javalin app =
                Javalin.create(
                        c -> {
                            c.showJavalinBanner = false;
                            c.http.maxRequestSize = config.bodyLimit();
                            c.staticFiles.enableWebjars();
                            c.staticFiles.add("/public", Location.CLASSPATH);
                        });
        app.get("/health", ctx -> ctx.json(Map.of("status", "ok")));
        return app;
    }
}
