package io.ghanomaly.trainer.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback stand-in for an MLflow tracking server with artifact proxying that keeps what it is
 * told and records every request MLflow's REST API would refuse as a protocol violation.
 */
final class FakeMlflowServer implements AutoCloseable {
    static final String API = "/api/2.0/mlflow/";
    static final String ARTIFACTS = "/api/2.0/mlflow-artifacts/artifacts/";

    /** Each endpoint's body fields as {@code name:type}, a trailing {@code !} if required. */
    private static final Map<String, String> BODIES =
            Map.of(
                    "POST experiments/create", "name:string! artifact_location:string tags:tags",
                    "POST runs/create",
                            "experiment_id:string! user_id:string run_name:string"
                                    + " start_time:int64 tags:tags",
                    "POST runs/log-batch", "run_id:string! metrics:metrics params:params tags:tags",
                    "POST runs/update",
                            "run_id:string! run_uuid:string status:status end_time:int64"
                                    + " run_name:string",
                    "POST registered-models/create", "name:string! tags:tags description:string",
                    "POST model-versions/create",
                            "name:string! source:string! run_id:string tags:tags"
                                    + " run_link:string description:string",
                    "POST registered-models/alias", "name:string! alias:string! version:string!");

    private static final Set<String> STATUSES =
            Set.of("RUNNING", "SCHEDULED", "FINISHED", "FAILED", "KILLED");
    // Protobuf's JSON spelling of the doubles that JSON has no number for.
    private static final Set<String> NON_FINITE = Set.of("NaN", "Infinity", "-Infinity");
    private static final Set<String> METRIC_FIELDS = Set.of("key", "value", "timestamp", "step");

    /** A run and what was logged to it; replaced when it ends. */
    record Run(
            String experimentId,
            String name,
            long startTime,
            Map<String, String> params,
            Map<String, Double> metrics,
            String status,
            long endTime) {
        static Run started(String experimentId, String name, long startTime) {
            return new Run(
                    experimentId,
                    name,
                    startTime,
                    new LinkedHashMap<>(),
                    new LinkedHashMap<>(),
                    "RUNNING",
                    0);
        }

        Run ended(String status, long endTime) {
            return new Run(experimentId, name, startTime, params, metrics, status, endTime);
        }
    }

    @SuppressWarnings("ArrayRecordComponent") // compared by content in the tests
    record StoredArtifact(byte[] content, String contentType) {}

    record ModelVersion(String version, String source, String runId) {}

    private record Answer(int status, Object body) {}

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<String> requests = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private final Map<String, String> experiments = new LinkedHashMap<>(Map.of("Default", "0"));
    private final Map<String, Run> runs = new LinkedHashMap<>();
    private final Map<String, StoredArtifact> artifacts = new LinkedHashMap<>();
    private final Map<String, List<ModelVersion>> models = new LinkedHashMap<>();
    private final Map<String, String> aliases = new LinkedHashMap<>();
    private final Map<String, Answer> failingPaths = new LinkedHashMap<>();
    private String artifactRoot = "mlflow-artifacts:/";
    private int failNext;
    private int failNextStatus;
    private Duration delay = Duration.ZERO;

    FakeMlflowServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        // Several threads, so that a delayed answer does not hold up the next request.
        server.setExecutor(executor);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    synchronized long count(String method, String endpoint) {
        return requests.stream().filter((method + " " + API + endpoint)::equals).count();
    }

    /** The requests MLflow would have refused since the last call, which forgets them. */
    synchronized List<String> takeViolations() {
        List<String> taken = List.copyOf(violations);
        violations.clear();
        return taken;
    }

    synchronized Map<String, String> experiments() {
        return Map.copyOf(experiments);
    }

    synchronized List<String> runIds() {
        return List.copyOf(runs.keySet());
    }

    synchronized Run run(String runId) {
        return runs.get(runId);
    }

    synchronized StoredArtifact artifact(String path) {
        return artifacts.get(path);
    }

    synchronized List<ModelVersion> versions(String model) {
        return List.copyOf(models.getOrDefault(model, List.of()));
    }

    synchronized String alias(String model, String alias) {
        return aliases.get(model + "@" + alias);
    }

    /** Where new runs' artifacts go, e.g. {@code s3://bucket/} for a server without a proxy. */
    synchronized void artifactRoot(String root) {
        artifactRoot = root;
    }

    /** Answers the next {@code count} requests, whatever they are, with {@code status}. */
    synchronized void failNext(int count, int status) {
        failNext = count;
        failNextStatus = status;
    }

    /** Answers every request to {@code path} with {@code status} and MLflow's error body. */
    synchronized void fail(String path, int status, String errorCode, String message) {
        failingPaths.put(path, error(status, errorCode, message));
    }

    /** Waits this long before answering each request. */
    synchronized void delay(Duration duration) {
        delay = duration;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow(); // interrupts the answers still being delayed
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            Answer answer;
            Duration wait;
            synchronized (this) {
                requests.add(method + " " + path);
                answer = failingPaths.get(path);
                if (answer == null && failNext > 0) {
                    failNext--;
                    answer = error(failNextStatus, "TEMPORARILY_UNAVAILABLE", "down");
                }
                wait = delay;
            }
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                return; // closing: the client sees the connection drop
            }
            if (answer == null) {
                String query = exchange.getRequestURI().getRawQuery();
                String type = exchange.getRequestHeaders().getFirst("Content-Type");
                synchronized (this) {
                    answer = answer(method, path, query, type, body);
                }
            }
            byte[] bytes = json.writeValueAsBytes(answer.body());
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private Answer answer(String method, String path, String query, String type, byte[] body) {
        if (path.startsWith(ARTIFACTS) && method.equals("PUT")) {
            String artifactPath = path.substring(ARTIFACTS.length());
            if (!artifactPath.matches("[^/]+/[0-9a-f]{32}/artifacts/.+")) {
                return violation("PUT of an artifact outside a run's root: " + artifactPath);
            }
            artifacts.put(artifactPath, new StoredArtifact(body, type));
            return new Answer(200, Map.of());
        }
        String endpoint = method + " " + path.substring(path.startsWith(API) ? API.length() : 0);
        if (endpoint.equals("GET experiments/get-by-name")) {
            if (query == null || !query.matches("experiment_name=[^&]+") || body.length > 0) {
                return violation("get-by-name takes experiment_name alone, got " + query);
            }
            String name = URLDecoder.decode(query.substring(16), StandardCharsets.UTF_8);
            String id = experiments.get(name);
            return id == null
                    ? error(404, "RESOURCE_DOES_NOT_EXIST", "no experiment " + name)
                    : ok("experiment", Map.of("experiment_id", id, "name", name));
        }
        if (!BODIES.containsKey(endpoint)) {
            return violation("no such endpoint: " + method + " " + path);
        }
        if (type == null || !type.startsWith("application/json")) {
            return violation(endpoint + " needs Content-Type application/json, got " + type);
        }
        try {
            JsonNode request = json.readTree(body);
            String problem = problem(request, BODIES.get(endpoint));
            return problem != null
                    ? violation(endpoint + ": " + problem)
                    : apply(endpoint, request);
        } catch (IOException e) {
            return violation(endpoint + " body is not JSON: " + e.getMessage());
        }
    }

    private Answer apply(String endpoint, JsonNode request) {
        String name = request.path("name").asText();
        String runId = request.path("run_id").asText();
        Run run = runs.get(runId);
        switch (endpoint) {
            case "POST experiments/create" -> {
                if (experiments.containsKey(name)) {
                    return error(400, "RESOURCE_ALREADY_EXISTS", name + " exists");
                }
                experiments.put(name, Integer.toString(experiments.size()));
                return new Answer(200, Map.of("experiment_id", experiments.get(name)));
            }
            case "POST runs/create" -> {
                String experimentId = request.get("experiment_id").asText();
                if (!experiments.containsValue(experimentId)) {
                    return error(404, "RESOURCE_DOES_NOT_EXIST", "no experiment " + experimentId);
                }
                String id = UUID.randomUUID().toString().replace("-", "");
                String runName = request.path("run_name").asText();
                runs.put(
                        id,
                        Run.started(experimentId, runName, request.path("start_time").asLong()));
                String artifactUri = artifactRoot + experimentId + "/" + id + "/artifacts";
                return ok("run", Map.of("info", Map.of("run_id", id, "artifact_uri", artifactUri)));
            }
            case "POST runs/log-batch" -> {
                if (run == null) {
                    return error(404, "RESOURCE_DOES_NOT_EXIST", "no run " + runId);
                }
                for (JsonNode param : request.path("params")) {
                    String key = param.get("key").asText();
                    String value = param.get("value").asText();
                    if (!run.params().getOrDefault(key, value).equals(value)) {
                        // MLflow refuses to change a param; a client that tries is wrong.
                        return violation("param " + key + " changed from " + run.params().get(key));
                    }
                    run.params().put(key, value);
                }
                for (JsonNode metric : request.path("metrics")) {
                    run.metrics().put(metric.get("key").asText(), metric.get("value").asDouble());
                }
                return new Answer(200, Map.of());
            }
            case "POST runs/update" -> {
                if (run == null) {
                    return error(404, "RESOURCE_DOES_NOT_EXIST", "no run " + runId);
                }
                String status = request.path("status").asText(run.status());
                long end = request.path("end_time").asLong(run.endTime());
                runs.put(runId, run.ended(status, end));
                return ok("run_info", Map.of("run_id", runId, "status", status));
            }
            case "POST registered-models/create" -> {
                if (models.putIfAbsent(name, new ArrayList<>()) != null) {
                    return error(400, "RESOURCE_ALREADY_EXISTS", name + " exists");
                }
                return ok("registered_model", Map.of("name", name));
            }
            case "POST model-versions/create" -> {
                List<ModelVersion> versions = models.get(name);
                if (versions == null) {
                    return error(404, "RESOURCE_DOES_NOT_EXIST", "no registered model " + name);
                }
                String version = Integer.toString(versions.size() + 1);
                versions.add(
                        new ModelVersion(
                                version,
                                request.get("source").asText(),
                                request.path("run_id").asText(null)));
                return ok("model_version", Map.of("name", name, "version", version));
            }
            default -> { // registered-models/alias
                String version = request.get("version").asText();
                if (models.getOrDefault(name, List.of()).stream()
                        .noneMatch(v -> v.version().equals(version))) {
                    return error(
                            404, "RESOURCE_DOES_NOT_EXIST", name + " has no version " + version);
                }
                aliases.put(name + "@" + request.get("alias").asText(), version);
                return new Answer(200, Map.of());
            }
        }
    }

    /** What MLflow would refuse in a request body, or null when it would take it. */
    private static String problem(JsonNode body, String spec) {
        if (!body.isObject()) {
            return "the body is not a JSON object";
        }
        Map<String, String> types = new LinkedHashMap<>();
        for (String field : spec.split(" ", -1)) {
            String[] nameAndType = field.split(":", -1);
            types.put(nameAndType[0], nameAndType[1].replace("!", ""));
            if (field.endsWith("!") && !body.hasNonNull(nameAndType[0])) {
                return "the required field " + nameAndType[0] + " is missing";
            }
        }
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            String type = types.get(field.getKey());
            String problem =
                    type == null
                            ? "unknown field " + field.getKey()
                            : typeProblem(field.getKey(), field.getValue(), type);
            if (problem != null) {
                return problem;
            }
        }
        int entries =
                body.path("params").size() + body.path("metrics").size() + body.path("tags").size();
        return entries > 1000 ? "more than 1000 params, metrics and tags: " + entries : null;
    }

    private static String typeProblem(String field, JsonNode value, String type) {
        boolean fits =
                switch (type) {
                    case "string" -> value.isTextual();
                    case "int64" -> value.isIntegralNumber() && value.canConvertToLong();
                    case "status" -> value.isTextual() && STATUSES.contains(value.asText());
                    default ->
                            value.isArray() && value.size() <= (type.equals("params") ? 100 : 1000);
                };
        if (!fits) {
            Object shown = value.isArray() ? value.size() + " entries" : value;
            return field + " is not " + type + " within MLflow's limits: " + shown;
        }
        boolean keyValues = type.equals("params") || type.equals("tags");
        int maxValue = type.equals("params") ? 6000 : 5000;
        for (JsonNode entry : keyValues ? value : List.<JsonNode>of()) {
            if (entry.size() != 2
                    || !entry.path("key").isTextual()
                    || entry.get("key").asText().isEmpty()
                    || !entry.path("value").isTextual()
                    || entry.get("value").asText().length() > maxValue) {
                return field + " entries must be {key, value} strings, got " + entry;
            }
        }
        for (JsonNode metric : type.equals("metrics") ? value : List.<JsonNode>of()) {
            JsonNode number = metric.path("value");
            if (!(number.isNumber() || (number.isTextual() && NON_FINITE.contains(number.asText())))
                    || !metric.path("key").isTextual()
                    || metric.get("key").asText().isEmpty()
                    || !metric.path("timestamp").isIntegralNumber()
                    || (metric.has("step") && !metric.get("step").isIntegralNumber())
                    || !metric.properties().stream()
                            .allMatch(p -> METRIC_FIELDS.contains(p.getKey()))) {
                return "metrics entries must be {key, value, timestamp, step}, got " + metric;
            }
        }
        return null;
    }

    private Answer violation(String message) {
        violations.add(message);
        return error(400, "INVALID_PARAMETER_VALUE", message);
    }

    private static Answer ok(String field, Object value) {
        return new Answer(200, Map.of(field, value));
    }

    private static Answer error(int status, String errorCode, String message) {
        return new Answer(status, Map.of("error_code", errorCode, "message", message));
    }
}
