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
 */
public final class TrackCampaigns extends KeyedProcessFunction<Byte, LockstepCandidate, Campaign> {
    private static final long serialVersionUID = 1L;

    private final LockstepParameters parameters;
    private final String dashboardUrl;
    private transient CampaignTracker tracker;
    private transient ListState<LockstepCandidate> pending;
    private transient MapState<String, Campaign> campaigns;
    private transient JobCounter found;
    private transient JobCounter grew;

    public TrackCampaigns(LockstepParameters parameters, String dashboardUrl) {
        this.parameters = parameters;
        this.dashboardUrl = dashboardUrl;
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
    }

    @Override
    public void processElement(LockstepCandidate c, Context ctx, Collector<Campaign> out)
            throws Exception {
        pending.add(c);
        ctx.timerService().registerEventTimeTimer(ctx.timestamp());
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<Campaign> out) throws Exception {
        long hourStart = time + 1 - ActorTargets.HOUR;
        List<CampaignTracker.Part> candidates = new ArrayList<>();
        List<LockstepCandidate> later = new ArrayList<>();
        for (LockstepCandidate c : pending.get()) {
            if (c.hourStartMillis() <= hourStart) {
                candidates.add(
                        new CampaignTracker.Part(
                                c.repo(), c.repoActors(), Arrays.asList(c.profiles())));
            } else {
                later.add(c);
            }
        }
        pending.update(later);
        List<Campaign> known = new ArrayList<>();
        campaigns.values().forEach(known::add);
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
