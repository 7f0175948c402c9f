package io.ghanomaly.job.campaign;

import io.ghanomaly.core.archive.ArchiveHour;
import io.ghanomaly.core.campaign.ActorProfile;
import io.ghanomaly.core.campaign.LockstepParameters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by actor: the repositories it acted on within the lockstep window. An action is only
 * appended to the hour's; when an hour it acted in closes, they are folded into its {@link
 * KeptTargets} (one state value, read and written once an hour), and if it has acted on enough
 * repositories to be in a group at all ({@link LockstepParameters#minTargets}), its profile goes to
 * each repository it acted on in that hour. Targets older than the window are dropped as hours
 * close, and all but the newest {@link LockstepParameters#maxKeptTargets}; an actor whose last
 * target has left the window leaves no state. An hour folds in its own actions only ({@link
 * ClosingHours}), so a backfill folds the same hours as a run that follows the archive.
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
    private final ClosingHours hours;
    private transient ListState<TargetAction> actions;
    private transient ValueState<KeptTargets> targets;

    /** Following the archive. */
    public ActorTargets(LockstepParameters parameters) {
        this(parameters, false);
    }

    /**
     * @param sortedInput each actor's actions come in time order and its timers fire at their end
     *     (a backfill's batch execution)
     */
    public ActorTargets(LockstepParameters parameters, boolean sortedInput) {
        this.parameters = parameters;
        this.hours = new ClosingHours(sortedInput);
    }

    @Override
    public void open(OpenContext openContext) {
        actions =
                getRuntimeContext()
                        .getListState(
                                new ListStateDescriptor<>(
                                        "lockstep-actions", CampaignSerializers.TARGET_ACTION));
        targets =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "lockstep-targets", CampaignSerializers.KEPT_TARGETS));
        hours.open(getRuntimeContext(), "lockstep-actions-hour");
    }

    @Override
    public void processElement(TargetAction a, Context ctx, Collector<RepoProfile> out)
            throws Exception {
        Long closed = hours.arriving(hourEnd(a.atMillis()), ctx.timerService());
        if (closed != null) {
            close(closed, ctx.getCurrentKey(), ctx.timerService(), out);
        }
        actions.add(a);
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<RepoProfile> out)
            throws Exception {
        if (hours.closesAt(time)) {
            close(time, ctx.getCurrentKey(), ctx.timerService(), out);
        }
    }

    /** Folds in the actions of the hour that ends at {@code time}, and sends its profile on. */
    private void close(long time, String login, TimerService timers, Collector<RepoProfile> out)
            throws Exception {
        long hourStart = time + 1 - HOUR;
        long keepFrom = time + 1 - parameters.windowMillis();
        Map<String, Target> mine = new HashMap<>();
        KeptTargets before = targets.value();
        if (before != null) {
            for (int i = 0; i < before.size(); i++) {
                if (before.targets()[i].lastAtMillis() >= keepFrom) {
                    mine.put(before.repos()[i], before.targets()[i]);
                }
            }
        }
        boolean acted = false;
        List<TargetAction> later = new ArrayList<>();
        Iterable<TargetAction> came = actions.get();
        if (came != null) {
            for (TargetAction a : came) {
                if (a.atMillis() > time) { // a later hour's, read early: folded when that closes
                    later.add(a);
                    continue;
                }
                acted = true;
                Target t = mine.get(a.repo());
                mine.put(
                        a.repo(),
                        t == null ? new Target(a.kind(), a.atMillis(), a.atMillis()) : t.with(a));
            }
            if (later.isEmpty()) {
                actions.clear();
            } else if (acted) {
                actions.update(later);
            }
        }
        if (mine.isEmpty()) {
            targets.clear();
            return;
        }
        List<Map.Entry<String, Target>> live = new ArrayList<>(mine.entrySet());
        live.sort(NEWEST_FIRST);
        live = live.subList(0, Math.min(live.size(), parameters.maxKeptTargets()));
        if (acted || live.size() != before.size()) {
            targets.update(KeptTargets.of(live));
        }
        List<Map.Entry<String, Target>> kept =
                live.subList(0, Math.min(live.size(), parameters.maxTargets()));
        boolean actedThisHour = kept.get(0).getValue().lastAtMillis() >= hourStart;
        if (actedThisHour && kept.size() >= parameters.minTargets()) {
            ActorProfile profile = profile(login, kept);
            for (Map.Entry<String, Target> e : kept) {
                long at = e.getValue().lastAtMillis();
                if (at >= hourStart && at <= time) {
                    out.collect(new RepoProfile(e.getKey(), profile));
                }
            }
        }
        // the newest target leaves the window at this hour's end: look again then
        timers.registerEventTimeTimer(
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
    public static long hourEnd(long atMillis) {
        return ArchiveHour.startOf(atMillis) + HOUR - 1;
    }
}
