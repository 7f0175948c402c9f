package io.ghanomaly.job.campaign;

import io.ghanomaly.core.alert.Alert;
import io.ghanomaly.core.campaign.Campaign;
import io.ghanomaly.core.campaign.CampaignTracker;
import io.ghanomaly.core.campaign.LockstepParameters;
import io.ghanomaly.job.JobCounter;
import io.ghanomaly.job.drift.AlertOutput;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * One task for the whole job (keyed by {@link #key}): the candidates of each closed hour become
 * campaigns ({@link CampaignTracker}); each campaign found or grown goes out with its state, and a
 * {@code campaign_new} or {@code campaign_grew} alert to {@link AlertOutput#ALERTS}. Only
 * candidates reach it, a handful an hour, so one task suffices; the campaigns are its keyed state.
 * An hour takes its own candidates only, by repository, and the known campaigns by id ({@link
 * ClosingHours}): the campaigns do not depend on the order in which the repositories' tasks sent
 * them, nor on whether the job follows the archive or backfills it.
 */
public final class TrackCampaigns extends KeyedProcessFunction<Byte, LockstepCandidate, Campaign> {
    private static final long serialVersionUID = 1L;

    private final LockstepParameters parameters;
    private final String dashboardUrl;
    private final ClosingHours hours;
    private transient CampaignTracker tracker;
    private transient ListState<LockstepCandidate> pending;
    private transient MapState<String, Campaign> campaigns;
    private transient JobCounter found;
    private transient JobCounter grew;

    /** Following the archive. */
    public TrackCampaigns(LockstepParameters parameters, String dashboardUrl) {
        this(parameters, dashboardUrl, false);
    }

    /**
     * @param sortedInput the candidates come in time order and the timers fire at their end (a
     *     backfill's batch execution)
     */
    public TrackCampaigns(LockstepParameters parameters, String dashboardUrl, boolean sortedInput) {
        this.parameters = parameters;
        this.dashboardUrl = dashboardUrl;
        this.hours = new ClosingHours(sortedInput);
    }

    /** Every candidate to the one task. */
    public static Byte key(LockstepCandidate c) {
        return 0;
    }

    @Override
    public void open(OpenContext openContext) {
        tracker = new CampaignTracker(parameters);
        pending =
                getRuntimeContext()
                        .getListState(
                                new ListStateDescriptor<>(
                                        "lockstep-candidates",
                                        TypeInformation.of(LockstepCandidate.class)));
        campaigns =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "campaigns",
                                        Types.STRING,
                                        TypeInformation.of(Campaign.class)));
        found = JobCounter.register(getRuntimeContext(), "campaignsFound");
        grew = JobCounter.register(getRuntimeContext(), "campaignsGrown");
        hours.open(getRuntimeContext(), "lockstep-candidates-hour");
    }

    @Override
    public void processElement(LockstepCandidate c, Context ctx, Collector<Campaign> out)
            throws Exception {
        Long closed = hours.arriving(hourEnd(c), ctx.timerService());
        if (closed != null) {
            close(closed, out, ctx);
        }
        pending.add(c);
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<Campaign> out) throws Exception {
        if (hours.closesAt(time)) {
            close(time, out, ctx);
        }
    }

    /** Where a candidate's hour ends: its timestamp, which a backfill assigns by it. */
    public static long hourEnd(LockstepCandidate c) {
        return c.hourStartMillis() + ActorTargets.HOUR - 1;
    }

    private void close(long time, Collector<Campaign> out, Context ctx) throws Exception {
        long hourStart = time + 1 - ActorTargets.HOUR;
        List<LockstepCandidate> hour = new ArrayList<>();
        List<LockstepCandidate> later = new ArrayList<>();
        for (LockstepCandidate c : pending.get()) {
            (c.hourStartMillis() <= hourStart ? hour : later).add(c);
        }
        pending.update(later);
        hour.sort(Comparator.comparing(LockstepCandidate::repo));
        List<CampaignTracker.Part> candidates = new ArrayList<>();
        for (LockstepCandidate c : hour) {
            candidates.add(
                    new CampaignTracker.Part(
                            c.repo(), c.repoActors(), Arrays.asList(c.profiles())));
        }
        List<Campaign> known = new ArrayList<>();
        campaigns.values().forEach(known::add);
        known.sort(Comparator.comparing(Campaign::id));
        for (Campaign c : tracker.hour(hourStart, candidates, known)) {
            campaigns.put(c.id(), c);
            out.collect(c);
            (c.status().equals(Campaign.NEW) ? found : grew).inc();
            ctx.output(AlertOutput.ALERTS, alert(c));
        }
    }

    private Alert alert(Campaign c) {
        boolean isNew = c.status().equals(Campaign.NEW);
        String summary =
                String.format(
                        "%s: %d accounts acting in lockstep (%s) on %d repositories of %s, %s to %s",
                        isNew ? "New coordinated campaign" : "Campaign grew",
                        c.members().size(),
                        String.join(", ", c.kindNames()),
                        c.repos().size(),
                        c.repos().size() <= 3
                                ? String.join(", ", c.repos())
                                : String.join(", ", c.repos().subList(0, 3)) + ", ...",
                        Instant.ofEpochMilli(c.firstAtMillis()),
                        Instant.ofEpochMilli(c.lastAtMillis()));
        Alert raised =
                Alert.raise(
                        isNew ? "campaign_new" : "campaign_grew",
                        "campaigns",
                        c.hourStartMillis(),
                        c.id(),
                        summary,
                        Alert.evidence(
                                "campaign",
                                c.id(),
                                "accounts",
                                c.members().size(),
                                "repositories",
                                c.repos().size(),
                                "kinds",
                                String.join(",", c.kindNames()),
                                "tightness",
                                c.tightness(),
                                "confidence",
                                c.confidence(),
                                "single_purpose_share",
                                c.singlePurposeShare(),
                                "low_activity_share",
                                c.lowActivityShare(),
                                "example_accounts",
                                String.join(
                                        ",",
                                        c.members().subList(0, Math.min(5, c.members().size())))),
                        dashboardUrl);
        // the dashboard opens the campaign itself, not only its hour
        return new Alert(
                raised.id(),
                raised.rule(),
                raised.population(),
                raised.hourStartMillis(),
                raised.summary(),
                raised.evidence(),
                raised.link() + "&campaign=" + URLEncoder.encode(c.id(), StandardCharsets.UTF_8));
    }
}
