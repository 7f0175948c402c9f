package io.ghanomaly.trainer.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A small client for the MLflow tracking server's REST API 2.0 that never waits on MLflow longer
 * than its timeouts and retries allow.
 */
public final class MlflowClient {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    // MLflow's own limits for one runs/log-batch request and for a param value.
    static final int MAX_PARAMS_PER_BATCH = 100;
    static final int MAX_METRICS_PER_BATCH = 1000;
    static final int MAX_ENTRIES_PER_BATCH = 1000;
    static final int MAX_PARAM_VALUE_LENGTH = 6000;

    /** Waits before the second and third attempt: a restart or a brief overload passes in that. */
    private static final List<Duration> BACKOFFS =
            List.of(Duration.ofMillis(200), Duration.ofMillis(800));

    private static final String API = "/api/2.0/mlflow/";
    private static final String ARTIFACTS_API = "/api/2.0/mlflow-artifacts/artifacts/";
    private static final String PROXIED_SCHEME = "mlflow-artifacts";

    /** A run as MLflow created it: its id and where its artifacts go. */
    public record RunInfo(String runId, String artifactUri) {}

    /** MLflow could not be reached, timed out, or refused a request. */
    public static final class MlflowException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int statusCode;
        private final String errorCode;

        MlflowException(String message, int statusCode, String errorCode, Throwable cause) {
            super(message, cause);
            this.statusCode = statusCode;
            this.errorCode = errorCode;
        }

        /** The HTTP status MLflow answered, or 0 when there was no answer. */
        public int statusCode() {
            return statusCode;
        }

        /** MLflow's {@code error_code}, e.g. {@code RESOURCE_DOES_NOT_EXIST}, or null. */
        public String errorCode() {
            return errorCode;
        }
    }

    private final String baseUrl;
    private final Duration timeout;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    public MlflowClient(URI trackingUri) {
        this(trackingUri, DEFAULT_TIMEOUT);
    }

    /**
     * @param trackingUri the tracking server, e.g. {@code http://mlflow:5000}; may have a path
     * @param timeout for connecting and, separately, for each request's answer
     */
    public MlflowClient(URI trackingUri, Duration timeout) {
        String scheme = Objects.requireNonNull(trackingUri, "trackingUri").getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("not an http(s) tracking URI: " + trackingUri);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        this.baseUrl = trackingUri.toString().replaceAll("/+$", "");
        this.timeout = timeout;
        // HTTP/1.1: the default HTTP/2 upgrade attempt on plain http confuses some proxies.
        this.http =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(timeout)
                        .build();
    }

    /** The id of the experiment with this name, creating it when there is none. */
    public String getOrCreateExperiment(String name) {
        String existing = experimentIdByName(name);
        if (existing != null) {
            return existing;
        }
        try {
            return text(post("experiments/create", Map.of("name", name)), "experiment_id");
        } catch (MlflowException e) {
            // Another trainer may have created it between the two calls.
            if (!"RESOURCE_ALREADY_EXISTS".equals(e.errorCode())) {
                throw e;
            }
            String created = experimentIdByName(name);
            if (created == null) {
                throw e;
            }
            return created;
        }
    }

    private String experimentIdByName(String name) {
        try {
            String query = "?experiment_name=" + URLEncoder.encode(name, StandardCharsets.UTF_8);
            URI uri = URI.create(baseUrl + API + "experiments/get-by-name" + query);
            JsonNode answer = send("GET experiments/get-by-name", HttpRequest.newBuilder(uri));
            return text(answer.path("experiment"), "experiment_id");
        } catch (MlflowException e) {
            if (e.statusCode() == 404 || "RESOURCE_DOES_NOT_EXIST".equals(e.errorCode())) {
                return null;
            }
            throw e;
        }
    }

    public RunInfo createRun(
            String experimentId, String runName, long startTimeMs, Map<String, String> tags) {
        Map<String, Object> body =
                Map.of(
                        "experiment_id", experimentId,
                        "run_name", runName,
                        "start_time", startTimeMs,
                        "tags", keyValues(List.copyOf(tags.entrySet())));
        JsonNode info = post("runs/create", body).path("run").path("info");
        return new RunInfo(text(info, "run_id"), text(info, "artifact_uri"));
    }

    /**
     * Logs params and metrics in as many requests as MLflow's batch limits need; param values
     * longer than MLflow accepts are truncated rather than refused.
     */
    public void logBatch(
            String runId,
            Map<String, String> params,
            Map<String, Double> metrics,
            long timestampMs) {
        List<Map.Entry<String, String>> paramList =
                params.entrySet().stream()
                        .map(e -> Map.entry(e.getKey(), truncated(e.getKey(), e.getValue())))
                        .toList();
        List<Map.Entry<String, Double>> metricList = List.copyOf(metrics.entrySet());
        int p = 0;
        int m = 0;
        while (p < paramList.size() || m < metricList.size()) {
            int paramCount = Math.min(MAX_PARAMS_PER_BATCH, paramList.size() - p);
            int metricCount =
                    Math.min(
                            Math.min(MAX_METRICS_PER_BATCH, MAX_ENTRIES_PER_BATCH - paramCount),
                            metricList.size() - m);
            // A NaN or infinite value goes out as "NaN" or "Infinity", as protobuf's JSON has it.
            List<Map<String, Object>> metricBodies =
                    metricList.subList(m, m + metricCount).stream()
                            .map(e -> metric(e.getKey(), e.getValue(), timestampMs))
                            .toList();
            Map<String, Object> body =
                    Map.of(
                            "run_id", runId,
                            "params", keyValues(paramList.subList(p, p + paramCount)),
                            "metrics", metricBodies);
            post("runs/log-batch", body);
            p += paramCount;
            m += metricCount;
        }
    }

    /**
     * Uploads one artifact through the tracking server's artifact proxy.
     *
     * @throws UnsupportedOperationException if the run's artifacts are not proxied by the server
     */
    public void uploadArtifact(
            String runId,
            String artifactUri,
            String relativePath,
            byte[] content,
            String contentType) {
        String root = proxiedArtifactPath(artifactUri);
        if (relativePath.isEmpty()
                || relativePath.startsWith("/")
                || relativePath.contains("\\")
                || List.of(relativePath.split("/", -1)).contains("..")) {
            throw new IllegalArgumentException("not a relative artifact path: " + relativePath);
        }
        StringBuilder url = new StringBuilder(baseUrl).append(ARTIFACTS_API);
        for (String segment : (root + "/" + relativePath).split("/", -1)) {
            if (!segment.isEmpty()) {
                url.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"))
                        .append('/');
            }
        }
        url.setLength(url.length() - 1);
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(url.toString()))
                        .header("Content-Type", contentType)
                        .PUT(BodyPublishers.ofByteArray(content));
        send("PUT artifact " + relativePath + " of run " + runId, request);
    }

    /** The artifact path below the proxy's root, from {@code mlflow-artifacts:[//host]/path}. */
    static String proxiedArtifactPath(String artifactUri) {
        URI uri = null;
        try {
            uri = URI.create(artifactUri);
        } catch (IllegalArgumentException e) {
            // Reported below like any other unsupported location.
        }
        if (uri == null
                || !PROXIED_SCHEME.equalsIgnoreCase(uri.getScheme())
                || uri.getPath() == null) {
            throw new UnsupportedOperationException(
                    "the run's artifact URI "
                            + artifactUri
                            + " is not served by the tracking server: only proxied artifact"
                            + " storage (mlflow-artifacts:/...) is supported; start MLflow with"
                            + " --serve-artifacts and an --artifacts-destination");
        }
        return uri.getPath().replaceAll("^/+|/+$", "");
    }

    public void updateRun(String runId, String status, long endTimeMs) {
        post("runs/update", Map.of("run_id", runId, "status", status, "end_time", endTimeMs));
    }

    /** Creates the registered model if need be and a new version of it; returns its number. */
    public String registerModelVersion(String modelName, String sourceUri, String runId) {
        try {
            post("registered-models/create", Map.of("name", modelName));
        } catch (MlflowException e) {
            if (!"RESOURCE_ALREADY_EXISTS".equals(e.errorCode())) {
                throw e;
            }
        }
        Map<String, String> body = Map.of("name", modelName, "source", sourceUri, "run_id", runId);
        return text(post("model-versions/create", body).path("model_version"), "version");
    }

    public void setAlias(String modelName, String alias, String version) {
        post(
                "registered-models/alias",
                Map.of("name", modelName, "alias", alias, "version", version));
    }

    private static List<Map<String, String>> keyValues(List<Map.Entry<String, String>> entries) {
        return entries.stream().map(e -> Map.of("key", e.getKey(), "value", e.getValue())).toList();
    }

    private static String truncated(String key, String value) {
        Objects.requireNonNull(value, () -> "param " + key + " is null");
        return value.length() > MAX_PARAM_VALUE_LENGTH
                ? value.substring(0, MAX_PARAM_VALUE_LENGTH)
                : value;
    }

    private static Map<String, Object> metric(String key, Double value, long timestampMs) {
        Objects.requireNonNull(value, () -> "metric " + key + " is null");
        return Map.of("key", key, "value", value, "timestamp", timestampMs, "step", 0L);
    }

    private JsonNode post(String endpoint, Map<String, ?> body) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(baseUrl + API + endpoint))
                        .header("Content-Type", "application/json")
                        .POST(BodyPublishers.ofByteArray(bytes));
        return send("POST " + endpoint, request);
    }

    /**
     * Sends a request, retrying only what may pass: no answer, a timeout, 429 and 5xx. A retried
     * create may be applied twice when only its answer was lost; a stray run costs less than a lost
     * record.
     */
    private JsonNode send(String what, HttpRequest.Builder builder) {
        HttpRequest request = builder.timeout(timeout).build();
        MlflowException last = null;
        for (int attempt = 0; attempt <= BACKOFFS.size(); attempt++) {
            if (attempt > 0) {
                pause(BACKOFFS.get(attempt - 1), what);
            }
            HttpResponse<byte[]> response;
            try {
                response = http.send(request, BodyHandlers.ofByteArray());
            } catch (IOException e) {
                last = new MlflowException("MLflow " + what + " failed: " + e, 0, null, e);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MlflowException("MLflow " + what + " was interrupted", 0, null, e);
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return parse(what, response.body());
            }
            MlflowException error = errorOf(what, status, response.body());
            if (status != 429 && status < 500) {
                throw error;
            }
            last = error;
        }
        throw new MlflowException(
                last.getMessage() + " (gave up after " + (BACKOFFS.size() + 1) + " attempts)",
                last.statusCode(),
                last.errorCode(),
                last.getCause());
    }

    private JsonNode parse(String what, byte[] body) {
        if (body.length == 0) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new MlflowException(
                    "MLflow " + what + " answered something not JSON", 200, null, e);
        }
    }

    private MlflowException errorOf(String what, int status, byte[] body) {
        String errorCode = null;
        String message = new String(body, StandardCharsets.UTF_8);
        try {
            JsonNode answer = json.readTree(body);
            if (answer != null && answer.hasNonNull("error_code")) {
                errorCode = answer.get("error_code").asText();
                message = errorCode + ": " + answer.path("message").asText();
            }
        } catch (IOException e) {
            // Not MLflow's JSON error (a proxy's HTML page, say): its text is shown instead.
        }
        if (message.length() > 500) {
            message = message.substring(0, 500) + "...";
        }
        return new MlflowException(
                "MLflow " + what + " answered " + status + " " + message, status, errorCode, null);
    }

    private static void pause(Duration duration, String what) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MlflowException("MLflow " + what + " was interrupted", 0, null, e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isValueNode() || value.asText().isEmpty()) {
            throw new MlflowException(
                    "MLflow's answer has no " + field + ": " + node, 200, null, null);
        }
        return value.asText();
    }
}
