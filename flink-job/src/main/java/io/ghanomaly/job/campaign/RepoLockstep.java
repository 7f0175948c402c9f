package io.ghanomaly.job.campaign;

import io.ghanomaly.core.campaign.ActorProfile;
import io.ghanomaly.core.campaign.LockstepParameters;
import io.ghanomaly.core.campaign.LockstepSearch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by repository: the newest profile of each actor that acted on it within the window (at most
 * {@link LockstepParameters#maxProfilesPerRepo}), kept as {@link KeptProfile}s. When an hour closes
 * in which profiles came, it searches their repository keys for the part of a lockstep group this
 * repository sees (a fifth of the accounts a campaign needs: each repository sees only the members
 * that acted on it), and hands on that part's profiles, the only ones it decodes.
 */
public final class RepoLockstep
        extends KeyedProcessFunction<String, RepoProfile, LockstepCandidate> {
    private static final long serialVersionUID = 1L;

    private final LockstepParameters parameters;
    private transient MapState<String, KeptProfile> profiles;
    private transient ValueState<Integer> size;

    public RepoLockstep(LockstepParameters parameters) {
        this.parameters = parameters;
    }

    /** The members a repository's part of a group must have to be handed on. */
    int partMinActors() {
        return Math.max(2, parameters.minActors() / 5);
    }

    @Override
    public void open(OpenContext openContext) {
        profiles =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "lockstep-kept-profiles",
                                        CampaignSerializers.STRING,
                                        CampaignSerializers.KEPT_PROFILE));
        size = getRuntimeContext().getState(new ValueStateDescriptor<>("lockstep-size", Types.INT));
    }

    @Override
    public void processElement(RepoProfile p, Context ctx, Collector<LockstepCandidate> out)
            throws Exception {
        String login = p.profile().login();
        int n = size.value() == null ? 0 : size.value();
        if (profiles.contains(login)) {
            profiles.put(login, KeptProfile.of(p.profile()));
        } else if (n < parameters.maxProfilesPerRepo()) {
            profiles.put(login, KeptProfile.of(p.profile()));
            size.update(n + 1);
        }
        ctx.timerService().registerEventTimeTimer(ctx.timestamp());
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<LockstepCandidate> out)
            throws Exception {
        long hourStart = time + 1 - ActorTargets.HOUR;
        long keepFrom = time + 1 - parameters.windowMillis();
        List<KeptProfile> live = new ArrayList<>();
        List<long[]> keys = new ArrayList<>();
        Set<String> expired = new HashSet<>();
        boolean fresh = false;
        long newest = Long.MIN_VALUE;
        for (Map.Entry<String, KeptProfile> e : profiles.entries()) {
            KeptProfile k = e.getValue();
            if (k.lastAtMillis() < keepFrom) {
                expired.add(e.getKey());
            } else {
                live.add(k);
                keys.add(k.repoKeys());
                fresh |= k.lastAtMillis() >= hourStart;
                newest = Math.max(newest, k.lastAtMillis());
            }
        }
        if (live.isEmpty()) {
            profiles.clear();
            size.clear();
            return;
        }
        for (String login : expired) {
            profiles.remove(login);
        }
        size.update(live.size());
        if (fresh && live.size() >= partMinActors()) {
            int[] part = LockstepSearch.members(keys, parameters, partMinActors());
            if (part != null) {
                out.collect(
                        new LockstepCandidate(
                                ctx.getCurrentKey(),
                                hourStart,
                                Arrays.stream(part)
                                        .mapToObj(i -> live.get(i).profile())
                                        .toArray(ActorProfile[]::new)));
            }
        }
        ctx.timerService()
                .registerEventTimeTimer(ActorTargets.hourEnd(newest + parameters.windowMillis()));
    }
}
