package io.ghanomaly.api;

import io.ghanomaly.api.output.OutputQueries;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How the scoring API runs, parsed once from the command line (and the admin token from the
 * environment).
 *
 * @param host the address to listen on
 * @param port the port; 0 picks any free one
 * @param output the job's output root (features/, dead-letters/, late-events/)
 * @param models the directory of model bundles
 * @param refresh how often the output and the models are scanned again
 * @param bodyLimit the largest request body accepted, in bytes
 * @param queryMemory DuckDB's memory limit, e.g. {@code 512MB}
 * @param queryThreads DuckDB's worker threads
 * @param cacheRows rows of query answers kept for the same question over the same files
 * @param httpThreads Jetty's request threads
 * @param accessLog one log line for every request, not only for failed and slow ones
 * @param adminToken the bearer token of the admin endpoints; empty disables them
 */
public record ApiConfig(
        String host,
        int port,
        Path output,
        Path models,
        Duration refresh,
        long bodyLimit,
        String queryMemory,
        int queryThreads,
        int cacheRows,
        int httpThreads,
        boolean accessLog,
        Optional<String> adminToken) {
    /** The environment variable that holds the admin token. */
    public static final String ADMIN_TOKEN_ENV = "GH_ANOMALY_ADMIN_TOKEN";

    public static final long DEFAULT_BODY_LIMIT = 1024 * 1024;
    public static final String DEFAULT_QUERY_MEMORY = "512MB";

    /**
     * Four per core, at least 8. Scoring needs a core, not a thread, per request; on 2 cores, 8
     * threads served {@code /predict} at 46,670 requests/s with a p99 of 5.3 ms where Javalin's 250
     * gave 29,068 and 10.3 ms: more runnable threads than cores only queue in the scheduler.
     * Queries of the output run on their own threads ({@code QueryLane}).
     */
    public static final int DEFAULT_HTTP_THREADS =
            Math.max(8, 4 * Runtime.getRuntime().availableProcessors());

    /** Fewer threads and Jetty's acceptor, selector and reserved threads leave none to answer. */
    public static final int MIN_HTTP_THREADS = 6;

    public ApiConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--port " + port + " is not in 0-65535");
        }
        if (refresh.isNegative() || refresh.isZero()) {
            throw new IllegalArgumentException("--refresh must be positive, not " + refresh);
        }
        if (bodyLimit < 1) {
            throw new IllegalArgumentException("--body-limit must be at least 1 byte");
        }
        if (!queryMemory.matches("[0-9]+(\\.[0-9]+)?\\s*[KMGT]i?B")) {
            throw new IllegalArgumentException(
                    "--query-memory " + queryMemory + " is not a size such as 512MB or 2GB");
        }
        if (queryThreads < 1) {
            throw new IllegalArgumentException("--query-threads must be at least 1");
        }
        if (cacheRows < 0) {
            throw new IllegalArgumentException("--cache-rows must be 0 (off) or more");
        }
        if (httpThreads < MIN_HTTP_THREADS) {
            throw new IllegalArgumentException(
                    "--http-threads must be at least " + MIN_HTTP_THREADS + ", not " + httpThreads);
        }
        adminToken = adminToken.filter(t -> !t.isBlank());
    }

    /** Defaults for everything but the two directories: for tests and embedding. */
    public static ApiConfig of(Path output, Path models) {
        return new ApiConfig(
                "127.0.0.1",
                0,
                output,
                models,
                Duration.ofSeconds(5),
                DEFAULT_BODY_LIMIT,
                DEFAULT_QUERY_MEMORY,
                2,
                OutputQueries.DEFAULT_CACHE_ROWS,
                DEFAULT_HTTP_THREADS,
                false,
                Optional.empty());
    }

    public ApiConfig withAdminToken(String token) {
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
                Optional.ofNullable(token));
    }

    public ApiConfig withRefresh(Duration every) {
        return new ApiConfig(
                host,
                port,
                output,
                models,
                every,
                bodyLimit,
                queryMemory,
                queryThreads,
                cacheRows,
                httpThreads,
                accessLog,
                adminToken);
    }

    public ApiConfig withBodyLimit(long bytes) {
        return new ApiConfig(
                host,
                port,
                output,
                models,
                refresh,
                bytes,
                queryMemory,
                queryThreads,
                cacheRows,
                httpThreads,
                accessLog,
                adminToken);
    }
}
