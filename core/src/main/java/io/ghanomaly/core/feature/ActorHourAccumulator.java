package io.ghanomaly.core.feature;

import io.ghanomaly.core.event.GhEvent;

/**
 * Adds up one actor's events of one hour into the {@link Feature}s; every feature is computed here
 * and nowhere else.
 *
 * <p>Memory is bounded whatever the actor does: counters, 60 per-minute counts and a {@link
 * DistinctCounter} of at most 256 KB. Public mutable fields make it a Flink POJO for window state.
 */
public final class ActorHourAccumulator {
    private static final int MINUTES = 60;
    private static final long MILLIS_PER_MINUTE = 60_000L;

    public String actorLogin;

    /**
     * The largest id among the hour's events (a login freed and taken again within an hour names
     * two accounts), so that the order events come in does not matter: a backfill adds them in
     * another order than a run that reads files one by one.
     */
    public long actorId = -1;

    /** Events per {@link EventKind}, by ordinal. */
    public long[] kindCounts = new long[EventKind.values().length];

    /** Events whose type name contains "Issue": the reference project's issue_open_count. */
    public long issueLikeEvents;

    public long pushedCommits;
    public long reposCreated;
    public long ownRepoEvents;

    /** Events per minute of the hour. */
    public int[] minuteCounts = new int[MINUTES];

    public DistinctCounter repos = new DistinctCounter();

    /**
     * The first two distinct seconds (epoch) the hour's events fall on, -1 until seen, and whether
     * there were more: enough for {@link Feature#LOW_ACTIVITY}'s "at most 2 distinct event times".
     */
    public long firstSecond = -1;

    public long secondSecond = -1;
    public boolean moreSeconds;

    public ActorHourAccumulator add(GhEvent e) {
        if (actorLogin == null) {
            actorLogin = e.actorLogin();
        }
        actorId = Math.max(actorId, e.actorId());
        EventKind kind = EventKind.of(e.type());
        kindCounts[kind.ordinal()]++;
        if (e.type().contains("Issue")) {
            issueLikeEvents++;
        }
        pushedCommits += e.pushedCommits();
        if (kind == EventKind.CREATE && "repository".equals(e.refType())) {
            reposCreated++;
        }
        String repo = e.repoName();
        if (repo != null) {
            repos.add(repo);
            if (isOwnedBy(repo, e.actorLogin())) {
                ownRepoEvents++;
            }
        }
        minuteCounts[(int) Math.floorMod(e.createdAtMillis() / MILLIS_PER_MINUTE, MINUTES)]++;
        addSecond(Math.floorDiv(e.createdAtMillis(), 1000L));
        return this;
    }

    public ActorHourAccumulator merge(ActorHourAccumulator other) {
        if (actorLogin == null) {
            actorLogin = other.actorLogin;
        }
        actorId = Math.max(actorId, other.actorId);
        for (int i = 0; i < kindCounts.length; i++) {
            kindCounts[i] += other.kindCounts[i];
        }
        issueLikeEvents += other.issueLikeEvents;
        pushedCommits += other.pushedCommits;
        reposCreated += other.reposCreated;
        ownRepoEvents += other.ownRepoEvents;
        for (int m = 0; m < MINUTES; m++) {
            minuteCounts[m] += other.minuteCounts[m];
        }
        repos.merge(other.repos);
        if (other.firstSecond >= 0) {
            addSecond(other.firstSecond);
        }
        if (other.secondSecond >= 0) {
            addSecond(other.secondSecond);
        }
        moreSeconds |= other.moreSeconds;
        return this;
    }

    private void addSecond(long second) {
        if (firstSecond < 0) {
            firstSecond = second;
        } else if (second != firstSecond) {
            if (secondSecond < 0) {
                secondSecond = second;
            } else if (second != secondSecond) {
                moreSeconds = true;
            }
        }
    }

    /**
     * The feature vector, in {@link Feature} order, of the hour starting at hourStartMillis. Its
     * {@code low_activity} is the hour's own half of the rule: {@link LowActivity#withHistory}
     * clears it for an actor active in the 15 days before.
     */
    public ActorHourFeatures toFeatures(long hourStartMillis) {
        double[] v = new double[Feature.count()];
        long events = 0;
        long distinctKinds = 0;
        long topKind = 0;
        for (EventKind kind : EventKind.values()) {
            long n = kindCounts[kind.ordinal()];
            topKind = Math.max(topKind, n);
            v[kind.countFeature().ordinal()] += n;
            events += n;
            if (n > 0) {
                distinctKinds++;
            }
        }
        int activeMinutes = 0;
        int busiestMinute = 0;
        int firstMinute = -1;
        int lastMinute = -1;
        for (int m = 0; m < MINUTES; m++) {
            int n = minuteCounts[m];
            if (n > 0) {
                activeMinutes++;
                lastMinute = m;
                if (firstMinute < 0) {
                    firstMinute = m;
                }
            }
            busiestMinute = Math.max(busiestMinute, n);
        }
        v[Feature.EVENT_COUNT.ordinal()] = events;
        v[Feature.ISSUE_OPEN_COUNT.ordinal()] = issueLikeEvents;
        v[Feature.REPO_DIVERSITY.ordinal()] = repos.estimate();
        v[Feature.PUSHED_COMMITS.ordinal()] = pushedCommits;
        v[Feature.REPOS_CREATED.ordinal()] = reposCreated;
        v[Feature.DISTINCT_EVENT_TYPES.ordinal()] = distinctKinds;
        v[Feature.ACTIVE_MINUTES.ordinal()] = activeMinutes;
        v[Feature.MAX_EVENTS_PER_MINUTE.ordinal()] = busiestMinute;
        v[Feature.OWN_REPO_SHARE.ordinal()] = events == 0 ? 0 : (double) ownRepoEvents / events;
        v[Feature.IS_BOT.ordinal()] = BotAccounts.isBot(actorLogin) ? 1 : 0;
        v[Feature.EVENTS_PER_ACTIVE_MINUTE.ordinal()] =
                activeMinutes == 0 ? 0 : (double) events / activeMinutes;
        v[Feature.BUSIEST_MINUTE_SHARE.ordinal()] =
                events == 0 ? 0 : (double) busiestMinute / events;
        v[Feature.REPOS_PER_EVENT.ordinal()] =
                events == 0 ? 0 : v[Feature.REPO_DIVERSITY.ordinal()] / events;
        v[Feature.TOP_TYPE_SHARE.ordinal()] = events == 0 ? 0 : (double) topKind / events;
        v[Feature.ACTIVE_SPAN_MINUTES.ordinal()] =
                firstMinute < 0 ? 0 : lastMinute - firstMinute + 1;
        v[Feature.LOW_ACTIVITY.ordinal()] =
                events > 0 && !moreSeconds && repos.estimate() == 1 ? 1 : 0;
        return new ActorHourFeatures(actorLogin, actorId, hourStartMillis, v);
    }

    private static boolean isOwnedBy(String repo, String login) {
        return repo.length() > login.length()
                && repo.charAt(login.length()) == '/'
                && repo.regionMatches(true, 0, login, 0, login.length());
    }
}
