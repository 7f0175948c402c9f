package io.ghanomaly.core.feature;

import static org.assertj.core.api.Assertions.assertThat;

import io.ghanomaly.core.event.GhEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ActorHourAccumulatorTest {
    private static final long HOUR = Instant.parse("2025-07-10T15:00:00Z").toEpochMilli();

    @Test
    void computesEveryFeatureOfAnActorHour() {
        ActorHourAccumulator acc = new ActorHourAccumulator();
        acc.add(event(0, "PushEvent", "Alice/app", null, null, 3));
        acc.add(event(10, "PushEvent", "alice/app", null, null, 2)); // own repo, any case
        acc.add(event(20, "IssuesEvent", "other/lib", "opened", null, 0));
        acc.add(event(70, "IssueCommentEvent", "other/lib", "created", null, 0));
        acc.add(event(75, "CreateEvent", "alice/new", null, "repository", 0));
        acc.add(event(80, "CreateEvent", "alice/new", null, "branch", 0));
        acc.add(event(3599, "FollowEvent", null, null, null, 0));
        acc.add(event(3599, "SomethingNewEvent", "x/y", null, null, 0));

        ActorHourFeatures f = acc.toFeatures(HOUR);

        assertThat(f.actorLogin()).isEqualTo("alice");
        assertThat(f.actorId()).isEqualTo(42);
        assertThat(f.value(Feature.EVENT_COUNT)).isEqualTo(8);
        assertThat(f.value(Feature.PUSH_COUNT)).isEqualTo(2);
        assertThat(f.value(Feature.PUSHED_COMMITS)).isEqualTo(5);
        assertThat(f.value(Feature.ISSUE_OPEN_COUNT)).isEqualTo(2);
        assertThat(f.value(Feature.ISSUES_COUNT)).isEqualTo(1);
        assertThat(f.value(Feature.ISSUE_COMMENT_COUNT)).isEqualTo(1);
        assertThat(f.value(Feature.CREATE_COUNT)).isEqualTo(2);
        assertThat(f.value(Feature.REPOS_CREATED)).isEqualTo(1);
        assertThat(f.value(Feature.OTHER_TYPE_COUNT)).isEqualTo(2);
        assertThat(f.value(Feature.DISTINCT_EVENT_TYPES)).isEqualTo(6);
        // repo names are compared as written, as the reference project does
        assertThat(f.value(Feature.REPO_DIVERSITY)).isEqualTo(5);
        assertThat(f.value(Feature.ACTIVE_MINUTES)).isEqualTo(3);
        assertThat(f.value(Feature.MAX_EVENTS_PER_MINUTE)).isEqualTo(3);
        assertThat(f.value(Feature.OWN_REPO_SHARE)).isEqualTo(4.0 / 8);
        assertThat(f.value(Feature.IS_BOT)).isZero();
        // the minute shape: minutes 0, 1 and 59 active
        assertThat(f.value(Feature.EVENTS_PER_ACTIVE_MINUTE)).isEqualTo(8.0 / 3);
        assertThat(f.value(Feature.BUSIEST_MINUTE_SHARE)).isEqualTo(3.0 / 8);
        assertThat(f.value(Feature.REPOS_PER_EVENT)).isEqualTo(5.0 / 8);
        assertThat(f.value(Feature.ACTIVE_SPAN_MINUTES)).isEqualTo(60);
        assertThat(f.value(Feature.TOP_TYPE_SHARE)).isEqualTo(2.0 / 8); // two pushes, two creates
        assertThat(f.values()).hasSize(Feature.count());
    }

    @Test
    void mergingTwoHalvesEqualsAddingEverything() {
        ActorHourAccumulator whole = new ActorHourAccumulator();
        ActorHourAccumulator first = new ActorHourAccumulator();
        ActorHourAccumulator second = new ActorHourAccumulator();
        for (int i = 0; i < 500; i++) {
            GhEvent e =
                    event(
                            i * 7,
                            i % 3 == 0 ? "WatchEvent" : "PushEvent",
                            "o/r" + i % 40,
                            null,
                            null,
                            1);
            whole.add(e);
            (i % 2 == 0 ? first : second).add(e);
        }
        assertThat(first.merge(second).toFeatures(HOUR)).isEqualTo(whole.toFeatures(HOUR));
    }

    @Test
    void flagsBotsByLogin() {
        assertThat(BotAccounts.isBot("github-actions[bot]")).isTrue();
        assertThat(BotAccounts.isBot("Copilot")).isTrue();
        assertThat(BotAccounts.isBot("copilot-fan")).isFalse();
        ActorHourAccumulator acc = new ActorHourAccumulator();
        acc.add(new GhEvent(HOUR, "PushEvent", 1, "dependabot[bot]", "a/b", null, null, 1));
        assertThat(acc.toFeatures(HOUR).value(Feature.IS_BOT)).isEqualTo(1);
    }

    @Test
    void featureNamesAreUniqueSnakeCaseAndStartWithTheReferenceFive() {
        assertThat(Feature.values())
                .extracting(Feature::columnName)
                .doesNotHaveDuplicates()
                .allMatch(n -> n.matches("[a-z][a-z0-9_]*"))
                .startsWith(
                        "event_count",
                        "pr_count",
                        "issue_open_count",
                        "fork_count",
                        "repo_diversity");
    }

    @Test
    void anHourOfAtMostTwoEventTimesOnOneRepositoryIsLowActivityByItself() {
        assertThat(lowActivity(event(5, "WatchEvent", "o/r", "started", null, 0))).isEqualTo(1);
        // two events in one second and a third in another: two distinct times
        assertThat(
                        lowActivity(
                                event(5, "WatchEvent", "o/r", "started", null, 0),
                                event(5, "ForkEvent", "o/r", null, null, 0),
                                event(900, "IssueCommentEvent", "o/r", "created", null, 0)))
                .isEqualTo(1);
        // a third distinct second, or a second repository, is more than the rule allows
        assertThat(
                        lowActivity(
                                event(5, "WatchEvent", "o/r", "started", null, 0),
                                event(6, "ForkEvent", "o/r", null, null, 0),
                                event(7, "IssueCommentEvent", "o/r", "created", null, 0)))
                .isZero();
        assertThat(
                        lowActivity(
                                event(5, "WatchEvent", "o/r", "started", null, 0),
                                event(5, "WatchEvent", "o/other", "started", null, 0)))
                .isZero();
        // an event without a repository (a follow) is not an action on one repository
        assertThat(lowActivity(event(5, "FollowEvent", null, null, null, 0))).isZero();
    }

    @Test
    void mergingKeepsTheDistinctEventTimes() {
        int[][] splits = {{5, 5}, {5, 6}, {6, 5}, {5, 6, 6, 5}, {5, 6, 7}, {7, 5, 6, 5}};
        for (int[] seconds : splits) {
            ActorHourAccumulator whole = new ActorHourAccumulator();
            ActorHourAccumulator first = new ActorHourAccumulator();
            ActorHourAccumulator second = new ActorHourAccumulator();
            for (int i = 0; i < seconds.length; i++) {
                GhEvent e = event(seconds[i], "WatchEvent", "o/r", "started", null, 0);
                whole.add(e);
                (i % 2 == 0 ? first : second).add(e);
            }
            assertThat(first.merge(second).toFeatures(HOUR).value(Feature.LOW_ACTIVITY))
                    .as("seconds %s", java.util.Arrays.toString(seconds))
                    .isEqualTo(whole.toFeatures(HOUR).value(Feature.LOW_ACTIVITY))
                    .isEqualTo(java.util.Arrays.stream(seconds).distinct().count() <= 2 ? 1 : 0);
        }
    }

    private static double lowActivity(GhEvent... events) {
        ActorHourAccumulator acc = new ActorHourAccumulator();
        for (GhEvent e : events) {
            acc.add(e);
        }
        return acc.toFeatures(HOUR).value(Feature.LOW_ACTIVITY);
    }

    private static GhEvent event(
            int second, String type, String repo, String action, String refType, int commits) {
        return new GhEvent(
                HOUR + second * 1000L, type, 42, "alice", repo, action, refType, commits);
    }
}
