package io.ghanomaly.core.campaign;

import java.time.Duration;

/**
 * What counts as lockstep: at least {@code minActors} accounts acting on at least {@code minRepos}
 * repositories of at least {@code minOwners} owners within {@code window}, each account on at least
 * {@code minShare} of them. The defaults are StarScout's (He et al., 2024: 15 days, 50 accounts, 10
 * repositories, half), plus the owners, so that a team working across its own organisation's
 * repositories is not a campaign.
 *
 * @param maxTargets an actor's most recent targets that its profile carries, a bound on the work
 *     and state per actor
 * @param maxProfilesPerRepo the profiles one repository keeps, a bound on its state; a repository
 *     with more (a star on the front page of a news site) keeps the first ones
 */
public record LockstepParameters(
        Duration window,
        int minActors,
        int minRepos,
        int minOwners,
        double minShare,
        int maxTargets,
        int maxProfilesPerRepo)
        implements java.io.Serializable {

    public static final LockstepParameters STARSCOUT =
            new LockstepParameters(Duration.ofDays(15), 50, 10, 5, 0.5, 32, 2_000);

    public LockstepParameters {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the lockstep window must be positive: " + window);
        }
        if (minActors < 2 || minRepos < 2 || minOwners < 1) {
            throw new IllegalArgumentException(
                    "lockstep needs at least 2 accounts, 2 repositories and 1 owner");
        }
        if (!(minShare > 0 && minShare <= 1)) {
            throw new IllegalArgumentException("the lockstep share must be in (0, 1]: " + minShare);
        }
        if (maxTargets < minTargets(minRepos, minShare) || maxProfilesPerRepo < minActors) {
            throw new IllegalArgumentException(
                    "a profile must hold enough targets and a repository enough profiles to see"
                            + " one group");
        }
    }

    /**
     * The targets an actor's state keeps (the newest): four profiles' worth. A bot that comments on
     * thousands of repositories an hour would otherwise keep each of them for the whole window, and
     * sort them all as each of its hours closes. An older target acted on again is kept anew, from
     * that action.
     */
    public int maxKeptTargets() {
        return 4 * maxTargets;
    }

    /** The fewest targets an account of a group can have: {@code minShare} of {@code minRepos}. */
    public int minTargets() {
        return minTargets(minRepos, minShare);
    }

    private static int minTargets(int minRepos, double minShare) {
        return (int) Math.ceil(minRepos * minShare);
    }

    /**
     * The fewest of a group's accounts that must act on a repository for it to be one of the
     * group's: the share of the share (a quarter, by default). Each member acts on half of the
     * group's repositories, so on average a repository has half of the members; one with fewer than
     * a quarter is more likely something members do besides.
     */
    int minSupport(int actors) {
        return Math.max(2, (int) Math.ceil(actors * minShare * minShare));
    }

    /**
     * Whether a repository is a group's own: the group's accounts that acted on it are at least the
     * share of the share (a quarter, as {@link #minSupport}) of the accounts it keeps. A ring's
     * targets are mostly the ring's; the repositories that heavy users share are everyone's.
     */
    public boolean ownsRepo(int groupActorsOnIt, int repoActors) {
        return groupActorsOnIt >= minShare * minShare * repoActors;
    }

    public long windowMillis() {
        return window.toMillis();
    }
}
