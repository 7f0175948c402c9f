package io.ghanomaly.core.campaign;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Finds the densest lockstep group among actor profiles, CopyCatch-style (Beutel et al., WWW 2013):
 * starting from the repositories enough of the profiles share, it alternates between the accounts
 * that acted on at least the share of those repositories and the repositories at least the share of
 * those accounts acted on, until neither changes. Work is bounded by profiles times their targets
 * per round, and at most {@link #ROUNDS} rounds. It compares repositories by their {@link
 * RepoKeys}, counted in tables of primitives, so that a repository's state can be searched without
 * reading a name.
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
        List<ActorProfile> all = List.copyOf(profiles);
        List<long[]> keys = new ArrayList<>(all.size());
        for (ActorProfile a : all) {
            keys.add(RepoKeys.sorted(a.repos()));
        }
        Lockstep found = search(keys, p, minActors);
        if (found == null) {
            return null;
        }
        List<ActorProfile> members = new ArrayList<>();
        Set<String> repos = new TreeSet<>();
        for (int i : found.members()) {
            ActorProfile a = all.get(i);
            members.add(a);
            for (String r : a.repos()) {
                if (Arrays.binarySearch(found.repos(), RepoKeys.of(r)) >= 0) {
                    repos.add(r);
                }
            }
        }
        return group(members, repos.toArray(String[]::new));
    }

    /**
     * The members of the group among these profiles' repositories, as indices into {@code
     * repoKeys}, or null: what {@link #find} finds, for a caller that keeps profiles as keys.
     *
     * @param repoKeys each profile's {@link RepoKeys#sorted} repositories
     */
    public static int[] members(List<long[]> repoKeys, LockstepParameters p, int minActors) {
        Lockstep found = search(repoKeys, p, minActors);
        return found == null ? null : found.members();
    }

    /** Members (indices) and the group's repositories (ascending keys). */
    private record Lockstep(int[] members, long[] repos) {}

    private static Lockstep search(List<long[]> profiles, LockstepParameters p, int minActors) {
        int[] candidates =
                IntStream.range(0, profiles.size())
                        .filter(i -> profiles.get(i).length >= p.minTargets())
                        .toArray();
        if (candidates.length < minActors) {
            return null;
        }
        long[] repos = mostShared(profiles, candidates, p.minSupport(minActors));
        for (int round = 0; round < ROUNDS && repos.length >= p.minRepos(); round++) {
            long[] set = repos.clone();
            Arrays.sort(set);
            int[] members = covering(profiles, candidates, set, p.minShare());
            if (members.length == 0) {
                // the repositories shared include some the group does not act on: keep the most
                // shared three quarters and try again
                repos = Arrays.copyOf(repos, repos.length * 3 / 4);
                continue;
            }
            long[] next = sharedBy(profiles, members, set, p.minSupport(members.length));
            long[] nextSet = next.clone();
            Arrays.sort(nextSet);
            if (Arrays.equals(nextSet, set)) {
                return members.length >= minActors && owners(set) >= p.minOwners()
                        ? new Lockstep(members, set)
                        : null;
            }
            repos = next;
        }
        return null;
    }

    /** Repositories at least {@code minSupport} candidates act on, most shared first. */
    private static long[] mostShared(List<long[]> profiles, int[] candidates, int minSupport) {
        int total = 0;
        for (int i : candidates) {
            total += profiles.get(i).length;
        }
        KeyCounts support = new KeyCounts(total);
        for (int i : candidates) {
            for (long k : profiles.get(i)) {
                support.add(k);
            }
        }
        return mostSupportedFirst(support.atLeast(minSupport), MAX_START_REPOS);
    }

    /**
     * The candidates that act on at least {@code share} of {@code repos}. While the repositories
     * are more than twice a profile's targets nobody can, and the search only shrinks them: the
     * length check keeps those rounds from looking at each profile's repositories.
     */
    private static int[] covering(
            List<long[]> profiles, int[] candidates, long[] repos, double share) {
        int need = (int) Math.ceil(repos.length * share);
        KeyCounts set = null;
        List<Integer> members = new ArrayList<>();
        for (int i : candidates) {
            long[] keys = profiles.get(i);
            if (keys.length < need) {
                continue;
            }
            if (set == null) {
                set = KeyCounts.of(repos);
            }
            if (set.overlap(keys) >= need) {
                members.add(i);
            }
        }
        return members.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Of {@code repos}, those at least {@code minSupport} members act on. */
    private static long[] sharedBy(
            List<long[]> profiles, int[] members, long[] repos, int minSupport) {
        int total = 0;
        for (int m : members) {
            total += profiles.get(m).length;
        }
        KeyCounts support = new KeyCounts(total);
        for (int m : members) {
            for (long k : profiles.get(m)) {
                support.add(k);
            }
        }
        List<long[]> shared = new ArrayList<>();
        for (long r : repos) {
            int n = support.count(r);
            if (n >= minSupport) {
                shared.add(new long[] {r, n});
            }
        }
        return mostSupportedFirst(shared, Integer.MAX_VALUE);
    }

    /** The keys of {@code {key, support}} pairs, most supported first, then by key. */
    private static long[] mostSupportedFirst(List<long[]> shared, int limit) {
        shared.sort(Comparator.<long[]>comparingLong(e -> -e[1]).thenComparingLong(e -> e[0]));
        return shared.stream().limit(limit).mapToLong(e -> e[0]).toArray();
    }

    static int owners(long[] repos) {
        return (int) Arrays.stream(repos).map(RepoKeys::owner).distinct().count();
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
