package io.ghanomaly.core.campaign;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the lockstep candidates of a closed hour into campaigns: candidates that share a repository
 * are one cluster (each repository of a group sees only the members that acted on it, so a group
 * arrives in parts); the cluster's newest profiles are searched again with the full thresholds; a
 * group found is a campaign already known when half its accounts or half its repositories are that
 * campaign's, and a new one otherwise.
 */
public final class CampaignTracker {
    /** A group belongs to a known campaign when at least this share of it is the campaign's. */
    static final double SAME_CAMPAIGN = 0.5;

    private final LockstepParameters parameters;

    public CampaignTracker(LockstepParameters parameters) {
        this.parameters = parameters;
    }

    /**
     * The campaigns that are new or grew in this hour, from its candidates.
     *
     * @param candidates what each repository's search found this hour: the profiles of the part of
     *     a group it sees
     * @param known the campaigns so far; not changed here
     */
    public List<Campaign> hour(
            long hourStartMillis,
            Collection<List<ActorProfile>> candidates,
            Collection<Campaign> known) {
        List<Campaign> changed = new ArrayList<>();
        Map<String, Campaign> byId = new LinkedHashMap<>();
        known.forEach(c -> byId.put(c.id(), c));
        for (Collection<ActorProfile> cluster : clusters(candidates)) {
            LockstepGroup g = LockstepSearch.find(cluster, parameters, parameters.minActors());
            if (g == null) {
                continue;
            }
            Campaign match = null;
            for (Campaign c : byId.values()) {
                if (c.memberOverlap(g) >= SAME_CAMPAIGN || c.repoOverlap(g) >= SAME_CAMPAIGN) {
                    match = c;
                    break;
                }
            }
            Campaign next =
                    match == null
                            ? Campaign.found(g, hourStartMillis, parameters)
                            : match.with(g, hourStartMillis, parameters);
            if (match == null || next.hourStartMillis() == hourStartMillis) {
                changed.removeIf(c -> c.id().equals(next.id()));
                changed.add(next);
            }
            byId.put(next.id(), next);
        }
        return changed;
    }

    /**
     * The candidates joined where they share a repository, each cluster as its actors' newest
     * profiles.
     */
    static List<Collection<ActorProfile>> clusters(Collection<List<ActorProfile>> candidates) {
        List<List<ActorProfile>> parts = new ArrayList<>(candidates);
        int[] parent = new int[parts.size()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        Map<String, Integer> firstWithRepo = new HashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            for (String repo : sharedRepos(parts.get(i))) {
                Integer j = firstWithRepo.putIfAbsent(repo, i);
                if (j != null) {
                    parent[find(parent, i)] = find(parent, j);
                }
            }
        }
        Map<Integer, Map<String, ActorProfile>> byRoot = new LinkedHashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            Map<String, ActorProfile> newest =
                    byRoot.computeIfAbsent(find(parent, i), k -> new HashMap<>());
            for (ActorProfile a : parts.get(i)) {
                newest.merge(a.login(), a, (x, y) -> x.lastAtMillis() >= y.lastAtMillis() ? x : y);
            }
        }
        List<Collection<ActorProfile>> clusters = new ArrayList<>();
        byRoot.values().forEach(m -> clusters.add(m.values()));
        return clusters;
    }

    /** The repositories at least half of a candidate's profiles act on: what the part is about. */
    private static List<String> sharedRepos(List<ActorProfile> part) {
        Map<String, Integer> support = new HashMap<>();
        for (ActorProfile a : part) {
            for (String r : a.repos()) {
                support.merge(r, 1, Integer::sum);
            }
        }
        List<String> shared = new ArrayList<>();
        support.forEach(
                (r, n) -> {
                    if (2 * n >= part.size()) {
                        shared.add(r);
                    }
                });
        return shared;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }
}
