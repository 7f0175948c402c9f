package io.ghanomaly.trainer;

import io.ghanomaly.core.feature.EventKind;
import io.ghanomaly.core.feature.Feature;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A kind of abuse planted into real hours to measure a model: what the planted actor does, in a
 * loud form (hundreds of events) and a subtle one (a volume active people reach every hour, given
 * away only by how it is spread over minutes, repositories and types).
 *
 * @param types the event types it emits, in turn; "CreateEvent:repository" asks for repository
 *     creations
 * @param target where the events go
 * @param loud the loud form
 * @param subtle the subtle form
 */
public enum Plant {
    STAR_SPREE(List.of("WatchEvent"), Target.OTHERS, new Form(250, 20), new Form(10, 2)),
    FORK_SPREE(List.of("ForkEvent"), Target.OTHERS, new Form(150, 15), new Form(6, 2)),
    ISSUE_SPAM(List.of("IssuesEvent"), Target.OTHERS, new Form(120, 30), new Form(6, 3)),
    COMMENT_SPAM(List.of("IssueCommentEvent"), Target.OTHERS, new Form(300, 40), new Form(10, 3)),
    PR_SPAM(List.of("PullRequestEvent"), Target.OTHERS, new Form(100, 30), new Form(5, 2)),
    PUSH_FLOOD(List.of("PushEvent"), Target.ONE_OWN, new Form(400, 5), new Form(20, 1)),
    REPO_SPREE(List.of("CreateEvent:repository"), Target.NEW_OWN, new Form(80, 10), new Form(6, 2)),
    TYPE_BLITZ(
            List.of(
                    "WatchEvent",
                    "ForkEvent",
                    "IssuesEvent",
                    "IssueCommentEvent",
                    "PullRequestEvent",
                    "PushEvent",
                    "CreateEvent"),
            Target.OTHERS,
            new Form(300, 6),
            new Form(14, 2));

    /** Where a planted actor's events go. */
    public enum Target {
        /** Each event on another owner's repository, as many repositories as events. */
        OTHERS,
        /** Every event on one repository of the actor's own. */
        ONE_OWN,
        /** Each event on a new repository of the actor's own. */
        NEW_OWN
    }

    /**
     * How much and how fast.
     *
     * @param events events per planted actor-hour
     * @param minutes the span of minutes they fall in
     */
    public record Form(int events, int minutes) {}

    /** Loud or subtle. */
    public enum Strength {
        LOUD,
        SUBTLE
    }

    private final List<String> types;
    private final Target target;
    private final Form loud;
    private final Form subtle;

    Plant(List<String> types, Target target, Form loud, Form subtle) {
        this.types = types;
        this.target = target;
        this.loud = loud;
        this.subtle = subtle;
    }

    public List<String> types() {
        return types;
    }

    public Target target() {
        return target;
    }

    public Form form(Strength s) {
        return s == Strength.LOUD ? loud : subtle;
    }

    public String label(Strength s) {
        return name().toLowerCase(Locale.ROOT) + "/" + s.name().toLowerCase(Locale.ROOT);
    }

    /**
     * The features that say what this behaviour did: the counts of the types it emits (for issues
     * and comments also the reference's issue_open_count), the repositories it created, its
     * distinct types when it mixes them, the commits and the pace of a push flood (its subtle form
     * is only fast). An explanation that names one of them tells an analyst what kind of abuse it
     * is; the total alone does not, so it does not count.
     */
    public Set<Feature> manipulated() {
        Set<Feature> f = counts();
        for (String t : types) {
            if (t.equals("IssuesEvent") || t.equals("IssueCommentEvent")) {
                f.add(Feature.ISSUE_OPEN_COUNT);
            }
        }
        if (types.size() > 1) {
            f.add(Feature.DISTINCT_EVENT_TYPES);
        }
        if (target == Target.ONE_OWN) {
            f.add(Feature.PUSHED_COMMITS);
            f.add(Feature.MAX_EVENTS_PER_MINUTE);
            f.add(Feature.EVENTS_PER_ACTIVE_MINUTE);
        }
        return f;
    }

    /** The counts of the types it emits, and the repositories it created if it creates them. */
    public Set<Feature> counts() {
        Set<Feature> f = EnumSet.noneOf(Feature.class);
        for (String t : types) {
            f.add(
                    EventKind.of(t.contains(":") ? t.substring(0, t.indexOf(':')) : t)
                            .countFeature());
        }
        if (t(":repository")) {
            f.add(Feature.REPOS_CREATED);
        }
        return f;
    }

    private boolean t(String suffix) {
        return types.stream().anyMatch(x -> x.endsWith(suffix));
    }
}
