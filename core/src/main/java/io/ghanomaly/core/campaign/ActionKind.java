package io.ghanomaly.core.campaign;

import io.ghanomaly.core.event.GhEvent;

/**
 * The actions on a repository that abusers buy and that lockstep detection looks at: a star, a
 * fork, an issue opened, a comment on an issue or pull request, a pull request opened, a review
 * comment. Each is a bit of a mask, so one target of an actor can hold several.
 */
public enum ActionKind {
    STAR,
    FORK,
    ISSUE,
    ISSUE_COMMENT,
    PULL_REQUEST,
    REVIEW_COMMENT;

    public int bit() {
        return 1 << ordinal();
    }

    /** The kind of this event, or null for an event that is none of them (or has no repository). */
    public static ActionKind of(GhEvent e) {
        if (e.repoName() == null) {
            return null; // FollowEvent: its target is a user, which the event does not keep
        }
        return switch (e.type()) {
            case "WatchEvent" -> STAR;
            case "ForkEvent" -> FORK;
            case "IssuesEvent" -> "opened".equals(e.action()) ? ISSUE : null;
            case "IssueCommentEvent" -> ISSUE_COMMENT;
            case "PullRequestEvent" -> "opened".equals(e.action()) ? PULL_REQUEST : null;
            case "PullRequestReviewCommentEvent" -> REVIEW_COMMENT;
            default -> null;
        };
    }

    /** The names of the kinds in a mask, lower case, in declaration order. */
    public static java.util.List<String> names(int mask) {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (ActionKind k : values()) {
            if ((mask & k.bit()) != 0) {
                names.add(k.name().toLowerCase(java.util.Locale.ROOT));
            }
        }
        return names;
    }

    /** The mask of these names (as {@link #names} writes them); unknown names are left out. */
    public static int mask(java.util.Collection<String> names) {
        int mask = 0;
        for (ActionKind k : values()) {
            if (names.contains(k.name().toLowerCase(java.util.Locale.ROOT))) {
                mask |= k.bit();
            }
        }
        return mask;
    }
}
