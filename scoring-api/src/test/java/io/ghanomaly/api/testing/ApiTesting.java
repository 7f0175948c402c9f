package io.ghanomaly.api.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ghanomaly.api.ApiConfig;
import io.ghanomaly.api.ScoringApp;
import io.ghanomaly.api.ServingState;
import io.ghanomaly.core.model.ModelBundle;
import io.ghanomaly.core.model.ModelBundleFile;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okhttp3.Response;

/** What the API's tests share: a served app over given directories, requests, JSON answers. */
public final class ApiTesting {
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType JSON_TYPE = MediaType.get("application/json");

    private ApiTesting() {}

    /** A test body that may throw. */
    @FunctionalInterface
    public interface ApiTest {
        void run(HttpClient client, ServingState state) throws Exception;
    }

    /** Serves config's directories in-process for the duration of the test. */
    public static void serve(ApiConfig config, ApiTest test) throws Exception {
        try (ServingState state = ServingState.open(config)) {
            JavalinTest.test(
                    ScoringApp.create(config, state), (server, client) -> test.run(client, state));
        }
    }

    /** Fresh output and model folders under dir, with these bundles in the model folder. */
    public static ApiConfig folders(Path dir, ModelBundle... bundles) throws IOException {
        Path output = Files.createDirectories(dir.resolve("output"));
        Path models = Files.createDirectories(dir.resolve("models"));
        for (ModelBundle b : bundles) {
            ModelBundleFile.write(b, models);
        }
        return ApiConfig.of(output, models);
    }

    public static Response post(HttpClient client, String path, String body) {
        return client.request(
                path,
                b -> b.post(RequestBody.create(body.getBytes(StandardCharsets.UTF_8), JSON_TYPE)));
    }

    public static Response post(HttpClient client, String path, byte[] body) {
        return client.request(path, b -> b.post(RequestBody.create(body, JSON_TYPE)));
    }

    /** The status and JSON body of an answer. */
    public record Answer(int status, JsonNode json, String text) {
        public String error() {
            return json.path("error").asText();
        }
    }

    public static Answer answer(Response r) {
        try (r) {
            String text = r.body() == null ? "" : r.body().string();
            JsonNode json;
            try {
                json = JSON.readTree(text);
            } catch (IOException e) {
                json = JSON.missingNode();
            }
            return new Answer(r.code(), json, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Answer get(HttpClient client, String path) {
        return answer(client.get(path));
    }

    public static Answer postJson(HttpClient client, String path, String body) {
        return answer(post(client, path, body));
    }
}
