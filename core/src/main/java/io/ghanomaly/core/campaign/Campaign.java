package io.ghanomaly.core.campaign;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * A coordinated campaign as it stands after an hour: every account and repository any of its
 * lockstep groups held. Its id is made when it is first found and kept as it grows.
 *
 * @param id {@code campaign-<first hour>-<hash of its first repositories>}
 * @param status {@code new} the hour it is found, {@code grew} an hour it gains accounts or
 *     repositories
 * @param hourStartMillis the hour of this state
 * @param firstDetectedHourMillis the hour it was found
 * @param members sorted logins
 * @param repos sorted {@code owner/name}s
 * @param kinds the mask of the {@link ActionKind}s taken
 * @param firstAtMillis the first action of a member in the window it was seen in
 * @param lastAtMillis the last action of a member
 * @param tightness of its latest group (see {@link LockstepGroup#tightness})
 * @param confidence how far its members are above the share that makes lockstep: 0 at the share, 1
 *     when every member acted on every repository
 * @param singlePurposeShare of its latest group (see {@link LockstepGroup#singlePurposeShare})
 * @param lowActivityShare of its latest group (see {@link LockstepGroup#lowActivityShare})
 */
public record Campaign(
        String id,
        String status,
        long hourStartMillis,
        long firstDetectedHourMillis,
        List<String> members,
        List<String> repos,
        int kinds,
        long firstAtMillis,
        long lastAtMillis,
        double tightness,
        double confidence,
        double singlePurposeShare,
        double lowActivityShare) {

    public static final String NEW = "new";
    public static final String GREW = "grew";

    public Campaign {
        // copies Flink's Kryo can restore from state (it cannot add to List.copyOf's lists)
        members = new ArrayList<>(members);
        repos = new ArrayList<>(repos);
    }

    /** A campaign first found as this group in this hour. */
    static Campaign found(LockstepGroup g, long hourStartMillis, LockstepParameters p) {
        String hour = java.time.Instant.ofEpochMilli(hourStartMillis).toString().substring(0, 13);
        String id =
                String.format(
                        Locale.ROOT,
                        "campaign-%s-%08x",
                        hour,
                        String.join(",", g.repos()).hashCode());
        return new Campaign(
                id,
                NEW,
                hourStartMillis,
                hourStartMillis,
                g.members(),
                g.repos(),
                g.kinds(),
                g.firstAtMillis(),
                g.lastAtMillis(),
                g.tightness(),
                confidence(g.tightness(), p),
                g.singlePurposeShare(),
                g.lowActivityShare());
    }

    /** This campaign with a group found again in a later hour; status grew when it added to it. */
    Campaign with(LockstepGroup g, long hourStartMillis, LockstepParameters p) {
        List<String> m = union(members, g.members());
        List<String> r = union(repos, g.repos());
        boolean grew = m.size() > members.size() || r.size() > repos.size();
        return new Campaign(
                id,
                grew ? GREW : status,
                grew ? hourStartMillis : this.hourStartMillis,
                firstDetectedHourMillis,
                m,
                r,
                kinds | g.kinds(),
                Math.min(firstAtMillis, g.firstAtMillis()),
                Math.max(lastAtMillis, g.lastAtMillis()),
                g.tightness(),
                confidence(g.tightness(), p),
                g.singlePurposeShare(),
                g.lowActivityShare());
    }

    /** The share of this group's accounts that are members already. */
    double memberOverlap(LockstepGroup g) {
        Set<String> mine = Set.copyOf(members);
        int shared = 0;
        for (String login : g.members()) {
            if (mine.contains(login)) {
                shared++;
            }
        }
        return (double) shared / g.members().size();
    }

    /** The share of this group's repositories that are targets already. */
    double repoOverlap(LockstepGroup g) {
        Set<String> mine = Set.copyOf(repos);
        int shared = 0;
        for (String repo : g.repos()) {
            if (mine.contains(repo)) {
                shared++;
            }
        }
        return (double) shared / g.repos().size();
    }

    public List<String> kindNames() {
        return ActionKind.names(kinds);
    }

    private static double confidence(double tightness, LockstepParameters p) {
        return Math.max(0, Math.min(1, (tightness - p.minShare()) / (1 - p.minShare() + 1e-9)));
    }

    private static List<String> union(List<String> a, List<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return new ArrayList<>(all);
    }
}
