package io.ghanomaly.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The tests' handle on a cluster started by {@code deploy/local-cluster/cluster}: every action goes
 * through the script a person uses; what the tests read (accumulators, checkpoints, vertices) comes
 * from the REST API.
 */
final class LocalCluster implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Path script;
    private final Path dir;
    private final String restUrl;

    private LocalCluster(Path script, Path dir, String restUrl) {
        this.script = script;
        this.dir = dir;
        this.restUrl = restUrl;
    }

    /** Starts a JobManager and {@code taskManagers} TaskManagers (1 slot each) under dir. */
    static LocalCluster start(Path dir, int taskManagers, String stateBackend) {
        Path script = Path.of(System.getProperty("cluster.script", "cluster"));
        LocalCluster cluster = new LocalCluster(script, dir, null);
        try {
            cluster.run(
                    "start",
                    "--taskmanagers",
                    String.valueOf(taskManagers),
                    "--state-backend",
                    stateBackend,
                    // fresh figures for the tests' waits: accumulators come with heartbeats,
                    // and the REST API caches what it answers about a job for 3 s by default
                    "--conf",
                    "heartbeat.interval=300",
                    "--conf",
                    "web.refresh-interval=200");
            String url = Files.readString(dir.resolve("rest.url")).strip();
            LocalCluster started = new LocalCluster(script, dir, url);
            // stopped by its PIDs even when the test JVM is ended before @AfterAll
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
            return started;
        } catch (RuntimeException | IOException e) {
            cluster.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /** Stops what a cluster of dir that a killed run left behind is still running. */
    static void stopLeftOver(Path dir) {
        if (Files.isDirectory(dir.resolve("pids"))) {
            new LocalCluster(Path.of(System.getProperty("cluster.script", "cluster")), dir, null)
                    .close();
        }
    }

    /** Cancels every job that has not ended. */
    void cancelRunningJobs() {
        for (JsonNode job : rest("/jobs/overview").path("jobs")) {
            String state = job.path("state").asText();
            if (!List.of("FINISHED", "FAILED", "CANCELED").contains(state)) {
                run("cancel", job.path("jid").asText());
            }
        }
    }

    /** Submits the job jar at this parallelism with these job arguments; its id. */
    String submit(int parallelism, String savepoint, List<String> jobArgs) {
        List<String> args = new ArrayList<>(List.of("submit", "--parallelism", "" + parallelism));
        args.add("--jar");
        args.add(System.getProperty("job.jar"));
        if (savepoint != null) {
            args.add("--savepoint");
            args.add(savepoint);
        }
        args.add("--");
        args.addAll(jobArgs);
        return run(args.toArray(String[]::new)).strip();
    }

    /** kill -9 of the newest TaskManager; its PID. */
    long killTaskManager() {
        return Long.parseLong(run("kill-taskmanager").strip());
    }

    long addTaskManager() {
        return Long.parseLong(run("add-taskmanager").strip());
    }

    /** Takes a savepoint (and stops the job with it when {@code stop}); its path. */
    String savepoint(String job, boolean stop) {
        return stop ? run("savepoint", job, "--stop").strip() : run("savepoint", job).strip();
    }

    /** Waits until the job ends; its final state. */
    String waitForEnd(String job, Duration timeout) {
        ProcessResult r = runAllowingFailure("wait", job, "--timeout", "" + timeout.toSeconds());
        return r.out().strip();
    }

    JsonNode rest(String path) {
        try {
            HttpResponse<String> r =
                    HTTP.send(
                            HttpRequest.newBuilder(URI.create(restUrl + path))
                                    .timeout(Duration.ofSeconds(30))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + ": " + r.statusCode() + r.body());
            }
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String state(String job) {
        return rest("/jobs/" + job).path("state").asText();
    }

    /** A user accumulator of the job (summed over subtasks), or -1 before it is reported. */
    long accumulator(String job, String name) {
        for (JsonNode a : rest("/jobs/" + job + "/accumulators").path("user-task-accumulators")) {
            if (a.path("name").asText().equals(name)) {
                return Long.parseLong(a.path("value").asText());
            }
        }
        return -1;
    }

    long completedCheckpoints(String job) {
        return rest("/jobs/" + job + "/checkpoints").path("counts").path("completed").asLong();
    }

    /** Whether every vertex of the job has all its subtasks running. */
    boolean allRunning(String job) {
        JsonNode j = rest("/jobs/" + job);
        if (!j.path("state").asText().equals("RUNNING")) {
            return false;
        }
        for (JsonNode v : j.path("vertices")) {
            int running = v.path("tasks").path("RUNNING").asInt();
            int finished = v.path("tasks").path("FINISHED").asInt();
            if (running + finished < v.path("parallelism").asInt()) {
                return false;
            }
        }
        return true;
    }

    /** A metric of the vertex whose name starts with {@code vertexPrefix}, summed over subtasks. */
    double vertexMetric(String job, String vertexPrefix, String metricSuffix) {
        for (JsonNode v : rest("/jobs/" + job).path("vertices")) {
            if (!v.path("name").asText().startsWith(vertexPrefix)) {
                continue;
            }
            String base = "/jobs/" + job + "/vertices/" + v.path("id").asText();
            for (JsonNode m : rest(base + "/subtasks/metrics")) {
                String id = m.path("id").asText();
                if (id.endsWith(metricSuffix)) {
                    JsonNode values = rest(base + "/subtasks/metrics?get=" + id + "&agg=sum");
                    return values.path(0).path("sum").asDouble(Double.NaN);
                }
            }
        }
        return Double.NaN;
    }

    /**
     * Polls until the condition holds; a failed REST call (a JobManager busy with a restart) counts
     * as not yet, an AssertionError from the condition ends the wait.
     */
    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!holds(condition)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static boolean holds(BooleanSupplier condition) {
        try {
            return condition.getAsBoolean();
        } catch (IllegalStateException | UncheckedIOException e) {
            return false;
        }
    }

    /** Stops every process the cluster started, by its PID. */
    @Override
    public void close() {
        runAllowingFailure("stop");
    }

    private String run(String... args) {
        ProcessResult r = runAllowingFailure(args);
        if (r.exit() != 0) {
            throw new IllegalStateException(
                    "cluster " + String.join(" ", args) + " failed: " + r.out() + r.err());
        }
        return r.out();
    }

    private ProcessResult runAllowingFailure(String... args) {
        List<String> command = new ArrayList<>(List.of("bash", script.toString(), "--dir"));
        command.add(dir.toString());
        command.addAll(List.of(args));
        try {
            Files.createDirectories(dir);
            Path err = Files.createTempFile(dir, "cluster-", ".err");
            Process p =
                    new ProcessBuilder(command)
                            .redirectError(err.toFile())
                            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                            .start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(15, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("cluster " + String.join(" ", args) + " hung");
            }
            String errText = Files.readString(err);
            Files.delete(err);
            return new ProcessResult(
                    p.exitValue(), new String(out, StandardCharsets.UTF_8), errText);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record ProcessResult(int exit, String out, String err) {}
}
