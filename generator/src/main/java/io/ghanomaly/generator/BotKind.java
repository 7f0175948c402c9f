package io.ghanomaly.generator;

/** The kinds of bot account in an hour, with their share of bot events and their type mix. */
enum BotKind {
    // Type weights in EventType order: push, create, pull request, issue comment, watch, review,
    // delete, review comment, issues, fork, release, public, member, commit comment, gollum.
    GITHUB_ACTIONS(
            "github-actions[bot]",
            41898282L,
            0.62,
            new double[] {80, 7, 3, 3, 0, 0, 2, 0, 1, 0, 4, 0, 0, 0, 0}),
    DEPENDABOT(
            "dependabot[bot]",
            49699333L,
            0.12,
            new double[] {15, 22, 35, 13, 0, 0, 15, 0, 0, 0, 0, 0, 0, 0, 0}),
    RENOVATE(
            "renovate[bot]",
            29139614L,
            0.05,
            new double[] {45, 15, 20, 8, 0, 0, 12, 0, 0, 0, 0, 0, 0, 0, 0}),
    PRE_COMMIT_CI(
            "pre-commit-ci[bot]",
            66853113L,
            0.015,
            new double[] {40, 10, 40, 0, 0, 0, 10, 0, 0, 0, 0, 0, 0, 0, 0}),
    // Copilot is a bot whose login has no "[bot]" suffix.
    COPILOT(
            "Copilot",
            198982749L,
            0.025,
            new double[] {5, 0, 20, 10, 0, 55, 0, 10, 0, 0, 0, 0, 0, 0, 0}),
    // The few hundred "<word>-<word>[bot]" apps of the population share what the others leave.
    CUSTOM(null, 0L, 0.17, new double[] {45, 8, 10, 25, 0, 0, 4, 3, 5, 0, 0, 0, 0, 0, 0});

    private static final BotKind[] ALL = values();

    /** The login, or null for custom bots, whose logins come from the population. */
    final String login;

    /** The real account id, or 0 for custom bots. */
    final long accountId;

    /** Share of all bot events made by this kind. */
    final double shareOfBotEvents;

    /**
     * Running sums of type weights, for {@link EventType#pick}; never written after construction.
     */
    @SuppressWarnings("ImmutableEnumChecker") // An array keeps picking a type fast.
    private final double[] cumulativeTypeWeights;

    BotKind(String login, long accountId, double shareOfBotEvents, double[] typeWeights) {
        this.login = login;
        this.accountId = accountId;
        this.shareOfBotEvents = shareOfBotEvents;
        this.cumulativeTypeWeights = EventType.cumulative(typeWeights);
    }

    /** The bots with their own fixed account, everything but {@link #CUSTOM}. */
    static int namedCount() {
        return ALL.length - 1;
    }

    static BotKind named(int index) {
        return ALL[index];
    }

    EventType pickType(double uniform) {
        return EventType.pick(cumulativeTypeWeights, uniform);
    }

    /** This kind's expected share of its events that have the given type. */
    double typeShare(EventType type) {
        double total = cumulativeTypeWeights[cumulativeTypeWeights.length - 1];
        int i = type.code();
        double weight = cumulativeTypeWeights[i] - (i == 0 ? 0 : cumulativeTypeWeights[i - 1]);
        return weight / total;
    }

    /** Whether this kind pushes to and opens pull requests on dependency-update branches. */
    boolean updatesDependencies() {
        return this == DEPENDABOT || this == RENOVATE;
    }
}
