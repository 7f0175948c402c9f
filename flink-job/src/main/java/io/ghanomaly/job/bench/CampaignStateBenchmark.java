package io.ghanomaly.job.bench;

import io.ghanomaly.core.archive.ArchiveFileReader;
import io.ghanomaly.core.archive.ArchiveHour;
import io.ghanomaly.core.archive.ArchiveRecord;
import io.ghanomaly.core.campaign.ActorProfile;
import io.ghanomaly.core.campaign.LockstepParameters;
import io.ghanomaly.job.campaign.ActorTargets;
import io.ghanomaly.job.campaign.CampaignSerializers;
import io.ghanomaly.job.campaign.KeptProfile;
import io.ghanomaly.job.campaign.KeptTargets;
import io.ghanomaly.job.campaign.RepoIndex;
import io.ghanomaly.job.campaign.Target;
import io.ghanomaly.job.campaign.TargetAction;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * The state lockstep detection keeps, over hour files read in order: the targets per actor of
 * {@code lockstep-actor-targets} (a value per actor: each repository acted on within the window)
 * and the profiles per repository of {@code lockstep-repos} (an entry in {@code lockstep-profiles}
 * per repository and actor of enough targets, and the repository's {@code lockstep-index}), kept
 * and expired by the job's rules with StarScout's parameters, each entry serialized with the
 * serializer its state uses, key and map key as RocksDB stores them (the hour's actions and
 * arrivals, emptied as the hour closes, are not counted). Prints the state after every day of hours
 * and at the end: entries, megabytes, bytes per active actor and repository. The window (15 days)
 * is longer than a week, so over a week nothing expires and the state grows with the days read.
 */
public final class CampaignStateBenchmark {
    private static final long HOUR = 3_600_000L;

    private final LockstepParameters p = LockstepParameters.STARSCOUT;
    private final DataOutputSerializer out = new DataOutputSerializer(1 << 12);

    /** login -> repo -> target: lockstep-actor-targets. */
    private final Map<String, Map<String, Target>> targets = new HashMap<>();

    /** repo -> login -> {serialized bytes of the entry, last action}: lockstep-repos. */
    private final Map<String, Map<String, long[]>> profiles = new HashMap<>();

    private CampaignStateBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.println("Usage: CampaignStateBenchmark PATH... (hour files or directories)");
            return;
        }
        List<Path> files = new ArrayList<>(StateSizeBenchmark.hourFiles(args));
        files.sort(
                Comparator.comparing(
                        f -> ArchiveHour.ofFileName(f.getFileName().toString()).orElseThrow(),
                        ArchiveHour.READ_ORDER));
        new CampaignStateBenchmark().run(files);
    }

    private void run(List<Path> files) throws IOException {
        System.out.printf(
                "%-26s %6s %11s %10s %11s %9s %10s %11s %9s %10s%n",
                "after hour file",
                "hours",
                "events",
                "actors",
                "targets",
                "actor MB",
                "repos",
                "profiles",
                "repo MB",
                "total MB");
        long events = 0;
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            long hourStart = hourOf(file);
            Map<String, Set<String>> actedThisHour = new HashMap<>();
            try (ArchiveFileReader reader = ArchiveFileReader.open(file)) {
                for (ArchiveRecord r = reader.next(); r != null; r = reader.next()) {
                    if (r.kind != ArchiveRecord.Kind.EVENT) {
                        continue;
                    }
                    events++;
                    TargetAction a = TargetAction.of(r.event);
                    if (a == null) {
                        continue;
                    }
                    Map<String, Target> mine =
                            targets.computeIfAbsent(a.login(), l -> new HashMap<>());
                    Target t = mine.get(a.repo());
                    mine.put(
                            a.repo(),
                            t == null
                                    ? new Target(a.kind(), a.atMillis(), a.atMillis())
                                    : t.with(a));
                    actedThisHour.computeIfAbsent(a.login(), l -> new HashSet<>()).add(a.repo());
                }
            }
            closeHour(hourStart + HOUR - 1, actedThisHour);
            if ((i + 1) % 24 == 0 || i == files.size() - 1) {
                report(file, i + 1, events);
            }
        }
        System.out.println(
                "(serialized bytes, key + map key + value, as RocksDB stores them and checkpoints"
                        + " hold them; the heap backend holds the objects, larger)");
    }

    /** What ActorTargets and RepoLockstep do when an hour closes. */
    private void closeHour(long end, Map<String, Set<String>> actedThisHour) throws IOException {
        long keepFrom = end + 1 - p.windowMillis();
        for (Map.Entry<String, Set<String>> acted : actedThisHour.entrySet()) {
            Map<String, Target> mine = targets.get(acted.getKey());
            mine.values().removeIf(t -> t.lastAtMillis() < keepFrom);
            if (mine.size() < p.minTargets()) {
                continue;
            }
            List<Map.Entry<String, Target>> kept = new ArrayList<>(mine.entrySet());
            kept.sort(ActorTargets.NEWEST_FIRST);
            if (kept.size() > p.maxKeptTargets()) {
                kept.subList(p.maxKeptTargets(), kept.size()).forEach(e -> mine.remove(e.getKey()));
            }
            kept = kept.subList(0, Math.min(kept.size(), p.maxTargets()));
            ActorProfile profile = ActorTargets.profile(acted.getKey(), kept);
            for (Map.Entry<String, Target> e : kept) {
                if (!acted.getValue().contains(e.getKey())) {
                    continue; // the profile goes to the repositories of this hour only
                }
                Map<String, long[]> ofRepo =
                        profiles.computeIfAbsent(e.getKey(), r -> new HashMap<>());
                if (ofRepo.containsKey(acted.getKey()) || ofRepo.size() < p.maxProfilesPerRepo()) {
                    ofRepo.put(
                            acted.getKey(),
                            new long[] {keptBytes(e.getKey(), profile), profile.lastAtMillis()});
                }
            }
        }
        if (end % (24 * HOUR) == 24 * HOUR - 1) { // expire the others once a day
            for (Iterator<Map<String, Target>> it = targets.values().iterator(); it.hasNext(); ) {
                Map<String, Target> mine = it.next();
                mine.values().removeIf(t -> t.lastAtMillis() < keepFrom);
                if (mine.isEmpty()) {
                    it.remove();
                }
            }
            for (Iterator<Map<String, long[]>> it = profiles.values().iterator(); it.hasNext(); ) {
                Map<String, long[]> ofRepo = it.next();
                ofRepo.values().removeIf(v -> v[1] < keepFrom);
                if (ofRepo.isEmpty()) {
                    it.remove();
                }
            }
        }
    }

    /**
     * A profile's bytes in its repository's state: its entry in {@code lockstep-profiles} (key, map
     * key, profile) and its part of the repository's {@code lockstep-index} (the index as written
     * with this one profile, less the repository's key and the count, counted once per repository).
     */
    private long keptBytes(String repo, ActorProfile profile) throws IOException {
        KeptProfile k = KeptProfile.of(profile);
        out.clear();
        CampaignSerializers.STRING.serialize(repo, out);
        CampaignSerializers.STRING.serialize(k.login(), out);
        long entry = out.length() + Integer.BYTES + k.serialized().length; // Flink's byte[]
        out.clear();
        CampaignSerializers.REPO_INDEX.serialize(
                new RepoIndex(
                        new String[] {k.login()},
                        new long[] {k.lastAtMillis()},
                        new long[][] {k.repoKeys()}),
                out);
        return entry + out.length() - 1;
    }

    private void report(Path file, int hours, long events) throws IOException {
        long targetEntries = 0;
        long targetBytes = 0;
        for (Map.Entry<String, Map<String, Target>> a : targets.entrySet()) {
            out.clear();
            CampaignSerializers.STRING.serialize(a.getKey(), out);
            CampaignSerializers.KEPT_TARGETS.serialize(
                    KeptTargets.of(new ArrayList<>(a.getValue().entrySet())), out);
            targetBytes += out.length();
            targetEntries += a.getValue().size();
        }
        long profileEntries = 0;
        long profileBytes = 0;
        for (Map.Entry<String, Map<String, long[]>> r : profiles.entrySet()) {
            Map<String, long[]> ofRepo = r.getValue();
            out.clear(); // the index's key and count
            CampaignSerializers.STRING.serialize(r.getKey(), out);
            profileBytes += out.length() + (ofRepo.size() < 128 ? 1 : 2);
            for (long[] v : ofRepo.values()) {
                profileBytes += v[0];
                profileEntries++;
            }
        }
        System.out.printf(
                "%-26s %,6d %,11d %,10d %,11d %,9.1f %,10d %,11d %,9.1f %,10.1f%n",
                file.getFileName(),
                hours,
                events,
                targets.size(),
                targetEntries,
                targetBytes / 1e6,
                profiles.size(),
                profileEntries,
                profileBytes / 1e6,
                (targetBytes + profileBytes) / 1e6);
        System.out.printf(
                "%-26s %s%n",
                "",
                String.format(
                        "%.0f B per actor with targets, %.0f B per repository with profiles",
                        targets.isEmpty() ? 0 : (double) targetBytes / targets.size(),
                        profiles.isEmpty() ? 0 : (double) profileBytes / profiles.size()));
    }

    private static long hourOf(Path file) {
        return ArchiveHour.ofFileName(file.getFileName().toString())
                .orElseThrow()
                .start()
                .toEpochMilli();
    }
}
