package io.ghanomaly.job;

import io.ghanomaly.core.alert.AlertRules;
import io.ghanomaly.core.archive.ArchiveFileReader;
import io.ghanomaly.core.archive.ArchiveHour;
import io.ghanomaly.core.campaign.LockstepParameters;
import io.ghanomaly.job.drift.DeliverAlerts;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.util.ParameterTool;
import org.apache.flink.util.TimeUtils;

/**
 * Every option of the job, parsed once from the command line into typed values.
 *
 * @param input directory of hourly files: a local path or any Flink file system URI
 * @param output where the Parquet outputs go (features/, dead-letters/, late-events/)
 * @param follow keep watching the input for new hours instead of reading what is there and ending
 * @param backfill read the hours there are in Flink's batch execution mode: many files at once, at
 *     the job's parallelism, the same actor-hours as a run that reads them one after another
 * @param from first hour to read (backfill), or null
 * @param to first hour not to read (backfill), or null
 * @param monitorInterval how often a following job lists the input directory
 * @param checkpointInterval how often outputs are committed (exactly once, on checkpoints)
 * @param checkpointDir where checkpoints go
 * @param stateBackend {@code hashmap} (state on the heap, every checkpoint whole) or {@code
 *     rocksdb} (on local disk, checkpoints incremental), or null for the cluster's setting
 * @param maxLineBytes longer lines are dead-lettered, not parsed
 * @param parallelism the job's parallelism, or -1 for the environment's default
 * @param local run in an embedded MiniCluster with the Flink dashboard
 * @param webPort the dashboard's port in local mode (0: any free port)
 * @param models directory of model bundles to score with (watched with --follow), or null
 * @param topFeatures how many explaining features each scored row names
 * @param firstModelWait how long a following job holds rows that close before any model exists,
 *     before it writes them unscored
 * @param alertRules the thresholds of the hourly alert rules
 * @param alertLog the local log of every alert ({@code --alert-log}, over {@code ALERT_LOG}), or
 *     null
 * @param alertConfig the file of channel settings ({@code --alert-config}, over {@code
 *     ALERT_CONFIG}), or null
 * @param alerts whether drift reports and alerts are computed ({@code --no-alerts} turns them off,
 *     to measure what they cost)
 * @param campaigns what counts as a lockstep campaign, or null when campaign detection is off
 *     ({@code --no-campaigns})
 */
public record JobConfig(
        String input,
        String output,
        boolean follow,
        boolean backfill,
        Instant from,
        Instant to,
        Duration monitorInterval,
        Duration checkpointInterval,
        String checkpointDir,
        String stateBackend,
        int maxLineBytes,
        int parallelism,
        boolean local,
        int webPort,
        String models,
        int topFeatures,
        Duration firstModelWait,
        AlertRules alertRules,
        String alertLog,
        String alertConfig,
        boolean alerts,
        LockstepParameters campaigns)
        implements Serializable {

    /** The flags, their defaults and meaning, as --help prints them. */
    public static final String USAGE =
            """
            Usage: GhAnomalyJob --input DIR --output DIR [options]

              --input DIR               hourly GH Archive files (YYYY-MM-DD-H.json.gz); a local path
                                        or a Flink file system URI (s3://, gs://, hdfs://)
              --output DIR              Parquet output: features/, dead-letters/, late-events/
              --follow                  keep watching --input for new hours (default: read what is
                                        there, then finish)
              --backfill                read the hours there are as a batch job: many files at
                                        once, at the job's parallelism, the same rows as reading
                                        them one by one (not with --follow)
              --from HOUR               first UTC hour to read, e.g. 2025-01-01T15 (default: all)
              --to HOUR                 first UTC hour NOT to read (default: all); UTC in every
                                        era, whatever the archive's file names say
              --monitor-interval D      how often --follow lists the input (default 10s)
              --checkpoint-interval D   how often output is committed (default 10s)
              --checkpoint-dir URI      checkpoint storage (default: OUTPUT/_checkpoints)
              --state-backend B         hashmap: state on the heap, each checkpoint writes all
                                        of it; rocksdb: on local disk, each checkpoint writes
                                        what changed (default: the cluster's; hashmap locally)
              --max-line-bytes N        longer lines are dead-lettered (default 4194304)
              --parallelism N           job parallelism (default: the cluster's, or all cores)
              --local                   run in an embedded Flink MiniCluster with the dashboard
              --web-port N              dashboard port with --local (default 8081; 0 = any free)
              --models DIR              score every actor-hour with the newest model bundle in
                                        DIR, swapping to newer ones as they land (default: none,
                                        rows are written unscored)
              --top-features N          explaining features per scored row (default 3)
              --first-model-wait D      with --follow and --models, how long rows that close
                                        before any model exists wait for one before they are
                                        written unscored (default 10min; a bounded run waits
                                        until the model directory has been read)
              --alert-anomaly-rate R    alert when an hour's share of anomalous actor-hours of a
                                        population is above R (default 0.10)
              --alert-spike-factor X    alert when an hour's anomaly rate is X times the median
                                        of the last 24 hours and 2 points above it (default 3)
              --alert-critical-factor X alert when an hour has X times the critical actor-hours
                                        the model's training share predicts, and at least 10
                                        (default 4)
              --alert-drift-hours N     alert when a feature drifts N closed hours in a row
                                        (default 3)
              --alert-min-rows N        hours with fewer scored actor-hours raise no rate or
                                        drift alert (default 100)
              --alert-cooldown D        the same rule and population stay quiet this long after
                                        an alert, in archive time (default 6h)
              --alert-parse-errors R    alert when a file's share of unusable lines is above R
                                        and 3 times the median of the last 24 files (default
                                        0.01)
              --alert-stall D           with --follow, alert when no new file has come for D
                                        (default 2h)
              --dashboard-url URL       where alerts link to (default http://127.0.0.1:8080/)
              --alert-log FILE          the local log of every alert (default: $ALERT_LOG, else
                                        logs/alerts.jsonl; this option wins over both); Slack,
                                        e-mail and webhook channels come from the environment
                                        or a file of the same NAME=value settings
              --alert-config FILE       that file (default: $ALERT_CONFIG; variables set in the
                                        environment win over it; README, Drift and alerts)
              --no-alerts               no drift reports and no alerts (the input's alert rules
                                        run without --models too)
              --no-campaigns            no lockstep campaign detection (campaigns/)
              --campaign-window D       how far back lockstep looks (default 15d, StarScout's)
              --campaign-min-accounts N accounts a campaign has at least (default 50)
              --campaign-min-repos N    repositories it acts on at least (default 10)
              --campaign-min-owners N   of at least this many owners (default 5)
              --campaign-share R        each account on at least this share of them (default
                                        0.5)
              --help                    this text
            Durations: 500ms, 10s, 2min, 1h.""";

    /** The state backends --state-backend names. */
    public static final List<String> STATE_BACKENDS = List.of("hashmap", "rocksdb");

    /** What ParameterTool stores for a flag given without a value. */
    private static final String NO_VALUE = "__NO_VALUE_KEY";

    public static final class UsageException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public UsageException(String message) {
            super(message);
        }
    }

    public static boolean wantsHelp(String[] args) {
        return List.of(args).contains("--help") || List.of(args).contains("-h");
    }

    public static JobConfig parse(String[] args) {
        for (String a : args) {
            if (a.matches("-[^-\\d].*")) { // -x is not ours; -5 may be a value
                throw new UsageException("unknown option " + a);
            }
        }
        ParameterTool p = ParameterTool.fromArgs(args);
        String output = uri(required(p, "output"));
        LockstepParameters campaigns = lockstep(p); // read even when off: its flags are known
        JobConfig c =
                new JobConfig(
                        uri(required(p, "input")),
                        output,
                        flag(p, "follow"),
                        flag(p, "backfill"),
                        hour(p, "from"),
                        hour(p, "to"),
                        duration(p, "monitor-interval", "10s"),
                        duration(p, "checkpoint-interval", "10s"),
                        uri(p.get("checkpoint-dir", stripSlash(output) + "/_checkpoints")),
                        p.has("state-backend") ? stateBackend(required(p, "state-backend")) : null,
                        integer(
                                p,
                                "max-line-bytes",
                                ArchiveFileReader.DEFAULT_MAX_LINE_BYTES,
                                1024),
                        integer(p, "parallelism", -1, -1),
                        flag(p, "local"),
                        integer(p, "web-port", 8081, 0),
                        p.has("models") ? uri(required(p, "models")) : null,
                        integer(p, "top-features", 3, 1),
                        duration(p, "first-model-wait", "10min"),
                        alertRules(p),
                        p.get("alert-log"),
                        p.has("alert-config") ? required(p, "alert-config") : null,
                        !flag(p, "no-alerts"),
                        flag(p, "no-campaigns") ? null : campaigns);
        Set<String> unknown = new TreeSet<>(p.getUnrequestedParameters());
        if (!unknown.isEmpty()) {
            throw new UsageException("unknown option(s): --" + String.join(", --", unknown));
        }
        if (c.from != null && c.to != null && !c.from.isBefore(c.to)) {
            throw new UsageException("--from must be before --to");
        }
        if (c.follow && c.backfill) {
            throw new UsageException(
                    "--backfill reads the hours that are there and ends; it cannot --follow");
        }
        if (c.parallelism == 0) {
            throw new UsageException("--parallelism must be positive");
        }
        if (c.alerts) {
            try {
                DeliverAlerts.channels(c.alertLog, c.alertConfig);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage()); // a channel setting: one line, no secret
            }
        }
        return c;
    }

    /**
     * Fails with what to fix when a local input or model directory is missing or an output
     * directory cannot be made; paths on other file systems (s3://, ...) are the cluster's to
     * check.
     */
    public void checkLocalPaths() {
        mustBeDirectory(
                "--input", input, "the hourly .json.gz files, e.g. from ./gh-anomaly mirror");
        if (models != null) {
            mustBeDirectory("--models", models, "model bundles, e.g. from ./gh-anomaly train");
        }
        java.nio.file.Path out = localPath(output);
        if (out != null) {
            try {
                java.nio.file.Files.createDirectories(out);
            } catch (java.io.IOException e) {
                throw new UsageException("--output " + out + " cannot be created: " + e);
            }
            if (!java.nio.file.Files.isWritable(out)) {
                throw new UsageException("--output " + out + " is not writable");
            }
        }
    }

    private static void mustBeDirectory(String flag, String uri, String what) {
        java.nio.file.Path p = localPath(uri);
        if (p != null && !java.nio.file.Files.isDirectory(p)) {
            throw new UsageException(
                    flag
                            + " "
                            + p
                            + (java.nio.file.Files.exists(p)
                                    ? " is a file, not a directory"
                                    : " does not exist")
                            + "; give the directory of "
                            + what);
        }
    }

    private static java.nio.file.Path localPath(String uri) {
        return uri.startsWith("file:") ? java.nio.file.Path.of(java.net.URI.create(uri)) : null;
    }

    private static String stateBackend(String name) {
        if (!STATE_BACKENDS.contains(name)) {
            throw new UsageException(
                    "--state-backend is one of "
                            + String.join(", ", STATE_BACKENDS)
                            + ", not "
                            + name);
        }
        return name;
    }

    private static String required(ParameterTool p, String name) {
        String v = p.get(name);
        if (v == null || v.isBlank() || v.equals(NO_VALUE)) {
            throw new UsageException("--" + name + " is required");
        }
        return v;
    }

    private static boolean flag(ParameterTool p, String name) {
        if (!p.has(name)) {
            return false;
        }
        String v = p.get(name);
        if (v == null || v.equals(NO_VALUE) || v.equals("true")) {
            return true;
        }
        if (v.equals("false")) {
            return false;
        }
        throw new UsageException("--" + name + " takes no value, got " + v);
    }

    private static Duration duration(ParameterTool p, String name, String fallback) {
        String v = p.get(name, fallback);
        try {
            Duration d = TimeUtils.parseDuration(v);
            if (d.isNegative() || d.isZero()) {
                throw new UsageException("--" + name + " must be positive, got " + v);
            }
            return d;
        } catch (IllegalArgumentException e) {
            if (e instanceof UsageException) {
                throw e;
            }
            throw new UsageException("--" + name + " is not a duration (10s, 2min): " + v);
        }
    }

    private static AlertRules alertRules(ParameterTool p) {
        AlertRules d = AlertRules.DEFAULTS;
        double rate = number(p, "alert-anomaly-rate", d.anomalyRate());
        double spike = number(p, "alert-spike-factor", d.spikeFactor());
        if (!(rate > 0 && rate <= 1)) {
            throw new UsageException("--alert-anomaly-rate must be in (0, 1], got " + rate);
        }
        if (!(spike > 1)) {
            throw new UsageException("--alert-spike-factor must be above 1, got " + spike);
        }
        double critical = number(p, "alert-critical-factor", d.criticalFactor());
        if (!(critical > 1)) {
            throw new UsageException("--alert-critical-factor must be above 1, got " + critical);
        }
        return new AlertRules(
                rate,
                spike,
                d.spikeMinRise(),
                d.trailingHours(),
                d.minTrailingHours(),
                integer(p, "alert-drift-hours", d.driftHours(), 1),
                integer(p, "alert-min-rows", (int) d.minRows(), 1),
                p.has("alert-cooldown") ? duration(p, "alert-cooldown", "6h") : d.cooldown(),
                p.get("dashboard-url", d.dashboardUrl()),
                share(p, "alert-parse-errors", d.parseErrorShare()),
                p.has("alert-stall") ? duration(p, "alert-stall", "2h") : d.stallAfter(),
                critical);
    }

    private static LockstepParameters lockstep(ParameterTool p) {
        LockstepParameters d = LockstepParameters.STARSCOUT;
        double share = number(p, "campaign-share", d.minShare());
        if (!(share > 0 && share <= 1)) {
            throw new UsageException("--campaign-share must be in (0, 1], got " + share);
        }
        try {
            return new LockstepParameters(
                    p.has("campaign-window") ? duration(p, "campaign-window", "15d") : d.window(),
                    integer(p, "campaign-min-accounts", d.minActors(), 2),
                    integer(p, "campaign-min-repos", d.minRepos(), 2),
                    integer(p, "campaign-min-owners", d.minOwners(), 1),
                    share,
                    d.maxTargets(),
                    d.maxProfilesPerRepo());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static double share(ParameterTool p, String name, double fallback) {
        double v = number(p, name, fallback);
        if (!(v >= 0 && v < 1)) {
            throw new UsageException("--" + name + " must be a share in [0, 1), got " + v);
        }
        return v;
    }

    private static double number(ParameterTool p, String name, double fallback) {
        String v = p.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            double n = Double.parseDouble(v);
            if (!Double.isFinite(n)) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " is not a number: " + v);
        }
    }

    private static int integer(ParameterTool p, String name, int fallback, int min) {
        String v = p.get(name, Integer.toString(fallback));
        try {
            int n = Integer.parseInt(v);
            if (n < min) {
                throw new UsageException("--" + name + " must be at least " + min + ", got " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " is not a whole number: " + v);
        }
    }

    /** 2025-01-01T15, 2025-01-01T15:00:00Z or 2025-01-01 (its first hour). */
    static Instant hour(ParameterTool p, String name) {
        String v = p.get(name);
        if (v == null) {
            return null;
        }
        try {
            return ArchiveHour.parse(v);
        } catch (DateTimeParseException e) {
            throw new UsageException("--" + name + " is not an hour like 2025-01-01T15: " + v);
        }
    }

    /** A path with a scheme as given; a local path as an absolute file: URI. */
    private static String uri(String path) {
        if (path.contains("://")) {
            return path;
        }
        return java.nio.file.Path.of(path).toAbsolutePath().normalize().toUri().toString();
    }

    private static String stripSlash(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
