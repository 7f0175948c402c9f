package io.ghanomaly.core.campaign;

import java.util.List;

/**
 * Accounts that acted on the same repositories within the window: every member acted on at least
 * the parameters' share of {@code repos}.
 *
 * @param members sorted logins
 * @param repos sorted {@code owner/name}s
 * @param kinds the mask of the {@link ActionKind}s the members took on those repositories
 * @param firstAtMillis the first action of a member in the window
 * @param lastAtMillis the last action of a member in the window
 * @param tightness the mean share of {@code repos} a member acted on (1: every member on every one)
 */
public record LockstepGroup(
        List<String> members,
        List<String> repos,
        int kinds,
        long firstAtMillis,
        long lastAtMillis,
        double tightness) {

    public LockstepGroup {
        members = List.copyOf(members);
        repos = List.copyOf(repos);
    }
}
