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
 * @param adminToken the bearer token of the admin endpoints; empty disables them
 */
public record ApiConfig(
        String host,
        int port,
        Path output,
        Path models,
        Duration refresh,
        long bodyLimit,
        Optional<String> adminToken) {
    /** The environment variable that holds the admin token. */
    public static final String ADMIN_TOKEN_ENV = "GH_ANOMALY_ADMIN_TOKEN";

    public static final long DEFAULT_BODY_LIMIT = 1024 * 1024;

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
                Optional.empty());
    }

    public ApiConfig withAdminToken(String token) {
        return new ApiConfig(
                host, port, output, models, refresh, bodyLimit, Optional.ofNullable(token));
    }

    public ApiConfig withRefresh(Duration every) {
        return new ApiConfig(host, port, output, models, every, bodyLimit, adminToken);
    }

    public ApiConfig withBodyLimit(long bytes) {
        return new ApiConfig(host, port, output, models, refresh, bytes, adminToken);
    }
}
