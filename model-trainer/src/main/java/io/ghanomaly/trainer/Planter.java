package io.ghanomaly.trainer;

import io.ghanomaly.core.event.GhEvent;
import io.ghanomaly.core.feature.ActorHourAccumulator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;

/**
 * Writes a {@link Plant}'s events for one new actor in one hour. Each event is a clone of a real
 * event of the same type from that hour, with its payload (action, ref type, commit count) and,
 * where the plant acts on others' repositories, its repository; only the actor and the time are
 * new. Without real events ({@link #synthetic}), events are made up from the type alone, for the
 * trainer's comparison on feature history, which keeps no events.
 */
public final class Planter {
    private static final long MINUTE = 60_000L;

    private final Map<String, List<GhEvent>> byType;
    private final SplittableRandom random;

    private Planter(Map<String, List<GhEvent>> byType, long seed) {
        this.byType = byType;
        this.random = new SplittableRandom(seed);
    }

    /** A planter cloning these real events (of one hour). */
    public static Planter cloning(List<GhEvent> events, long seed) {
        Map<String, List<GhEvent>> byType = new HashMap<>();
        for (GhEvent e : events) {
            if (e.repoName() == null) {
                continue;
            }
            byType.computeIfAbsent(e.type(), k -> new ArrayList<>()).add(e);
            if (e.type().equals("CreateEvent") && "repository".equals(e.refType())) {
                byType.computeIfAbsent("CreateEvent:repository", k -> new ArrayList<>()).add(e);
            }
        }
        // The archive's payload-less slices (seed-parity) say no ref type: any creation then.
        if (!byType.containsKey("CreateEvent:repository") && byType.containsKey("CreateEvent")) {
            byType.put("CreateEvent:repository", byType.get("CreateEvent"));
        }
        return new Planter(byType, seed);
    }

    /** A planter that makes events up, with repositories of its own invention. */
    public static Planter synthetic(long seed) {
        return new Planter(null, seed);
    }

    /** The types of this plant the real hour has no event of (always none when synthetic). */
    public List<String> missingTypes(Plant p) {
        if (byType == null) {
            return List.of();
        }
        return p.types().stream().filter(t -> !byType.containsKey(t)).toList();
    }

    /**
     * Every plant this planter has the event types for, loud and subtle, {@code actors} new actors
     * each, as actor-hours of the hour starting at {@code hourStart}; a plant it cannot make is
     * said to {@code notPlanted}, with the types the hour lacks.
     */
    public List<PlantedEvaluation.Planted> actorHours(
            long hourStart, int actors, BiConsumer<Plant, List<String>> notPlanted) {
        List<PlantedEvaluation.Planted> planted = new ArrayList<>();
        for (Plant p : Plant.values()) {
            List<String> missing = missingTypes(p);
            if (!missing.isEmpty()) {
                notPlanted.accept(p, missing);
                continue;
            }
            for (Plant.Strength s : Plant.Strength.values()) {
                for (int i = 0; i < actors; i++) {
                    String login = "planted-" + p.label(s).replace('/', '-') + "-" + i;
                    ActorHourAccumulator acc = new ActorHourAccumulator();
                    plant(p, s, login, -1, hourStart).forEach(acc::add);
                    planted.add(
                            new PlantedEvaluation.Planted(
                                    p, s, acc.toFeatures(hourStart).values()));
                }
            }
        }
        return planted;
    }

    /** The plant's events for {@code login} in the hour starting at {@code hourStart}. */
    public List<GhEvent> plant(
            Plant p, Plant.Strength strength, String login, long actorId, long hourStart) {
        Plant.Form form = p.form(strength);
        long first = hourStart + random.nextInt(60 - form.minutes() + 1) * MINUTE;
        List<GhEvent> out = new ArrayList<>(form.events());
        String ownRepo = null;
        for (int i = 0; i < form.events(); i++) {
            String type = p.types().get(i % p.types().size());
            GhEvent like = like(type);
            String repo =
                    switch (p.target()) {
                        case OTHERS -> like.repoName();
                        case ONE_OWN ->
                                ownRepo == null
                                        ? (ownRepo = login + "/" + nameOf(like.repoName()))
                                        : ownRepo;
                        case NEW_OWN -> login + "/" + nameOf(like.repoName()) + "-" + i;
                    };
            long at = first + random.nextLong(form.minutes() * MINUTE);
            out.add(
                    new GhEvent(
                            at,
                            like.type(),
                            actorId,
                            login,
                            repo,
                            like.action(),
                            like.refType(),
                            like.pushedCommits(),
                            like.commitCountMissing()));
        }
        return out;
    }

    private GhEvent like(String type) {
        if (byType == null) {
            boolean repository = type.endsWith(":repository");
            String t = repository ? type.substring(0, type.indexOf(':')) : type;
            int owner = random.nextInt(1_000_000);
            return new GhEvent(
                    0,
                    t,
                    -1,
                    "",
                    "owner" + owner + "/repo" + random.nextInt(100),
                    "opened",
                    repository ? "repository" : t.equals("CreateEvent") ? "branch" : null,
                    t.equals("PushEvent") ? 1 : 0);
        }
        List<GhEvent> pool = byType.get(type);
        return pool.get(random.nextInt(pool.size()));
    }

    private static String nameOf(String repo) {
        int slash = repo.indexOf('/');
        return slash < 0 ? repo : repo.substring(slash + 1);
    }
}
