package io.ghanomaly.job.campaign;

import io.ghanomaly.core.campaign.RepoKeys;

/**
 * What a repository's search reads of the profiles it keeps, in one state value: for each kept
 * actor, in the order they first came, its login, when it last acted and its repositories' {@link
 * RepoKeys}. On RocksDB this is one read an hour where reading the profiles one entry at a time
 * made the repositories' search the job's slowest thread; the profiles' bytes stay in their own
 * entries, read only for a group's members.
 *
 * @param repoKeys each actor's, ascending
 */
public record RepoIndex(String[] logins, long[] lastAtMillis, long[][] repoKeys) {

    public int size() {
        return logins.length;
    }

    /** When the one that acted least recently last acted: the next to leave the window. */
    public long oldestMillis() {
        long oldest = Long.MAX_VALUE;
        for (long t : lastAtMillis) {
            oldest = Math.min(oldest, t);
        }
        return oldest;
    }
}
