package io.ghanomaly.core.feature;

import java.util.HashMap;
import java.util.Map;

/**
 * The event types the archive has used, each mapped to the per-type count feature it feeds.
 *
 * <p>Retired types (Follow, Download, Gist, ForkApply, TeamAdd) and any type GitHub adds later
 * share {@link Feature#OTHER_TYPE_COUNT}, but stay distinct kinds for {@link
 * Feature#DISTINCT_EVENT_TYPES}; every type name this enum does not know is one kind, {@link
 * #UNKNOWN}.
 */
public enum EventKind {
    PUSH("PushEvent", Feature.PUSH_COUNT),
    CREATE("CreateEvent", Feature.CREATE_COUNT),
    DELETE("DeleteEvent", Feature.DELETE_COUNT),
    PULL_REQUEST("PullRequestEvent", Feature.PR_COUNT),
    PULL_REQUEST_REVIEW("PullRequestReviewEvent", Feature.PR_REVIEW_COUNT),
    PULL_REQUEST_REVIEW_COMMENT("PullRequestReviewCommentEvent", Feature.PR_REVIEW_COMMENT_COUNT),
    PULL_REQUEST_REVIEW_THREAD("PullRequestReviewThreadEvent", Feature.PR_REVIEW_COMMENT_COUNT),
    ISSUES("IssuesEvent", Feature.ISSUES_COUNT),
    ISSUE_COMMENT("IssueCommentEvent", Feature.ISSUE_COMMENT_COUNT),
    WATCH("WatchEvent", Feature.WATCH_COUNT),
    FORK("ForkEvent", Feature.FORK_COUNT),
    RELEASE("ReleaseEvent", Feature.RELEASE_COUNT),
    PUBLIC("PublicEvent", Feature.PUBLIC_COUNT),
    MEMBER("MemberEvent", Feature.MEMBER_COUNT),
    COMMIT_COMMENT("CommitCommentEvent", Feature.COMMIT_COMMENT_COUNT),
    GOLLUM("GollumEvent", Feature.GOLLUM_COUNT),
    DISCUSSION("DiscussionEvent", Feature.OTHER_TYPE_COUNT),
    SPONSORSHIP("SponsorshipEvent", Feature.OTHER_TYPE_COUNT),
    FOLLOW("FollowEvent", Feature.OTHER_TYPE_COUNT),
    DOWNLOAD("DownloadEvent", Feature.OTHER_TYPE_COUNT),
    GIST("GistEvent", Feature.OTHER_TYPE_COUNT),
    FORK_APPLY("ForkApplyEvent", Feature.OTHER_TYPE_COUNT),
    TEAM_ADD("TeamAddEvent", Feature.OTHER_TYPE_COUNT),
    UNKNOWN("", Feature.OTHER_TYPE_COUNT);

    private static final Map<String, EventKind> BY_TYPE = new HashMap<>();

    static {
        for (EventKind k : values()) {
            BY_TYPE.put(k.typeName, k);
        }
    }

    private final String typeName;
    private final Feature countFeature;

    EventKind(String typeName, Feature countFeature) {
        this.typeName = typeName;
        this.countFeature = countFeature;
    }

    public static EventKind of(String type) {
        return BY_TYPE.getOrDefault(type, UNKNOWN);
    }

    public String typeName() {
        return typeName;
    }

    /** The per-type count feature this kind adds to. */
    public Feature countFeature() {
        return countFeature;
    }
}
