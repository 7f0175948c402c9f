package io.ghanomaly.generator;

/** The GH Archive event types the generator writes, with their share of a real 2025 hour. */
enum EventType {
    PUSH("PushEvent", 0.600),
    CREATE("CreateEvent", 0.131),
    PULL_REQUEST("PullRequestEvent", 0.069),
    ISSUE_COMMENT("IssueCommentEvent", 0.046),
    WATCH("WatchEvent", 0.035),
    PULL_REQUEST_REVIEW("PullRequestReviewEvent", 0.032),
    DELETE("DeleteEvent", 0.026),
    PULL_REQUEST_REVIEW_COMMENT("PullRequestReviewCommentEvent", 0.021),
    ISSUES("IssuesEvent", 0.019),
    FORK("ForkEvent", 0.008),
    RELEASE("ReleaseEvent", 0.006),
    PUBLIC("PublicEvent", 0.004),
    MEMBER("MemberEvent", 0.003),
    COMMIT_COMMENT("CommitCommentEvent", 0.001),
    GOLLUM("GollumEvent", 0.0009);

    private static final EventType[] ALL = values();

    /** The {@code type} field as the archive spells it. */
    final String archiveName;

    /** The share of all events of a real hour that have this type. */
    final double realShare;

    EventType(String archiveName, double realShare) {
        this.archiveName = archiveName;
        this.realShare = realShare;
    }

    /**
     * A small number standing for the type, for primitive arrays and indexes; weights passed to
     * {@link #pick} are indexed by it.
     */
    @SuppressWarnings("EnumOrdinal") // Never stored beyond one run, so the order may change.
    int code() {
        return ordinal();
    }

    static EventType ofCode(int code) {
        return ALL[code];
    }

    static int count() {
        return ALL.length;
    }

    /** Picks a type from running sums of weights indexed by {@link #code}. */
    static EventType pick(double[] cumulativeWeights, double uniform) {
        double target = uniform * cumulativeWeights[cumulativeWeights.length - 1];
        for (int i = 0; i < cumulativeWeights.length - 1; i++) {
            if (target < cumulativeWeights[i]) {
                return ALL[i];
            }
        }
        return ALL[cumulativeWeights.length - 1];
    }

    /** Turns weights indexed by {@link #code} into the running sums {@link #pick} expects. */
    static double[] cumulative(double[] weights) {
        double[] sums = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            sums[i] = sum;
        }
        return sums;
    }
}
