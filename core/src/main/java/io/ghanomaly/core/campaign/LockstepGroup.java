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
 * @param singlePurposeShare the share of members whose every action in the window that lockstep
 *     sees (star, fork, issue, comment, pull request) was on {@code repos}
 * @param lowActivityShare the share of members that are single-purpose and whose actions all fall
 *     within one day: StarScout's low-activity rule (one day, one repository, at most two event
 *     times) as far as it can hold for an account of a group, which acts on several repositories
 */
public record LockstepGroup(
        List<String> members,
        List<String> repos,
        int kinds,
        long firstAtMillis,
        long lastAtMillis,
        double tightness,
        double singlePurposeShare,
        double lowActivityShare) {

    public LockstepGroup {
        members = List.copyOf(members);
        repos = List.copyOf(repos);
    }
}
