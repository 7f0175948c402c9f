package io.ghanomaly.job;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Prints a progress line every few seconds while a local job runs, from the job's accumulators as
 * the Flink REST API reports them, and a summary when it ends.
 */
final class LocalProgress implements AutoCloseable {
    private static final Duration EVERY = Duration.ofSeconds(5);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final URI accumulators;
    private final PrintStream out;
    private final long startNanos = System.nanoTime();
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(
                    r -> {
                        Thread t = new Thread(r, "local-progress");
                        t.setDaemon(true);
                        return t;
                    });

    private LocalProgress(int port, JobID job, PrintStream out) {
        this.accumulators =
                URI.create("http://127.0.0.1:" + port + "/jobs/" + job + "/accumulators");
        this.out = out;
    }

    static LocalProgress start(int port, JobID job, PrintStream out) {
        LocalProgress p = new LocalProgress(port, job, out);
        p.timer.scheduleAtFixedRate(
                p::printLine, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
        return p;
    }

    private void printLine() {
        Map<String, Long> totals = new HashMap<>();
        try {
            HttpResponse<String> r =
                    http.send(
                            HttpRequest.newBuilder(accumulators).timeout(EVERY).build(),
                            HttpResponse.BodyHandlers.ofString());
            for (JsonNode a : json.readTree(r.body()).path("user-task-accumulators")) {
                totals.put(a.path("name").asText(), a.path("value").asLong());
            }
        } catch (Exception e) {
            return; // the job is starting or ending; the next tick will tell
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        long events = totals.getOrDefault("eventsRead", 0L);
        out.printf(
                "[%5.0fs] files %,d  events %,d (%,.0f/s)  actor-hours %,d  dead letters %,d"
                        + "  late %,d%n",
                seconds,
                totals.getOrDefault("filesRead", 0L),
                events,
                events / seconds,
                totals.getOrDefault("windowsEmitted", 0L),
                totals.getOrDefault("parseErrors", 0L) + totals.getOrDefault("filesFailed", 0L),
                totals.getOrDefault("lateEvents", 0L));
    }

    void printSummary(Map<String, Object> totals, JobConfig config) {
        summary(totals, config, out);
        out.printf("Finished in %.1f s%n", (System.nanoTime() - startNanos) / 1e9);
    }

    static void summary(Map<String, Object> totals, JobConfig config, PrintStream out) {
        out.println("Totals:");
        totals.forEach(
                (name, value) -> {
                    boolean zeroReason =
                            value instanceof Long n && n == 0 && name.startsWith("parseErrors.");
                    if (!zeroReason) {
                        out.printf("  %-28s %s%n", name, value);
                    }
                });
        String o = config.output().endsWith("/") ? config.output() : config.output() + "/";
        out.println("Output (Parquet, partitioned dt=YYYY-MM-DD/hour=H):");
        out.println("  features:     " + o + "features");
        out.println("  dead letters: " + o + "dead-letters");
        out.println("  late events:  " + o + "late-events");
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
