package io.ghanomaly.job;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The job's entry point: {@code flink run -c io.ghanomaly.job.GhAnomalyJob gh-anomaly-job.jar
 * --input ... --output ...} on a cluster, or with {@code --local} in an embedded MiniCluster with
 * the Flink dashboard, progress lines and a summary at the end.
 */
public final class GhAnomalyJob {
    static final String JOB_NAME = "gh-anomaly actor-hour features";

    private GhAnomalyJob() {}

    public static void main(String[] args) throws Exception {
        if (JobConfig.wantsHelp(args)) {
            System.out.println(JobConfig.USAGE);
            return;
        }
        JobConfig config;
        try {
            config = JobConfig.parse(args);
        } catch (JobConfig.UsageException e) {
            usageError(args, e.getMessage() + System.lineSeparator() + JobConfig.USAGE);
            return;
        }
        try {
            config.checkLocalPaths();
        } catch (JobConfig.UsageException e) {
            usageError(args, e.getMessage());
            return;
        }
        if (config.local()) {
            try {
                runLocally(config);
            } catch (ExecutionException e) {
                // the job failed: one line with the cause; the stack trace is in the log file
                Throwable cause = e;
                while (cause.getCause() != null) {
                    cause = cause.getCause();
                }
                System.err.println(
                        "error: the job failed: "
                                + cause
                                + " (details in "
                                + System.getProperty("ghanomaly.log.file", "the Flink log")
                                + ")");
                System.exit(1);
            }
        } else {
            StreamExecutionEnvironment env = environment(config, new Configuration());
            FeaturePipeline.forFiles(config).addTo(env);
            env.execute(JOB_NAME);
        }
    }

    /**
     * A bad command line: with {@code --local}, one message and exit code 2; submitted to a
     * cluster, an exception that the submission reports, because there main runs inside the
     * JobManager's process (REST submission, application mode), which System.exit would end.
     */
    private static void usageError(String[] args, String message) {
        if (List.of(args).contains("--local")) {
            System.err.println("error: " + message);
            System.exit(2);
        }
        throw new IllegalArgumentException(message);
    }

    /** The environment with the job's settings; {@code conf} carries any extra Flink settings. */
    public static StreamExecutionEnvironment environment(JobConfig config, Configuration conf) {
        conf.set(PipelineOptions.OBJECT_REUSE, true); // no operator keeps a record it emitted
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, config.checkpointDir());
        if (config.stateBackend() != null) {
            conf.set(StateBackendOptions.STATE_BACKEND, config.stateBackend());
            // RocksDB writes only the files that are new since the last checkpoint
            conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        }
        if (config.backfill()) {
            // Bounded input, read at full parallelism: no checkpoints (a failed task's region is
            // run again from its inputs, kept on the TaskManagers) and the FileSink commits at the
            // end, each file once.
            conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        }
        StreamExecutionEnvironment env =
                config.local()
                        ? StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf)
                        : StreamExecutionEnvironment.getExecutionEnvironment(conf);
        if (!config.backfill()) {
            env.enableCheckpointing(config.checkpointInterval().toMillis());
        }
        if (config.parallelism() > 0) {
            env.setParallelism(config.parallelism());
        }
        return env;
    }

    private static void runLocally(JobConfig config) throws Exception {
        int port = config.webPort() == 0 ? freePort() : config.webPort();
        if (!isFree(port)) {
            System.err.printf(
                    "error: port %d is taken (another Flink dashboard?); pass --web-port N, or"
                            + " --web-port 0 for any free port%n",
                    port);
            System.exit(2);
        }
        Configuration conf = new Configuration();
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        conf.set(RestOptions.ADDRESS, "127.0.0.1");
        conf.set(RestOptions.PORT, port);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none"); // show the error, do not loop
        // Accumulators reach the REST API with TaskManager heartbeats: make progress lines live.
        conf.set(HeartbeatManagerOptions.HEARTBEAT_INTERVAL, Duration.ofSeconds(2));
        StreamExecutionEnvironment env = environment(config, conf);
        FeaturePipeline.forFiles(config).addTo(env);

        JobClient job = env.executeAsync(JOB_NAME);
        System.out.printf(
                "Flink dashboard: http://localhost:%d/#/job/running/%s/overview%n",
                port, job.getJobID());
        System.out.printf(
                "Reading %s%s; writing Parquet to %s%n",
                config.input(),
                config.follow()
                        ? " (following new hours)"
                        : config.backfill() ? " (backfill: batch execution)" : "",
                config.output());
        try (LocalProgress progress = LocalProgress.start(port, job.getJobID(), System.out)) {
            JobExecutionResult result = job.getJobExecutionResult().get();
            progress.printSummary(new TreeMap<>(result.getAllAccumulatorResults()), config);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
