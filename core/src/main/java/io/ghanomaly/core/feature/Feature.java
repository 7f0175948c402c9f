package io.ghanomaly.core.feature;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The named features of one actor-hour, defined once for the job, the trainer and the API.
 *
 * <p>The order of the constants is the order of a feature vector. The first five are the reference
 * project's, computed exactly as it computes them. How each is computed lives in {@link
 * ActorHourAccumulator}; changing a definition or the order means a new {@link #VERSION}.
 */
public enum Feature {
    EVENT_COUNT("event_count", Kind.COUNT, "all events"),
    PR_COUNT("pr_count", Kind.COUNT, "PullRequestEvent"),
    ISSUE_OPEN_COUNT(
            "issue_open_count",
            Kind.COUNT,
            "events whose type contains \"Issue\" (IssuesEvent, IssueCommentEvent), as the reference"
                    + " project counts them"),
    FORK_COUNT("fork_count", Kind.COUNT, "ForkEvent"),
    REPO_DIVERSITY(
            "repo_diversity",
            Kind.COUNT,
            "distinct repositories (exact up to 16,384, then HyperLogLog, 0.8% error)"),
    PUSH_COUNT("push_count", Kind.COUNT, "PushEvent"),
    PUSHED_COMMITS(
            "pushed_commits",
            Kind.COUNT,
            "commits pushed (payload.size; 1 per push where the archive no longer says)"),
    CREATE_COUNT("create_count", Kind.COUNT, "CreateEvent (branch, tag or repository)"),
    REPOS_CREATED("repos_created", Kind.COUNT, "CreateEvent with ref_type repository"),
    DELETE_COUNT("delete_count", Kind.COUNT, "DeleteEvent"),
    ISSUES_COUNT("issues_count", Kind.COUNT, "IssuesEvent"),
    ISSUE_COMMENT_COUNT("issue_comment_count", Kind.COUNT, "IssueCommentEvent"),
    PR_REVIEW_COUNT("pr_review_count", Kind.COUNT, "PullRequestReviewEvent"),
    PR_REVIEW_COMMENT_COUNT(
            "pr_review_comment_count",
            Kind.COUNT,
            "PullRequestReviewCommentEvent and PullRequestReviewThreadEvent"),
    WATCH_COUNT("watch_count", Kind.COUNT, "WatchEvent (stars)"),
    RELEASE_COUNT("release_count", Kind.COUNT, "ReleaseEvent"),
    PUBLIC_COUNT("public_count", Kind.COUNT, "PublicEvent (a repository made public)"),
    MEMBER_COUNT("member_count", Kind.COUNT, "MemberEvent"),
    COMMIT_COMMENT_COUNT("commit_comment_count", Kind.COUNT, "CommitCommentEvent"),
    GOLLUM_COUNT("gollum_count", Kind.COUNT, "GollumEvent (wiki edits)"),
    OTHER_TYPE_COUNT(
            "other_type_count",
            Kind.COUNT,
            "any other type (retired Follow/Download/Gist/ForkApply/TeamAdd, Discussion, new ones)"),
    DISTINCT_EVENT_TYPES("distinct_event_types", Kind.COUNT, "distinct event types"),
    ACTIVE_MINUTES("active_minutes", Kind.COUNT, "distinct minutes of the hour with an event"),
    MAX_EVENTS_PER_MINUTE("max_events_per_minute", Kind.COUNT, "most events in any one minute"),
    OWN_REPO_SHARE(
            "own_repo_share",
            Kind.RATIO,
            "share of events on repositories the actor owns (repo owner = login, any case)"),
    IS_BOT(
            "is_bot",
            Kind.FLAG,
            "1 when the login ends in [bot] or is a known bot login without the suffix (Copilot)"),
    EVENTS_PER_ACTIVE_MINUTE(
            "events_per_active_minute", Kind.RATE, "events divided by active_minutes"),
    BUSIEST_MINUTE_SHARE(
            "busiest_minute_share",
            Kind.RATIO,
            "share of the hour's events in its busiest minute (max_events_per_minute / events)"),
    REPOS_PER_EVENT(
            "repos_per_event",
            Kind.RATIO,
            "distinct repositories per event (repo_diversity / event_count): 1 when every event"
                    + " touches another repository"),
    ACTIVE_SPAN_MINUTES(
            "active_span_minutes",
            Kind.COUNT,
            "minutes from the first active minute to the last, both counted"),
    TOP_TYPE_SHARE(
            "top_type_share",
            Kind.RATIO,
            "share of the hour's events of its most frequent event type"),
    LOW_ACTIVITY(
            "low_activity",
            Kind.FLAG,
            "1 when the hour's events fall on at most 2 distinct seconds and 1 repository, and the"
                    + " actor had no event in the 15 days before the hour (StarScout's low-activity"
                    + " rule, as far as the close of the hour can know it)");

    /** The version of these definitions; part of every output row and model bundle. */
    public static final int VERSION = 3;

    /**
     * The features each version added, appended at the end so that the earlier ones keep their
     * definitions and positions: a bundle of version 1 reads the first 26 features of today's
     * vector and can still be served.
     */
    private static final int[] FEATURES_BY_VERSION = {0, 26, 31, 32};

    /** The reference project's five, in its {@code /predict} order. */
    public static final List<Feature> REFERENCE =
            List.of(EVENT_COUNT, PR_COUNT, ISSUE_OPEN_COUNT, FORK_COUNT, REPO_DIVERSITY);

    /**
     * Ratios of other features. The model reads them, but drift is judged on the features they are
     * made of: a share near 1 for most actor-hours has so small a spread that Evidently's normed
     * Wasserstein distance calls an ordinary hour drifted (measured: repos_per_event and
     * top_type_share at 0.10-0.12 between steady generated hours).
     */
    public static final Set<Feature> DERIVED =
            Collections.unmodifiableSet(
                    EnumSet.of(
                            EVENTS_PER_ACTIVE_MINUTE,
                            BUSIEST_MINUTE_SHARE,
                            REPOS_PER_EVENT,
                            TOP_TYPE_SHARE));

    /**
     * How a feature's value is stored: counts as longs, ratios (shares in [0, 1]) and rates (any
     * non-negative number) as doubles, flags as 0/1.
     */
    public enum Kind {
        COUNT,
        RATIO,
        RATE,
        FLAG
    }

    private final String columnName;
    private final Kind kind;
    private final String description;

    Feature(String columnName, Kind kind, String description) {
        this.columnName = columnName;
        this.kind = kind;
        this.description = description;
    }

    /** The name in output columns, model bundles and the API. */
    public String columnName() {
        return columnName;
    }

    public Kind kind() {
        return kind;
    }

    public String description() {
        return description;
    }

    /** Whether this feature existed, with today's definition, in feature version {@code v}. */
    public boolean existsIn(int v) {
        return v >= 1 && v <= VERSION && ordinal() < FEATURES_BY_VERSION[v];
    }

    public static int count() {
        return values().length;
    }
}
