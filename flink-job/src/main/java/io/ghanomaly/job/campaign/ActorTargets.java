package io.ghanomaly.job.campaign;

import io.ghanomaly.core.archive.ArchiveHour;
import io.ghanomaly.core.campaign.ActorProfile;
import io.ghanomaly.core.campaign.LockstepParameters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by actor: the repositories it acted on within the lockstep window. When an hour it acted in
 * closes, and it has acted on enough repositories to be in a group at all ({@link
 * LockstepParameters#minTargets}), its profile goes to each repository it acted on in that hour.
 * Targets older than the window are dropped as hours close, and all but the newest {@link
 * LockstepParameters#maxKeptTargets}; an actor whose last target has left the window leaves no
 * state.
 */
public final class ActorTargets extends KeyedProcessFunction<String, TargetAction, RepoProfile> {
    private static final long serialVersionUID = 1L;
    static final long HOUR = 3_600_000L;

    /** An actor's targets, the newest first (also how the state benchmark orders them). */
    public static final Comparator<Map.Entry<String, Target>> NEWEST_FIRST =
            Comparator.comparingLong((Map.Entry<String, Target> e) -> e.getValue().lastAtMillis())
                    .reversed()
                    .thenComparing(Map.Entry::getKey);

    private final LockstepParameters parameters;
    private transient MapState<String, Target> targets;

    public ActorTargets(LockstepParameters parameters) {
        this.parameters = parameters;
    }

    @Override
    public void open(OpenContext openContext) {
        targets =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "lockstep-targets",
                                        CampaignSerializers.STRING,
                                        CampaignSerializers.TARGET));
    }

    @Override
    public void processElement(TargetAction a, Context ctx, Collector<RepoProfile> out)
            throws Exception {
        Target t = targets.get(a.repo());
        targets.put(
                a.repo(), t == null ? new Target(a.kind(), a.atMillis(), a.atMillis()) : t.with(a));
        ctx.timerService().registerEventTimeTimer(hourEnd(a.atMillis()));
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<RepoProfile> out)
            throws Exception {
        long hourStart = time + 1 - HOUR;
        long keepFrom = time + 1 - parameters.windowMillis();
        List<Map.Entry<String, Target>> live = new ArrayList<>();
        List<String> expired = new ArrayList<>();
        for (Map.Entry<String, Target> e : targets.entries()) {
            if (e.getValue().lastAtMillis() < keepFrom) {
                expired.add(e.getKey());
            } else {
                live.add(Map.entry(e.getKey(), e.getValue()));
            }
        }
        for (String repo : expired) {
            targets.remove(repo);
        }
        if (live.isEmpty()) {
            targets.clear();
            return;
        }
        live.sort(NEWEST_FIRST);
        if (live.size() > parameters.maxKeptTargets()) {
            for (Map.Entry<String, Target> e :
                    live.subList(parameters.maxKeptTargets(), live.size())) {
                targets.remove(e.getKey());
            }
        }
        List<Map.Entry<String, Target>> kept =
                live.subList(0, Math.min(live.size(), parameters.maxTargets()));
        boolean actedThisHour = kept.get(0).getValue().lastAtMillis() >= hourStart;
        if (actedThisHour && kept.size() >= parameters.minTargets()) {
            ActorProfile profile = profile(ctx.getCurrentKey(), kept);
            for (Map.Entry<String, Target> e : kept) {
                long at = e.getValue().lastAtMillis();
                if (at >= hourStart && at <= time) {
                    out.collect(new RepoProfile(e.getKey(), profile));
                }
            }
        }
        // the newest target leaves the window at this hour's end: look again then
        ctx.timerService()
                .registerEventTimeTimer(
                        hourEnd(live.get(0).getValue().lastAtMillis() + parameters.windowMillis()));
    }

    /** The profile of an actor's kept targets (also what the state benchmark stores). */
    public static ActorProfile profile(String login, List<Map.Entry<String, Target>> kept) {
        List<Map.Entry<String, Target>> byRepo = new ArrayList<>(kept);
        byRepo.sort(Map.Entry.comparingByKey());
        String[] repos = new String[byRepo.size()];
        int[] kinds = new int[byRepo.size()];
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (int i = 0; i < repos.length; i++) {
            Target t = byRepo.get(i).getValue();
            repos[i] = byRepo.get(i).getKey();
            kinds[i] = t.kinds();
            first = Math.min(first, t.firstAtMillis());
            last = Math.max(last, t.lastAtMillis());
        }
        return new ActorProfile(login, repos, kinds, first, last);
    }

    /** The last millisecond of the hour the instant is in: where an hour's timers fire. */
    static long hourEnd(long atMillis) {
        return ArchiveHour.startOf(atMillis) + HOUR - 1;
    }
}
