package io.ghanomaly.core.campaign;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the lockstep candidates of a closed hour into campaigns: candidates that share a repository
 * are one cluster (each repository of a group sees only the members that acted on it, so a group
 * arrives in parts); the cluster's newest profiles are searched again with the full thresholds; a
 * group found is a campaign when its repositories are its own ({@link #ownRepos}), and then one
 * already known when half its accounts or half its repositories are that campaign's, and a new one
 * otherwise.
 */
public final class CampaignTracker {
    /** A group belongs to a known campaign when at least this share of it is the campaign's. */
    static final double SAME_CAMPAIGN = 0.5;

    private final LockstepParameters parameters;

    public CampaignTracker(LockstepParameters parameters) {
        this.parameters = parameters;
    }

    /**
     * What one repository's search handed on in an hour.
     *
     * @param repo the repository
     * @param repoActors the accounts it keeps: every one that acted on it within the window with
     *     enough targets to be in a group (at most {@link LockstepParameters#maxProfilesPerRepo})
     * @param profiles the part of a group it sees: the profiles of those of its accounts
     */
    public record Part(String repo, int repoActors, List<ActorProfile> profiles) {}

    /** A cluster of parts: their actors' newest profiles, and the parts. */
    record Cluster(Map<String, ActorProfile> profiles, List<Part> parts) {}

    /**
     * The campaigns that are new or grew in this hour, from its candidates.
     *
     * @param parts what each repository's search found this hour
     * @param known the campaigns so far; not changed here
     */
    public List<Campaign> hour(
            long hourStartMillis, Collection<Part> parts, Collection<Campaign> known) {
        List<Campaign> changed = new ArrayList<>();
        Map<String, Campaign> byId = new LinkedHashMap<>();
        known.forEach(c -> byId.put(c.id(), c));
        for (Cluster cluster : clusters(parts)) {
            LockstepGroup g =
                    LockstepSearch.find(
                            cluster.profiles().values(), parameters, parameters.minActors());
            if (g == null || !ownRepos(g, cluster, parameters)) {
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
     * Whether a group's repositories are its own: of those among them whose search handed on a part
     * this hour, at least one, and at least as many as not, are repositories where the group's
     * accounts are at least the share of the share of the accounts the repository keeps ({@link
     * LockstepParameters#ownsRepo}). The heavy users of the most popular repositories meet the
     * lockstep thresholds over days, but are a few in a hundred of each one's accounts (1-5% on a
     * generated week, README); a ring's targets are mostly its own, whatever popular repositories
     * its accounts also act on to look ordinary.
     */
    static boolean ownRepos(LockstepGroup g, Cluster cluster, LockstepParameters p) {
        Set<String> repos = Set.copyOf(g.repos());
        Set<String> seen = new HashSet<>();
        int own = 0;
        for (Part part : cluster.parts()) {
            if (!repos.contains(part.repo()) || !seen.add(part.repo())) {
                continue;
            }
            int members = 0;
            for (String login : g.members()) {
                if (cluster.profiles().get(login).actsOn(part.repo())) {
                    members++;
                }
            }
            if (p.ownsRepo(members, part.repoActors())) {
                own++;
            }
        }
        return own > 0 && 2 * own >= seen.size();
    }

    /** The parts joined where they share a repository. */
    static List<Cluster> clusters(Collection<Part> candidates) {
        List<Part> parts = new ArrayList<>(candidates);
        int[] parent = new int[parts.size()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        Map<String, Integer> firstWithRepo = new HashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            for (String repo : sharedRepos(parts.get(i).profiles())) {
                Integer j = firstWithRepo.putIfAbsent(repo, i);
                if (j != null) {
                    parent[find(parent, i)] = find(parent, j);
                }
            }
        }
        Map<Integer, Cluster> byRoot = new LinkedHashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            Cluster c =
                    byRoot.computeIfAbsent(
                            find(parent, i), k -> new Cluster(new HashMap<>(), new ArrayList<>()));
            c.parts().add(parts.get(i));
            for (ActorProfile a : parts.get(i).profiles()) {
                c.profiles()
                        .merge(
                                a.login(),
                                a,
                                (x, y) -> x.lastAtMillis() >= y.lastAtMillis() ? x : y);
            }
        }
        return new ArrayList<>(byRoot.values());
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
