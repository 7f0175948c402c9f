package io.ghanomaly.core.campaign;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the densest lockstep group among actor profiles, CopyCatch-style (Beutel et al., WWW 2013):
 * starting from the repositories enough of the profiles share, it alternates between the accounts
 * that acted on at least the share of those repositories and the repositories at least the share of
 * those accounts acted on, until neither changes. Work is bounded by profiles times their targets
 * per round, and at most {@link #ROUNDS} rounds.
 */
public final class LockstepSearch {
    static final int ROUNDS = 16;

    /** The most repositories a search starts from: the ones most shared. */
    static final int MAX_START_REPOS = 256;

    /** How close together a low-activity account's actions are: within one day. */
    static final long ONE_DAY_MS = 24 * 3_600_000L;

    private LockstepSearch() {}

    /**
     * The group of at least {@code minActors} accounts on at least the parameters' repositories and
     * owners, or null.
     *
     * @param minActors the parameters' for a verdict; fewer to look for the part of a group that
     *     one repository sees
     */
    public static LockstepGroup find(
            Collection<ActorProfile> profiles, LockstepParameters p, int minActors) {
        List<ActorProfile> candidates = new ArrayList<>();
        for (ActorProfile a : profiles) {
            if (a.repos().length >= p.minTargets()) {
                candidates.add(a);
            }
        }
        if (candidates.size() < minActors) {
            return null;
        }
        String[] repos = mostShared(candidates, p.minSupport(minActors));
        for (int round = 0; round < ROUNDS && repos.length >= p.minRepos(); round++) {
            List<ActorProfile> members = covering(candidates, repos, p.minShare());
            if (members.isEmpty()) {
                // the repositories shared include some the group does not act on: keep the most
                // shared three quarters and try again
                repos = Arrays.copyOf(repos, repos.length * 3 / 4);
                Arrays.sort(repos);
                continue;
            }
            String[] next = sharedBy(members, repos, p.minSupport(members.size()));
            if (Arrays.equals(next, repos)) {
                return members.size() >= minActors && owners(repos) >= p.minOwners()
                        ? group(members, repos)
                        : null;
            }
            repos = next;
        }
        return null;
    }

    /** Repositories at least {@code minSupport} profiles act on, most shared first. */
    private static String[] mostShared(List<ActorProfile> profiles, int minSupport) {
        Map<String, Integer> support = new HashMap<>();
        for (ActorProfile a : profiles) {
            for (String r : a.repos()) {
                support.merge(r, 1, Integer::sum);
            }
        }
        String[] shared =
                support.entrySet().stream()
                        .filter(e -> e.getValue() >= minSupport)
                        .sorted(
                                Map.Entry.<String, Integer>comparingByValue()
                                        .reversed()
                                        .thenComparing(Map.Entry.comparingByKey()))
                        .limit(MAX_START_REPOS)
                        .map(Map.Entry::getKey)
                        .toArray(String[]::new);
        return shared;
    }

    private static List<ActorProfile> covering(
            List<ActorProfile> profiles, String[] repos, double share) {
        // a set, not a sorted merge: sorting the repositories each round took more of a
        // repository's search than the overlaps (measured over three generated days)
        Set<String> set = new HashSet<>(Arrays.asList(repos));
        int need = (int) Math.ceil(repos.length * share);
        List<ActorProfile> members = new ArrayList<>();
        for (ActorProfile a : profiles) {
            if (a.overlap(set) >= need) {
                members.add(a);
            }
        }
        return members;
    }

    /** Of {@code repos}, those at least {@code minSupport} members act on, most shared first. */
    private static String[] sharedBy(List<ActorProfile> members, String[] repos, int minSupport) {
        Map<String, Integer> support = new HashMap<>();
        for (String r : repos) {
            support.put(r, 0);
        }
        for (ActorProfile a : members) {
            for (String r : a.repos()) {
                support.computeIfPresent(r, (k, v) -> v + 1);
            }
        }
        return Arrays.stream(repos)
                .filter(r -> support.get(r) >= minSupport)
                .sorted(
                        Comparator.<String>comparingInt(support::get)
                                .reversed()
                                .thenComparing(Comparator.naturalOrder()))
                .toArray(String[]::new);
    }

    static int owners(String[] repos) {
        Set<String> owners = new HashSet<>();
        for (String r : repos) {
            int slash = r.indexOf('/');
            owners.add(slash < 0 ? r : r.substring(0, slash));
        }
        return owners.size();
    }

    private static LockstepGroup group(List<ActorProfile> members, String[] repos) {
        String[] sorted = repos.clone();
        Arrays.sort(sorted);
        Set<String> inGroup = new HashSet<>(Arrays.asList(sorted));
        int kinds = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        double covered = 0;
        int singlePurpose = 0;
        int lowActivity = 0;
        List<String> logins = new ArrayList<>();
        for (ActorProfile a : members) {
            logins.add(a.login());
            int overlap = a.overlap(inGroup);
            covered += (double) overlap / sorted.length;
            if (overlap == a.repos().length) {
                singlePurpose++;
                if (a.lastAtMillis() - a.firstAtMillis() < ONE_DAY_MS) {
                    lowActivity++;
                }
            }
            for (int i = 0; i < a.repos().length; i++) {
                if (inGroup.contains(a.repos()[i])) {
                    kinds |= a.kinds()[i];
                }
            }
            first = Math.min(first, a.firstAtMillis());
            last = Math.max(last, a.lastAtMillis());
        }
        logins.sort(Comparator.naturalOrder());
        return new LockstepGroup(
                logins,
                Arrays.asList(sorted),
                kinds,
                first,
                last,
                covered / members.size(),
                (double) singlePurpose / members.size(),
                (double) lowActivity / members.size());
    }
}
