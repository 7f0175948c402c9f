package io.ghanomaly.api;

import io.javalin.Javalin;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The scoring API's command line: parses the options and serves until stopped. */
@Command(
        name = "scoring-api",
        mixinStandardHelpOptions = true,
        description =
                "Serves scores, the job's scored actor-hours and the current model over HTTP.")
public final class ScoringApi implements Callable<Integer> {
    @Option(names = "--port", description = "port to listen on; 0: any free port (default: 8080)")
    int port = 8080;

    @Option(names = "--host", description = "address to listen on (default: 127.0.0.1)")
    String host = "127.0.0.1";

    @Option(
            names = "--output",
            required = true,
            description = "the job's output root: features/, dead-letters/, late-events/")
    Path output;

    @Option(names = "--models", required = true, description = "directory of model bundles")
    Path models;

    @Option(
            names = "--refresh",
            description = "how often output and models are scanned again, e.g. 5s (default: 5s)")
    String refresh = "5s";

    @Option(
            names = "--body-limit",
            description = "largest request body in bytes (default: 1048576)")
    long bodyLimit = ApiConfig.DEFAULT_BODY_LIMIT;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ScoringApi()).execute(args));
    }

    @Override
    public Integer call() {
        ApiConfig config =
                new ApiConfig(
                        host,
                        port,
                        output,
                        models,
                        Duration.parse("PT" + refresh),
                        bodyLimit,
                        Optional.ofNullable(System.getenv(ApiConfig.ADMIN_TOKEN_ENV)));
        Javalin app = ScoringApp.create(config).start(config.host(), config.port());
        System.out.println("Scoring API on http://" + config.host() + ":" + app.port());
        return 0;
    }
}
