package io.ghanomaly.core.alert;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The input's alert rules, over the files in the order they are read: {@code file_failed} for a
 * file that could not be read to its end, {@code parse_errors} for a file whose share of unusable
 * lines is above {@link AlertRules#parseErrorShare()} and {@link AlertRules#spikeFactor()} times
 * the median of the last 24 files, {@code payload_changed} when most of a file's PushEvents say
 * nothing of their commits where the recent files' did (the archive's format changed under a
 * feature, as in October 2025), and {@code input_stalled} when, following the archive, no new file
 * has come for {@link AlertRules#stallAfter()}. Population {@code input}; the cooldown holds per
 * rule, in the hours of the files. Kept in keyed state, as {@link HourlyAlerts} is.
 */
public final class InputAlerts implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final String POPULATION = "input";
    private static final int TRAILING_FILES = 24;
    private static final long MIN_PUSHES = 100;
    private static final double CHANGED_SHARE = 0.5;
    private static final double USUAL_SHARE = 0.1;

    private transient AlertRules rules;
    private final Deque<Double> trailingShares = new ArrayDeque<>();
    private final Deque<Double> trailingMissingCommits = new ArrayDeque<>();
    private final Map<String, Long> lastFired = new HashMap<>();
    private long newestHour = Long.MIN_VALUE;
    private boolean stallReported;

    /** Since this instance was made or restored: a count for a metric, not kept with the state. */
    private transient long suppressed;

    public InputAlerts(AlertRules rules) {
        this.rules = rules;
    }

    /** Judges from now on with these rules (a restored state has none of its own). */
    public InputAlerts use(AlertRules newRules) {
        this.rules = newRules;
        return this;
    }

    /**
     * The alerts reading this file raises; one that is not an archive hour is filed under the hour
     * of {@code nowMillis}.
     */
    public List<Alert> fileRead(FileReport f, long nowMillis) {
        List<Alert> alerts = new ArrayList<>();
        long hour = f.hourStartMillis() == Long.MIN_VALUE ? hourOf(nowMillis) : f.hourStartMillis();
        String name = Path.of(f.file()).getFileName().toString();
        if (f.hourStartMillis() != Long.MIN_VALUE) {
            newestHour = Math.max(newestHour, f.hourStartMillis());
        }
        stallReported = false;
        if (f.failure() != null) {
            fire(
                    alerts,
                    "file_failed",
                    hour,
                    name,
                    String.format(
                            Locale.ROOT,
                            "%s could not be read to its end (%,d events kept): %s",
                            name,
                            f.events(),
                            f.failure()),
                    evidence(f));
        }
        double share = f.parseErrorShare();
        if (f.events() + f.parseErrors() > 0) {
            double median = trailingShares.isEmpty() ? 0 : HourlyAlerts.median(trailingShares);
            if (share > rules.parseErrorShare() && share >= rules.spikeFactor() * median) {
                Map<String, String> e =
                        evidence(
                                f,
                                "trailing_median_share",
                                median,
                                "threshold",
                                rules.parseErrorShare());
                fire(
                        alerts,
                        "parse_errors",
                        hour,
                        name,
                        String.format(
                                Locale.ROOT,
                                "%s: %.2f%% of %,d lines unusable (threshold %.2f%%, median of"
                                        + " the last %d files %.2f%%)",
                                name,
                                100 * share,
                                f.events() + f.parseErrors(),
                                100 * rules.parseErrorShare(),
                                trailingShares.size(),
                                100 * median),
                        e);
            }
            remember(trailingShares, share);
        }
        if (f.pushes() >= MIN_PUSHES) {
            double missing = f.pushesWithoutCommitCountShare();
            if (!trailingMissingCommits.isEmpty()) {
                double median = HourlyAlerts.median(trailingMissingCommits);
                if (missing >= CHANGED_SHARE && median <= USUAL_SHARE) {
                    Map<String, String> e =
                            evidence(
                                    f,
                                    "pushes",
                                    f.pushes(),
                                    "pushes_without_commit_count",
                                    f.pushesWithoutCommitCount(),
                                    "trailing_median_share",
                                    median,
                                    "feature",
                                    "pushed_commits");
                    int before = trailingMissingCommits.size();
                    // the new level is the level from now on: said once, not again while the
                    // last 24 files still remember the old one
                    trailingMissingCommits.clear();
                    fire(
                            alerts,
                            "payload_changed",
                            hour,
                            name,
                            String.format(
                                    Locale.ROOT,
                                    "%s: %.0f%% of %,d PushEvents say nothing of their commits"
                                            + " (%.0f%% in the last %d files): pushed_commits now"
                                            + " counts 1 per push",
                                    name,
                                    100 * missing,
                                    f.pushes(),
                                    100 * median,
                                    before),
                            e);
                }
            }
            remember(trailingMissingCommits, missing);
        }
        return alerts;
    }

    private static void remember(Deque<Double> trailing, double value) {
        trailing.addLast(value);
        while (trailing.size() > TRAILING_FILES) {
            trailing.removeFirst();
        }
    }

    /**
     * The {@code input_stalled} alert when no file has come for {@code quiet} (at least {@link
     * AlertRules#stallAfter()}), once per stall (no cooldown: a second stall soon after the first
     * is news too), filed under the hour after the newest one read (or that of {@code nowMillis});
     * null otherwise.
     */
    public Alert stalled(Duration quiet, long nowMillis) {
        if (stallReported || quiet.compareTo(rules.stallAfter()) < 0) {
            return null;
        }
        stallReported = true;
        long expected = newestHour == Long.MIN_VALUE ? hourOf(nowMillis) : newestHour + 3_600_000L;
        List<Alert> alerts = new ArrayList<>();
        Map<String, String> e =
                Alert.evidence(
                        "quiet_minutes",
                        quiet.toMinutes(),
                        "stall_after_minutes",
                        rules.stallAfter().toMinutes(),
                        "newest_hour",
                        newestHour == Long.MIN_VALUE ? "none" : at(newestHour));
        lastFired.remove("input_stalled");
        fire(
                alerts,
                "input_stalled",
                expected,
                null,
                String.format(
                        Locale.ROOT,
                        "no new archive file for %d min (the newest hour read is %s)",
                        quiet.toMinutes(),
                        e.get("newest_hour")),
                e);
        return alerts.isEmpty() ? null : alerts.get(0);
    }

    private void fire(
            List<Alert> alerts,
            String rule,
            long hour,
            String file,
            String summary,
            Map<String, String> evidence) {
        Long last = lastFired.get(rule);
        if (last != null && Math.abs(hour - last) < rules.cooldown().toMillis()) {
            suppressed++; // a run of broken files alerts once per cooldown, not once per file
            return;
        }
        lastFired.put(rule, hour);
        alerts.add(
                Alert.raise(rule, POPULATION, hour, file, summary, evidence, rules.dashboardUrl()));
    }

    /** Alerts the cooldown kept quiet, so far. */
    public long suppressed() {
        return suppressed;
    }

    /** What every input alert says of its file, then {@code more} name, value pairs. */
    private static Map<String, String> evidence(FileReport f, Object... more) {
        Map<String, String> e =
                Alert.evidence(
                        "file",
                        f.file(),
                        "events",
                        f.events(),
                        "parse_errors",
                        f.parseErrors(),
                        "parse_error_share",
                        f.parseErrorShare());
        if (f.failure() != null) {
            e.put("failure", f.failure());
        }
        e.putAll(Alert.evidence(more));
        return e;
    }

    private static long hourOf(long millis) {
        return millis - Math.floorMod(millis, 3_600_000L);
    }

    private static String at(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }
}
