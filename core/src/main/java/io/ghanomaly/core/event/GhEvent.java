package io.ghanomaly.core.event;

import java.time.Instant;

/**
 * One public GitHub event, reduced to the fields the features need, whatever archive era it came
 * from.
 *
 * @param createdAtMillis when it happened, UTC epoch milliseconds
 * @param type the event type as the archive names it, e.g. {@code PushEvent}
 * @param actorId the numeric actor id, or -1 where the archive has none (Timeline era, seed data)
 * @param actorLogin the actor's login; never null
 * @param repoName {@code owner/name}, or null for events without a repository (FollowEvent)
 * @param action {@code payload.action} (opened, closed, started, ...), or null
 * @param refType {@code payload.ref_type} of Create/Delete events (branch, tag, repository), or
 *     null
 * @param pushedCommits commits in a PushEvent (0 for other types); see {@link GhEventParser}
 * @param commitCountMissing a PushEvent whose payload says nothing of its commits (the archive's
 *     since October 2025): {@code pushedCommits} is then 1, a lower bound
 */
public record GhEvent(
        long createdAtMillis,
        String type,
        long actorId,
        String actorLogin,
        String repoName,
        String action,
        String refType,
        int pushedCommits,
        boolean commitCountMissing) {

    /** An event whose payload, if a push, says how many commits it pushed. */
    public GhEvent(
            long createdAtMillis,
            String type,
            long actorId,
            String actorLogin,
            String repoName,
            String action,
            String refType,
            int pushedCommits) {
        this(
                createdAtMillis,
                type,
                actorId,
                actorLogin,
                repoName,
                action,
                refType,
                pushedCommits,
                false);
    }

    public Instant createdAt() {
        return Instant.ofEpochMilli(createdAtMillis);
    }
}
