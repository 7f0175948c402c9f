package io.ghanomaly.core.campaign;

import java.util.Arrays;
import java.util.Set;

/**
 * What lockstep detection knows of an actor: the repositories it acted on within the window (at
 * most {@link LockstepParameters#maxTargets}, the most recent), sorted, with the kinds of action on
 * each, and when it first and last acted on them.
 *
 * @param repos sorted, distinct {@code owner/name}s
 * @param kinds for each repository, the mask of its {@link ActionKind}s
 */
public record ActorProfile(
        String login, String[] repos, int[] kinds, long firstAtMillis, long lastAtMillis) {

    public ActorProfile {
        if (repos.length != kinds.length) {
            throw new IllegalArgumentException("one kind mask per repository");
        }
    }

    public boolean actsOn(String repo) {
        return Arrays.binarySearch(repos, repo) >= 0;
    }

    /** How many of these repositories it acted on. */
    int overlap(Set<String> repos) {
        int n = 0;
        for (String r : this.repos) {
            if (repos.contains(r)) {
                n++;
            }
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ActorProfile p
                && login.equals(p.login)
                && Arrays.equals(repos, p.repos)
                && Arrays.equals(kinds, p.kinds)
                && firstAtMillis == p.firstAtMillis
                && lastAtMillis == p.lastAtMillis;
    }

    @Override
    public int hashCode() {
        return login.hashCode() * 31 + Arrays.hashCode(repos);
    }

    @Override
    public String toString() {
        return login + Arrays.toString(repos);
    }
}
