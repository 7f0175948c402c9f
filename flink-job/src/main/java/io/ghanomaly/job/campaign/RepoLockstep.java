package io.ghanomaly.job.campaign;

import io.ghanomaly.core.campaign.ActorProfile;
import io.ghanomaly.core.campaign.LockstepParameters;
import io.ghanomaly.core.campaign.LockstepSearch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeutils.base.array.BytePrimitiveArraySerializer;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by repository: the newest profile of each actor that acted on it within the window (at most
 * {@link LockstepParameters#maxProfilesPerRepo}, the first hours' to come). A profile that comes is
 * only appended; when its hour closes, the repository takes the hour's arrivals into its {@link
 * RepoIndex}, searches the index's repository keys for the part of a lockstep group it sees (a
 * fifth of the accounts a campaign needs: each repository sees only the members that acted on it),
 * and hands on that part's profiles, the only ones it reads. So an event costs no read of state,
 * and an hour of a repository one read of its index, whatever the backend. An hour takes the
 * profiles of that hour only, in the order of their logins ({@link ClosingHours}): what it keeps
 * and finds does not depend on the order in which the actors' tasks sent them, nor on whether the
 * job follows the archive or backfills it.
 */
public final class RepoLockstep
        extends KeyedProcessFunction<String, RepoProfile, LockstepCandidate> {
    private static final long serialVersionUID = 1L;

    private static final Comparator<KeptProfile> BY_LOGIN =
            Comparator.comparing(KeptProfile::login).thenComparingLong(KeptProfile::lastAtMillis);

    private final LockstepParameters parameters;
    private final ClosingHours hours;
    private transient ListState<KeptProfile> arrived;
    private transient ValueState<RepoIndex> index;
    private transient MapState<String, byte[]> profiles;

    /** Following the archive. */
    public RepoLockstep(LockstepParameters parameters) {
        this(parameters, false);
    }

    /**
     * @param sortedInput each repository's profiles come in time order and its timers fire at their
     *     end (a backfill's batch execution)
     */
    public RepoLockstep(LockstepParameters parameters, boolean sortedInput) {
        this.parameters = parameters;
        this.hours = new ClosingHours(sortedInput);
    }

    /** The members a repository's part of a group must have to be handed on. */
    int partMinActors() {
        return Math.max(2, parameters.minActors() / 5);
    }

    @Override
    public void open(OpenContext openContext) {
        arrived =
                getRuntimeContext()
                        .getListState(
                                new ListStateDescriptor<>(
                                        "lockstep-arrived", CampaignSerializers.KEPT_PROFILE));
        index =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "lockstep-index", CampaignSerializers.REPO_INDEX));
        profiles =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "lockstep-profiles",
                                        CampaignSerializers.STRING,
                                        BytePrimitiveArraySerializer.INSTANCE));
        hours.open(getRuntimeContext(), "lockstep-arrived-hour");
    }

    @Override
    public void processElement(RepoProfile p, Context ctx, Collector<LockstepCandidate> out)
            throws Exception {
        // a profile is sent when the hour of its newest action closes
        Long closed =
                hours.arriving(
                        ActorTargets.hourEnd(p.profile().lastAtMillis()), ctx.timerService());
        if (closed != null) {
            close(closed, ctx.getCurrentKey(), ctx.timerService(), out);
        }
        arrived.add(KeptProfile.of(p.profile()));
    }

    /**
     * At the end of an hour that profiles came in, and when the oldest kept one leaves the window.
     */
    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<LockstepCandidate> out)
            throws Exception {
        if (hours.closesAt(time)) {
            close(time, ctx.getCurrentKey(), ctx.timerService(), out);
        }
    }

    private void close(
            long time, String repo, TimerService timers, Collector<LockstepCandidate> out)
            throws Exception {
        long keepFrom = time + 1 - parameters.windowMillis();
        Kept kept = new Kept();
        RepoIndex before = index.value();
        boolean changed = false;
        if (before != null) {
            for (int i = 0; i < before.size(); i++) {
                if (before.lastAtMillis()[i] < keepFrom) {
                    profiles.remove(before.logins()[i]);
                    changed = true;
                } else {
                    kept.add(before.logins()[i], before.lastAtMillis()[i], before.repoKeys()[i]);
                }
            }
        }
        boolean fresh = false;
        Iterable<KeptProfile> came = arrived.get();
        if (came != null) {
            List<KeptProfile> hour = new ArrayList<>();
            List<KeptProfile> later = new ArrayList<>();
            for (KeptProfile k : came) {
                (k.lastAtMillis() > time ? later : hour).add(k);
            }
            hour.sort(BY_LOGIN);
            for (KeptProfile k : hour) {
                if (kept.take(k, parameters.maxProfilesPerRepo())) {
                    profiles.put(k.login(), k.serialized());
                    fresh = true;
                }
            }
            if (later.isEmpty()) {
                arrived.clear();
            } else if (!hour.isEmpty()) {
                arrived.update(later);
            }
        }
        if (kept.logins.isEmpty()) {
            index.clear();
            return;
        }
        RepoIndex now = kept.index();
        if (changed || fresh) {
            index.update(now);
        }
        if (fresh && now.size() >= partMinActors()) {
            int[] part =
                    LockstepSearch.members(
                            Arrays.asList(now.repoKeys()), parameters, partMinActors());
            if (part != null) {
                ActorProfile[] members = new ActorProfile[part.length];
                for (int i = 0; i < part.length; i++) {
                    members[i] = KeptProfile.decode(profiles.get(now.logins()[part[i]]));
                }
                out.collect(
                        new LockstepCandidate(
                                repo, time + 1 - ActorTargets.HOUR, now.size(), members));
            }
        }
        timers.registerEventTimeTimer(
                ActorTargets.hourEnd(now.oldestMillis() + parameters.windowMillis()));
    }

    /** The index being built: kept actors in the order they first came. */
    private static final class Kept {
        final List<String> logins = new ArrayList<>();
        final List<Long> lastAt = new ArrayList<>();
        final List<long[]> keys = new ArrayList<>();
        final Map<String, Integer> at = new HashMap<>();

        void add(String login, long lastAtMillis, long[] repoKeys) {
            at.put(login, logins.size());
            logins.add(login);
            lastAt.add(lastAtMillis);
            keys.add(repoKeys);
        }

        /** Takes an arrival as the actor's newest profile, or as a new one while there is room. */
        boolean take(KeptProfile k, int max) {
            Integer i = at.get(k.login());
            if (i != null) {
                lastAt.set(i, k.lastAtMillis());
                keys.set(i, k.repoKeys());
                return true;
            }
            if (logins.size() >= max) {
                return false;
            }
            add(k.login(), k.lastAtMillis(), k.repoKeys());
            return true;
        }

        RepoIndex index() {
            return new RepoIndex(
                    logins.toArray(String[]::new),
                    lastAt.stream().mapToLong(Long::longValue).toArray(),
                    keys.toArray(long[][]::new));
        }
    }
}
