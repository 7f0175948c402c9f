package io.ghanomaly.api;

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
        Optional<String> adminToken) {
    /** The environment variable that holds the admin token. */
    public static final String ADMIN_TOKEN_ENV = "GH_ANOMALY_ADMIN_TOKEN";

    public static final long DEFAULT_BODY_LIMIT = 1024 * 1024;
    public static final String DEFAULT_QUERY_MEMORY = "512MB";

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
                adminToken);
    }

    public ApiConfig withBodyLimit(long bytes) {
        return new ApiConfig(
                host, port, output, models, refresh, bytes, queryMemory, queryThreads, adminToken);
    }
}
