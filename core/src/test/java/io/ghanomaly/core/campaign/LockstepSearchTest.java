package io.ghanomaly.core.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class LockstepSearchTest {
    private static final LockstepParameters P = LockstepParameters.STARSCOUT;

    @Test
    void findsARingHiddenAmongOrganicStargazers() {
        Random random = new Random(1);
        List<String> targets = repos("paid", 20, 20);
        List<ActorProfile> profiles = new ArrayList<>(ring("ring", 60, targets, 0.7, random));
        profiles.addAll(organic(2_000, 10_000, random));

        LockstepGroup g = LockstepSearch.find(profiles, P, P.minActors());

        assertThat(g).isNotNull();
        assertThat(g.repos()).containsExactlyInAnyOrderElementsOf(targets);
        assertThat(g.members()).hasSize(60).allMatch(m -> m.startsWith("ring"));
        assertThat(g.tightness()).isBetween(0.6, 0.9);
        assertThat(g.kinds()).isEqualTo(ActionKind.STAR.bit());
    }

    @Test
    void leavesOutMembersOnLessThanHalfOfTheRepositories() {
        Random random = new Random(2);
        List<String> targets = repos("paid", 10, 10);
        List<ActorProfile> profiles = new ArrayList<>(ring("ring", 55, targets, 1.0, random));
        profiles.addAll(ring("loose", 20, targets, 0.3, random));

        LockstepGroup g = LockstepSearch.find(profiles, P, P.minActors());

        assertThat(g.members()).hasSize(55).allMatch(m -> m.startsWith("ring"));
    }

    @Test
    void aGroupOneAccountShortIsNoCampaign() {
        Random random = new Random(3);
        List<ActorProfile> profiles = ring("ring", 49, repos("paid", 12, 12), 1.0, random);

        assertThat(LockstepSearch.find(profiles, P, P.minActors())).isNull();
        assertThat(LockstepSearch.find(profiles, P, 10)).isNotNull();
    }

    @Test
    void aTeamOnItsOwnOrganisationsRepositoriesIsNoCampaign() {
        Random random = new Random(4);
        List<ActorProfile> team = ring("dev", 80, repos("kubernetes", 12, 2), 0.8, random);

        assertThat(LockstepSearch.find(team, P, P.minActors())).isNull();
    }

    @Test
    void peopleStarringAFewOfTheSameTrendingRepositoriesAreNoCampaign() {
        Random random = new Random(5);
        List<String> trending = repos("trending", 10, 10);
        List<ActorProfile> profiles = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            List<String> mine = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                mine.add(trending.get(random.nextInt(trending.size())));
            }
            for (int k = 0; k < 5; k++) {
                mine.add("owner" + random.nextInt(5_000) + "/repo");
            }
            profiles.add(profile("fan" + i, mine));
        }

        assertThat(LockstepSearch.find(profiles, P, P.minActors())).isNull();
    }

    /**
     * A member is single-purpose when lockstep saw it act on the group's repositories only, and
     * low-activity when, besides, all of that fell within one day.
     */
    @Test
    void saysHowManyMembersDoNothingElseAndHowManyWithinADay() {
        Random random = new Random(6);
        List<String> targets = repos("paid", 10, 10);
        List<ActorProfile> oneDay = ring("burst", 60, targets, 1.0, random);
        LockstepGroup burst = LockstepSearch.find(oneDay, P, P.minActors());
        assertThat(burst.singlePurposeShare()).isEqualTo(1.0);
        assertThat(burst.lowActivityShare()).isEqualTo(1.0);

        List<ActorProfile> overDays = new ArrayList<>();
        for (ActorProfile a : oneDay) {
            overDays.add(
                    new ActorProfile(
                            a.login(), a.repos(), a.kinds(), 0, 3 * LockstepSearch.ONE_DAY_MS));
        }
        LockstepGroup slow = LockstepSearch.find(overDays, P, P.minActors());
        assertThat(slow.singlePurposeShare()).isEqualTo(1.0);
        assertThat(slow.lowActivityShare()).isZero();

        List<ActorProfile> busy = new ArrayList<>();
        for (int m = 0; m < 60; m++) {
            List<String> mine = new ArrayList<>(targets);
            if (m < 45) {
                mine.add("own" + m + "/project"); // three quarters also act on their own
            }
            busy.add(profile("busy" + m, mine));
        }
        LockstepGroup mixed = LockstepSearch.find(busy, P, P.minActors());
        assertThat(mixed.members()).hasSize(60);
        assertThat(mixed.singlePurposeShare()).isEqualTo(0.25);
        assertThat(mixed.lowActivityShare()).isEqualTo(0.25);
    }

    static List<String> repos(String prefix, int count, int owners) {
        List<String> repos = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            repos.add(prefix + (i % owners) + "/r" + i);
        }
        return repos;
    }

    static List<ActorProfile> ring(
            String prefix, int members, List<String> targets, double share, Random random) {
        List<ActorProfile> ring = new ArrayList<>();
        int need = (int) Math.ceil(targets.size() * share);
        for (int m = 0; m < members; m++) {
            List<String> shuffled = new ArrayList<>(targets);
            java.util.Collections.shuffle(shuffled, random);
            ring.add(profile(prefix + m, shuffled.subList(0, need)));
        }
        return ring;
    }

    static List<ActorProfile> organic(int people, int repoSpace, Random random) {
        List<ActorProfile> profiles = new ArrayList<>();
        for (int i = 0; i < people; i++) {
            List<String> mine = new ArrayList<>();
            for (int k = 5 + random.nextInt(20); k > 0; k--) {
                mine.add("owner" + random.nextInt(repoSpace) + "/repo");
            }
            profiles.add(profile("person" + i, mine));
        }
        return profiles;
    }

    static ActorProfile profile(String login, List<String> repos) {
        TreeMap<String, Integer> kinds = new TreeMap<>();
        repos.forEach(r -> kinds.put(r, ActionKind.STAR.bit()));
        return new ActorProfile(
                login,
                kinds.keySet().toArray(String[]::new),
                kinds.values().stream().mapToInt(Integer::intValue).toArray(),
                0,
                3_600_000);
    }
}
