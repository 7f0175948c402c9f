package io.ghanomaly.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoringApiCommandTest {
    @TempDir Path dir;

    record Run(int code, String out, String err) {}

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CountDownLatch stop = new CountDownLatch(1);
        stop.countDown(); // usage errors end before serving; anything that serves stops at once
        int code =
                ScoringApi.execute(
                        args,
                        Map.of(),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        stop);
        return new Run(
                code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aUsersMistakeIsOneLineAndExitCode2() throws Exception {
        Path output = Files.createDirectories(dir.resolve("output"));
        Path models = Files.createDirectories(dir.resolve("models"));
        String o = output.toString();
        String m = models.toString();
        String[][] mistakes = {
            {"--models", m},
            {"--output", o, "--models", dir.resolve("nope").toString()},
            {"--output", o, "--models", m, "--refresh", "soon"},
            {"--output", o, "--models", m, "--refresh", "0s"},
            {"--output", o, "--models", m, "--port", "70000"},
            {"--output", o, "--models", m, "--port", "eighty"},
            {"--output", o, "--models", m, "--body-limit", "0"},
            {"--output", o, "--models", m, "--query-memory", "lots"},
            {"--output", o, "--models", m, "--frobnicate"},
        };
        for (String[] args : mistakes) {
            Run r = run(args);
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err().strip().lines()).as(String.join(" ", args)).hasSize(1);
            assertThat(r.err()).startsWith("scoring-api: ");
        }
        assertThat(run("--output", o, "--models", dir.resolve("nope").toString()).err())
                .contains("--models", "is not a directory");
        assertThat(run("--output", o, "--models", m, "--refresh", "soon").err())
                .contains("500ms, 5s, 2min or 1h");
    }

    @Test
    void portZeroListensOnAFreePortAndSaysWhich() throws Exception {
        Path output = Files.createDirectories(dir.resolve("output"));
        Path models = Files.createDirectories(dir.resolve("models"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CountDownLatch stop = new CountDownLatch(1);
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        CompletableFuture<Integer> serving =
                CompletableFuture.supplyAsync(
                        () ->
                                ScoringApi.execute(
                                        new String[] {
                                            "--output",
                                            output.toString(),
                                            "--models",
                                            models.toString(),
                                            "--port",
                                            "0",
                                            "--refresh",
                                            "500ms"
                                        },
                                        Map.of(ApiConfig.ADMIN_TOKEN_ENV, "t"),
                                        print,
                                        print,
                                        stop));
        Pattern port = Pattern.compile("\\(port (\\d+)\\)");
        long deadline = System.currentTimeMillis() + 20_000;
        Matcher found = port.matcher("");
        boolean listening = false;
        while (!listening && System.currentTimeMillis() < deadline) {
            found = port.matcher(out.toString(StandardCharsets.UTF_8));
            listening = found.find();
            Thread.sleep(listening ? 0 : 50);
        }
        try {
            assertThat(listening).as(out.toString(StandardCharsets.UTF_8)).isTrue();
            int p = Integer.parseInt(found.group(1));
            assertThat(p).isPositive();
            HttpResponse<String> health =
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(
                                                    URI.create("http://127.0.0.1:" + p + "/health"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(out.toString(StandardCharsets.UTF_8))
                    .doesNotContain("Bearer")
                    .doesNotContain("token t");
        } finally {
            stop.countDown();
        }
        assertThat(serving.get()).isZero();
    }

    @Test
    void theApiIsNotInTheJobJar() throws Exception {
        Path root = Path.of(System.getProperty("ghanomaly.project.root", ".."));
        Path jar = root.resolve("flink-job/target/gh-anomaly-job.jar");
        Assumptions.assumeTrue(Files.isRegularFile(jar), "the job jar is not built: " + jar);
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            assertThat(
                            zip.stream()
                                    .map(e -> e.getName())
                                    .filter(
                                            n ->
                                                    n.startsWith("io/ghanomaly/api/")
                                                            || n.startsWith("io/javalin/")
                                                            || n.startsWith("org/duckdb/")))
                    .isEmpty();
        }
    }
}
