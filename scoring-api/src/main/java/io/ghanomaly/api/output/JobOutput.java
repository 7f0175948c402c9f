package io.ghanomaly.api.output;

import io.ghanomaly.core.campaign.Campaign;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What the job has committed under its output root, as of the last {@link #refresh()}: the files of
 * each hour and each file's totals. Only the list of files and a few numbers per file are held;
 * rows are read from the files when asked for.
 */
public final class JobOutput {
    private final Path root;
    private final OutputQueries queries;
    private volatile NavigableMap<Instant, HourFiles> hours = Collections.emptyNavigableMap();
    private final Map<CommittedFile, FileStats> stats = new HashMap<>();
    private volatile NavigableMap<Instant, HourSummary> summaries = Collections.emptyNavigableMap();
    private final Map<CommittedFile, List<Campaign>> campaignRows = new HashMap<>();
    private volatile CampaignHistory campaigns = CampaignHistory.EMPTY;

    public JobOutput(Path root, OutputQueries queries) {
        this.root = root;
        this.queries = queries;
    }

    public OutputQueries queries() {
        return queries;
    }

    /**
     * Lists the output again and computes the totals of files not seen before; returns how many new
     * files there were.
     */
    public synchronized int refresh() throws SQLException {
        NavigableMap<Instant, HourFiles> now = OutputScan.scan(root);
        List<CommittedFile> newFeatures = unseen(now, HourFiles::features, stats);
        List<CommittedFile> newLate = unseen(now, HourFiles::lateEvents, stats);
        List<CommittedFile> newDead = unseen(now, HourFiles::deadLetters, stats);
        List<CommittedFile> newCampaigns = unseen(now, HourFiles::campaigns, campaignRows);
        stats.putAll(queries.featureStats(newFeatures));
        stats.putAll(queries.rowCounts(newLate));
        stats.putAll(queries.rowCounts(newDead));
        campaignRows.putAll(queries.campaigns(newCampaigns));
        List<CommittedFile> present = new ArrayList<>();
        List<CommittedFile> presentCampaigns = new ArrayList<>();
        for (HourFiles h : now.values()) {
            present.addAll(h.features());
            present.addAll(h.lateEvents());
            present.addAll(h.deadLetters());
            presentCampaigns.addAll(h.campaigns());
        }
        stats.keySet().retainAll(present);
        boolean campaignsGone = campaignRows.keySet().retainAll(presentCampaigns);
        if (!newCampaigns.isEmpty() || campaignsGone) {
            campaigns = new CampaignHistory(campaignRows);
        }
        NavigableMap<Instant, HourSummary> sums = new TreeMap<>();
        for (HourFiles h : now.values()) {
            sums.put(h.hour(), summarize(h));
        }
        hours = Collections.unmodifiableNavigableMap(now);
        summaries = Collections.unmodifiableNavigableMap(sums);
        return newFeatures.size() + newLate.size() + newDead.size() + newCampaigns.size();
    }

    private static List<CommittedFile> unseen(
            NavigableMap<Instant, HourFiles> now,
            Function<HourFiles, List<CommittedFile>> of,
            Map<CommittedFile, ?> seen) {
        List<CommittedFile> out = new ArrayList<>();
        for (HourFiles h : now.values()) {
            for (CommittedFile f : of.apply(h)) {
                if (!seen.containsKey(f)) {
                    out.add(f);
                }
            }
        }
        return out;
    }

    private HourSummary summarize(HourFiles h) {
        FileStats f = total(h.features());
        return new HourSummary(
                h.hour(),
                f.rows(),
                f.events(),
                f.scored(),
                f.anomalies(),
                f.modelVersions(),
                total(h.lateEvents()).rows(),
                total(h.deadLetters()).rows());
    }

    private FileStats total(List<CommittedFile> files) {
        FileStats sum = FileStats.EMPTY;
        for (CommittedFile f : files) {
            sum = sum.plus(stats.getOrDefault(f, FileStats.EMPTY));
        }
        return sum;
    }

    /** The campaigns committed so far. */
    public CampaignHistory campaigns() {
        return campaigns;
    }

    /** The drift report files of an hour (none when the job ran without models). */
    public List<CommittedFile> driftOf(Instant hour) {
        HourFiles h = hours.get(hour);
        return h == null ? List.of() : h.drift();
    }

    /** The latest hour with a drift report, if any. */
    public Optional<Instant> latestDriftHour() {
        return hours.descendingMap().values().stream()
                .filter(h -> !h.drift().isEmpty())
                .map(HourFiles::hour)
                .findFirst();
    }

    /** The alert files of the hours from {@code since} on. */
    public List<CommittedFile> alertsSince(Instant since) {
        List<CommittedFile> files = new ArrayList<>();
        for (HourFiles h : hours.tailMap(since, true).values()) {
            files.addAll(h.alerts());
        }
        return files;
    }

    /** The latest hour with actor-hour rows, if any. */
    public Optional<Instant> latestHour() {
        for (HourFiles h : hours.descendingMap().values()) {
            if (!h.features().isEmpty()) {
                return Optional.of(h.hour());
            }
        }
        return Optional.empty();
    }

    /** How many hours have actor-hour rows. */
    public int hoursWithRows() {
        return (int) hours.values().stream().filter(h -> !h.features().isEmpty()).count();
    }

    /** The features files of one hour; empty when the hour has none. */
    public List<CommittedFile> featuresOf(Instant hour) {
        HourFiles h = hours.get(hour);
        return h == null ? List.of() : h.features();
    }

    /** The features files of the hours in {@code (latest - span, latest]}. */
    public List<CommittedFile> featuresOfLast(Duration span) {
        Optional<Instant> latest = latestHour();
        if (latest.isEmpty()) {
            return List.of();
        }
        List<CommittedFile> out = new ArrayList<>();
        for (HourFiles h :
                hours.subMap(latest.get().minus(span), false, latest.get(), true).values()) {
            out.addAll(h.features());
        }
        return out;
    }

    /** The totals of the newest {@code limit} hours, newest first. */
    public List<HourSummary> newestHours(int limit) {
        return summaries.descendingMap().values().stream().limit(limit).toList();
    }
}
