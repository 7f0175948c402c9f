package io.ghanomaly.core.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CampaignTrackerTest {
    private static final LockstepParameters P = LockstepParameters.STARSCOUT;
    private static final long HOUR = 3_600_000L;
    private final CampaignTracker tracker = new CampaignTracker(P);

    @Test
    void joinsTheCandidatesEachRepositorySawIntoOneCampaignAndKeepsItsIdAsItGrows() {
        Random random = new Random(7);
        List<String> targets = LockstepSearchTest.repos("paid", 20, 20);
        List<ActorProfile> ring = LockstepSearchTest.ring("ring", 90, targets, 0.6, random);

        Campaign first = tracker.hour(HOUR, seen(ring.subList(0, 60), targets), List.of()).get(0);
        assertThat(first.status()).isEqualTo(Campaign.NEW);
        assertThat(first.members()).hasSize(60);
        assertThat(first.repos()).containsExactlyInAnyOrderElementsOf(targets);

        List<Campaign> later = tracker.hour(2 * HOUR, seen(ring, targets), List.of(first));
        assertThat(later).hasSize(1);
        assertThat(later.get(0).id()).isEqualTo(first.id());
        assertThat(later.get(0).status()).isEqualTo(Campaign.GREW);
        assertThat(later.get(0).members()).hasSize(90);
        assertThat(later.get(0).firstDetectedHourMillis()).isEqualTo(HOUR);

        assertThat(tracker.hour(3 * HOUR, seen(ring, targets), later))
                .as("nothing new: nothing reported")
                .isEmpty();
    }

    @Test
    void twoRingsOnDifferentRepositoriesAreTwoCampaigns() {
        Random random = new Random(8);
        List<String> a = LockstepSearchTest.repos("a", 12, 12);
        List<String> b = LockstepSearchTest.repos("b", 15, 15);
        List<CampaignTracker.Part> candidates = new ArrayList<>();
        candidates.addAll(seen(LockstepSearchTest.ring("x", 60, a, 0.8, random), a));
        candidates.addAll(seen(LockstepSearchTest.ring("y", 70, b, 0.8, random), b));

        List<Campaign> found = tracker.hour(HOUR, candidates, List.of());

        assertThat(found).hasSize(2);
        assertThat(found.stream().map(c -> c.members().size()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(60, 70);
        assertThat(found.get(0).id()).isNotEqualTo(found.get(1).id());
    }

    @Test
    void theHeavyUsersOfPopularRepositoriesAreNotACampaign() {
        Random random = new Random(9);
        List<String> popular = LockstepSearchTest.repos("popular", 12, 12);
        List<ActorProfile> regulars = LockstepSearchTest.ring("regular", 80, popular, 0.6, random);

        assertThat(tracker.hour(HOUR, seen(regulars, popular, 2_000), List.of()))
                .as("a few percent of each repository's 2,000 accounts")
                .isEmpty();
        assertThat(tracker.hour(HOUR, seen(regulars, popular, 150), List.of()))
                .as("the same accounts are a third of each repository's 150")
                .hasSize(1);
    }

    @Test
    void aRingThatAlsoActsOnPopularRepositoriesIsStillOne() {
        Random random = new Random(10);
        List<String> targets = LockstepSearchTest.repos("paid", 12, 12);
        List<String> popular = LockstepSearchTest.repos("popular", 3, 3);
        List<ActorProfile> ring = new ArrayList<>();
        for (ActorProfile a : LockstepSearchTest.ring("ring", 60, targets, 0.8, random)) {
            List<String> repos = new ArrayList<>(List.of(a.repos()));
            repos.addAll(popular);
            ring.add(LockstepSearchTest.profile(a.login(), repos));
        }
        List<CampaignTracker.Part> parts = new ArrayList<>(seen(ring, targets));
        parts.addAll(seen(ring, popular, 2_000));

        List<Campaign> found = tracker.hour(HOUR, parts, List.of());

        assertThat(found).hasSize(1);
        assertThat(found.get(0).members()).hasSize(60);
        assertThat(found.get(0).repos()).containsAll(targets);
    }

    /**
     * What each target's search hands on: the profiles of the members that acted on it, the only
     * accounts it keeps.
     */
    private static List<CampaignTracker.Part> seen(List<ActorProfile> ring, List<String> targets) {
        return seen(ring, targets, 0);
    }

    /** The same from repositories that keep {@code repoActors} accounts (0: only the members). */
    private static List<CampaignTracker.Part> seen(
            List<ActorProfile> ring, List<String> targets, int repoActors) {
        List<CampaignTracker.Part> parts = new ArrayList<>();
        for (String repo : targets) {
            List<ActorProfile> part = ring.stream().filter(p -> p.actsOn(repo)).toList();
            parts.add(new CampaignTracker.Part(repo, Math.max(repoActors, part.size()), part));
        }
        return parts;
    }
}
