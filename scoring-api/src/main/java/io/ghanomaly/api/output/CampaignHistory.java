package io.ghanomaly.api.output;

import io.ghanomaly.core.campaign.Campaign;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every campaign row the job committed, by campaign: its latest state, its timeline (a row per hour
 * it was found or grew), and which campaigns hold an account or a repository. Campaigns are few (a
 * row per campaign per hour it changes), so they are held whole and indexed once per refresh.
 */
public final class CampaignHistory {
    /**
     * A campaign's state after an hour, and when the job committed the file that holds it.
     *
     * @param committedAtMillis the file's modification time: the job renames a file into place when
     *     it commits it, so this is when the state became visible
     */
    public record State(Campaign campaign, long committedAtMillis) {}

    /** Oldest state first; between states of one hour, the smaller. */
    private static final Comparator<State> OLDEST_FIRST =
            Comparator.<State>comparingLong(s -> s.campaign().hourStartMillis())
                    .thenComparingInt(s -> s.campaign().members().size())
                    .thenComparingInt(s -> s.campaign().repos().size());

    public static final CampaignHistory EMPTY = new CampaignHistory(Map.of());

    private final Map<String, List<State>> timelines = new HashMap<>();
    private final List<State> latest;
    private final Map<String, List<State>> byMember = new HashMap<>();
    private final Map<String, List<State>> byRepo = new HashMap<>();

    public CampaignHistory(Map<CommittedFile, List<Campaign>> rows) {
        rows.forEach(
                (file, campaigns) -> {
                    for (Campaign c : campaigns) {
                        timelines
                                .computeIfAbsent(c.id(), id -> new ArrayList<>())
                                .add(new State(c, file.modifiedMillis()));
                    }
                });
        List<State> heads = new ArrayList<>();
        for (List<State> t : timelines.values()) {
            t.sort(OLDEST_FIRST);
            heads.add(t.get(t.size() - 1));
        }
        heads.sort(OLDEST_FIRST.reversed().thenComparing(s -> s.campaign().id()));
        latest = List.copyOf(heads);
        for (State s : latest) {
            for (String login : s.campaign().members()) {
                byMember.computeIfAbsent(login, l -> new ArrayList<>()).add(s);
            }
            for (String repo : s.campaign().repos()) {
                byRepo.computeIfAbsent(repo, r -> new ArrayList<>()).add(s);
            }
        }
    }

    /** Every campaign's latest state, newest first. */
    public List<State> latest() {
        return latest;
    }

    /** A campaign's states, oldest hour first; empty when no campaign has that id. */
    public List<State> timeline(String id) {
        return List.copyOf(timelines.getOrDefault(id, List.of()));
    }

    /** A campaign's latest state. */
    public Optional<State> get(String id) {
        List<State> t = timelines.get(id);
        return t == null ? Optional.empty() : Optional.of(t.get(t.size() - 1));
    }

    /** The campaigns with this account among their members, newest first. */
    public List<State> ofMember(String login) {
        return List.copyOf(byMember.getOrDefault(login, List.of()));
    }

    /**
     * The campaigns with this repository ({@code owner/name}) among their targets, newest first.
     */
    public List<State> ofRepo(String repo) {
        return List.copyOf(byRepo.getOrDefault(repo, List.of()));
    }
}
