package io.ghanomaly.api;

import io.ghanomaly.api.output.OutputQueries;
import io.javalin.Javalin;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The scoring API's command line: parses the options, then serves until stopped. */
@Command(
        name = "scoring-api",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Serves scores, the job's committed actor-hours and the current model over HTTP:"
                    + " /predict, /score, /anomalies, /actors/{login}, /actors/top, /hours,"
                    + " /model, /health, /ready, /metrics, /admin/reload; OpenAPI at"
                    + " /openapi.json, Swagger UI at /swagger.",
            "The admin token comes from the environment: "
                    + ApiConfig.ADMIN_TOKEN_ENV
                    + " (unset: admin endpoints disabled)."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped", "2:a usage error (one line says what to fix)"})
public final class ScoringApi implements Callable<Integer> {
    private static final Pattern DURATION = Pattern.compile("([0-9]+)\\s*(ms|s|min|m|h)");

    @Spec CommandSpec spec;

    @Option(names = "--port", description = "port to listen on; 0: any free port (default: 8080)")
    int port = 8080;

    @Option(names = "--host", description = "address to listen on (default: 127.0.0.1)")
    String host = "127.0.0.1";

    @Option(
            names = "--output",
            required = true,
            paramLabel = "DIR",
            description = "the job's output root: features/, dead-letters/, late-events/")
    Path output;

    @Option(
            names = "--models",
            required = true,
            paramLabel = "DIR",
            description = "directory of model bundles; the newest usable one is served")
    Path models;

    @Option(
            names = "--refresh",
            paramLabel = "D",
            converter = DurationConverter.class,
            description =
                    "how often output and models are scanned again: 500ms, 5s, 1min (default: 5s)")
    Duration refresh = Duration.ofSeconds(5);

    @Option(
            names = "--body-limit",
            paramLabel = "BYTES",
            description = "largest request body (default: 1048576)")
    long bodyLimit = ApiConfig.DEFAULT_BODY_LIMIT;

    @Option(
            names = "--query-memory",
            paramLabel = "SIZE",
            description = "DuckDB's memory limit for queries (default: 512MB)")
    String queryMemory = ApiConfig.DEFAULT_QUERY_MEMORY;

    @Option(
            names = "--query-threads",
            paramLabel = "N",
            description = "DuckDB's worker threads (default: 2)")
    int queryThreads = 2;

    @Option(
            names = "--cache-rows",
            paramLabel = "N",
            description =
                    "rows of query answers kept (about 1 KB each) for the same question over the"
                            + " same committed files; 0: none (default: 20000)")
    int cacheRows = OutputQueries.DEFAULT_CACHE_ROWS;

    @Option(
            names = "--http-threads",
            paramLabel = "N",
            description =
                    "Jetty's request threads (default: 4 per core, at least 8; more only add"
                            + " latency)")
    int httpThreads = ApiConfig.DEFAULT_HTTP_THREADS;

    @Option(
            names = "--access-log",
            description =
                    "log every request; by default only failed (4xx, 5xx) and slow (1 s or more)"
                            + " ones")
    boolean accessLog;

    private final Map<String, String> env;
    private final PrintStream stdout;
    private final CountDownLatch stop;

    ScoringApi(Map<String, String> env, PrintStream stdout, CountDownLatch stop) {
        this.env = env;
        this.stdout = stdout;
        this.stop = stop;
    }

    public static void main(String[] args) {
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "api-stop"));
        int code = execute(args, System.getenv(), System.out, System.err, stop);
        System.exit(code);
    }

    /** Parses, serves until {@code stop}, returns the exit code; usage errors are one line. */
    static int execute(
            String[] args,
            Map<String, String> env,
            PrintStream stdout,
            PrintStream stderr,
            CountDownLatch stop) {
        CommandLine cl = new CommandLine(new ScoringApi(env, stdout, stop));
        cl.setOut(new PrintWriter(stdout, true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(stderr, true, StandardCharsets.UTF_8));
        cl.setParameterExceptionHandler(
                (e, a) -> {
                    e.getCommandLine()
                            .getErr()
                            .println(
                                    "scoring-api: "
                                            + e.getMessage().replaceAll("\\s*\\R\\s*", " ")
                                            + " (see --help)");
                    return CommandLine.ExitCode.USAGE;
                });
        return cl.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        ApiConfig config = config();
        try (ServingState state = ServingState.open(config)) {
            Javalin app = ScoringApp.create(config, state);
            try {
                app.start(config.host(), config.port());
            } catch (RuntimeException e) {
                throw usage(
                        "cannot listen on "
                                + config.host()
                                + ":"
                                + config.port()
                                + " ("
                                + rootCause(e)
                                + "); choose another --host or --port (0: any free port)");
            }
            state.startRefreshing();
            stdout.println(
                    "Scoring API on http://"
                            + config.host()
                            + ":"
                            + app.port()
                            + " (port "
                            + app.port()
                            + "), serving "
                            + state.models()
                                    .current()
                                    .map(b -> "model " + b.version())
                                    .orElse("no model yet")
                            + " and "
                            + state.output().hoursWithRows()
                            + " hours; /swagger for the API");
            stop.await();
            app.stop();
        }
        return 0;
    }

    private ApiConfig config() {
        for (Map.Entry<String, Path> dir :
                Map.of("--output", output, "--models", models).entrySet()) {
            if (!Files.isDirectory(dir.getValue())) {
                throw usage(dir.getKey() + " " + dir.getValue() + " is not a directory");
            }
        }
        try {
            return new ApiConfig(
                    host,
                    port,
                    output,
                    models,
                    refresh,
                    bodyLimit,
                    queryMemory,
                    queryThreads,
                    cacheRows,
                    httpThreads,
                    accessLog,
                    Optional.ofNullable(env.get(ApiConfig.ADMIN_TOKEN_ENV)));
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** 500ms, 5s, 2min (or 2m), 1h. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String text) {
            Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw new CommandLine.TypeConversionException(
                        "'" + text + "' is not a duration: write 500ms, 5s, 2min or 1h");
            }
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofMinutes(n);
            };
        }
    }
}
