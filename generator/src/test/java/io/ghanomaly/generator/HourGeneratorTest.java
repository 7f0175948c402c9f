package io.ghanomaly.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ghanomaly.core.label.GroundTruthLabel;
import io.ghanomaly.core.label.PlantedBehaviour;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HourGeneratorTest {
    private static final Instant HOUR = Instant.parse("2025-01-01T15:00:00Z");

    /** A small hour with every behaviour planted once, quick enough for a unit test. */
    private static final GeneratorConfig SMALL =
            GeneratorConfig.defaults()
                    .withEventsPerHour(5_000)
                    .withActiveActorsPerHour(2_000)
                    .withActorPopulation(20_000)
                    .withPlantsPerBehaviour(1);

    private static final List<String> ENVELOPE =
            List.of("id", "type", "actor", "repo", "payload", "public", "created_at");
    private static final List<String> ENVELOPE_WITH_ORG =
            List.of("id", "type", "actor", "repo", "payload", "public", "created_at", "org");

    @Test
    void sameSeedAndHourGiveByteIdenticalFiles() throws IOException {
        byte[] first = gzippedHour(new HourGenerator(SMALL), HOUR);
        byte[] second = gzippedHour(new HourGenerator(SMALL), HOUR);

        assertThat(second).isEqualTo(first);
    }

    @Test
    void differentHoursOrSeedsGiveDifferentFiles() throws IOException {
        HourGenerator generator = new HourGenerator(SMALL);
        byte[] fifteen = gzippedHour(generator, HOUR);

        assertThat(gzippedHour(generator, HOUR.plusSeconds(3600))).isNotEqualTo(fifteen);
        assertThat(gzippedHour(new HourGenerator(SMALL.withSeed(7)), HOUR)).isNotEqualTo(fifteen);
    }

    @Test
    void everyLineIsAnArchiveEventWithTheArchivesFieldsInOrder() throws IOException {
        List<ArchiveLine> events =
                ArchiveLine.readGzipped(gzippedHour(new HourGenerator(SMALL), HOUR));

        assertThat(events).hasSizeGreaterThanOrEqualTo(SMALL.eventsPerHour());
        long previousId = 0;
        for (ArchiveLine event : events) {
            assertThat(event.fields())
                    .as("fields of event %s", event.id())
                    .isIn(ENVELOPE, ENVELOPE_WITH_ORG);
            assertThat(event.id()).matches("[1-9][0-9]+");
            assertThat(Long.parseLong(event.id()))
                    .as("ids rise through the file")
                    .isGreaterThan(previousId);
            previousId = Long.parseLong(event.id());
            assertThat(event.type()).endsWith("Event");
            assertThat(event.login()).isNotBlank();
            assertThat(event.repo()).contains("/");
            assertThat(event.createdAt()).isBetween(HOUR.minusSeconds(30), HOUR.plusSeconds(3599));
        }
    }

    @Test
    void writesThePreviousHoursLateEventsFirst() throws IOException {
        GeneratorConfig config = SMALL.withLateEventShare(0.01);
        List<ArchiveLine> events =
                ArchiveLine.readGzipped(gzippedHour(new HourGenerator(config), HOUR));

        List<ArchiveLine> late = events.stream().filter(e -> e.createdAt().isBefore(HOUR)).toList();
        assertThat(late).hasSizeBetween(30, 70);
        assertThat(events.subList(0, late.size())).isEqualTo(late);
        assertThat(late).allMatch(e -> !e.createdAt().isBefore(HOUR.minusSeconds(30)));
    }

    @Test
    void keepsTimestampsInOrderBarAFewStepsBackOfAtMostFiveSeconds() throws IOException {
        List<ArchiveLine> events =
                ArchiveLine.readGzipped(gzippedHour(new HourGenerator(SMALL), HOUR));

        Instant latest = events.get(0).createdAt();
        int stepsBack = 0;
        for (ArchiveLine event : events) {
            if (event.createdAt().isBefore(latest)) {
                stepsBack++;
                assertThat(event.createdAt()).isAfterOrEqualTo(latest.minusSeconds(5));
            } else {
                latest = event.createdAt();
            }
        }
        assertThat(stepsBack).isLessThan(events.size() / 100);
    }

    @Test
    void matchesTheTypeMixOfARealHour() throws IOException {
        // Without plants: in an hour this small the planted stars and forks would dominate.
        GeneratorConfig config = SMALL.withEventsPerHour(30_000).withPlantsPerBehaviour(0);
        List<ArchiveLine> events =
                ArchiveLine.readGzipped(gzippedHour(new HourGenerator(config), HOUR));

        Map<String, Long> counts =
                events.stream()
                        .collect(Collectors.groupingBy(ArchiveLine::type, Collectors.counting()));
        assertThat(counts.keySet()).hasSize(EventType.values().length);
        for (EventType type : EventType.values()) {
            double share = counts.getOrDefault(type.archiveName, 0L) / (double) events.size();
            assertThat(share)
                    .as("share of %s", type.archiveName)
                    .isBetween(type.realShare * 0.85 - 0.002, type.realShare * 1.15 + 0.002);
        }
    }

    @Test
    void botsMakeAboutAFifthOfEventsAndShowTheirLoginWithoutSuffix() throws IOException {
        List<ArchiveLine> events =
                ArchiveLine.readGzipped(gzippedHour(new HourGenerator(SMALL), HOUR));

        List<ArchiveLine> byBots = events.stream().filter(ArchiveLine::isByBot).toList();
        assertThat(byBots.size() / (double) events.size()).isBetween(0.15, 0.25);
        assertThat(byBots)
                .extracting(ArchiveLine::login)
                .contains("github-actions[bot]", "dependabot[bot]");
        for (ArchiveLine event : byBots) {
            assertThat(event.login()).startsWith(event.displayLogin());
            assertThat(event.displayLogin()).doesNotContain("[bot]");
        }
    }

    @Test
    void actorsKeepTheirIdsAndLoginsFromHourToHour() throws IOException {
        HourGenerator generator = new HourGenerator(SMALL);
        Map<String, Long> first = idsByLogin(ArchiveLine.readGzipped(gzippedHour(generator, HOUR)));
        Map<String, Long> later =
                idsByLogin(ArchiveLine.readGzipped(gzippedHour(generator, HOUR.plusSeconds(7200))));

        Set<String> returning =
                first.keySet().stream().filter(later::containsKey).collect(Collectors.toSet());
        assertThat(returning.size()).isGreaterThan(first.size() / 10);
        for (String login : returning) {
            assertThat(later.get(login)).as("id of %s", login).isEqualTo(first.get(login));
        }
    }

    @Test
    void everyLabelledActorShowsItsBehaviourInThatHour() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<GroundTruthLabel> labels = new HourGenerator(SMALL).writeHour(HOUR, out);
        List<ArchiveLine> events = ArchiveLine.readGzipped(out.toByteArray());
        Map<String, List<ArchiveLine>> byActor =
                events.stream().collect(Collectors.groupingBy(ArchiveLine::login));

        assertThat(labels)
                .extracting(GroundTruthLabel::behaviour)
                .contains(PlantedBehaviour.values());
        assertThat(labels).extracting(GroundTruthLabel::hour).containsOnly(HOUR);
        for (GroundTruthLabel label : labels) {
            List<ArchiveLine> own = byActor.getOrDefault(label.actorLogin(), List.of());
            switch (label.behaviour()) {
                case PUSH_BURST ->
                        assertThat(mostWithin(own, type("PushEvent"), 300))
                                .isGreaterThanOrEqualTo(200);
                case STAR_FORK_RING -> {
                    Predicate<ArchiveLine> starOrFork = type("WatchEvent").or(type("ForkEvent"));
                    assertThat(distinctRepos(own, starOrFork)).isGreaterThanOrEqualTo(30);
                    assertThat(mostWithin(own, starOrFork, 600)).isGreaterThanOrEqualTo(30);
                }
                case PR_SPAM ->
                        assertThat(distinctRepos(own, opened("PullRequestEvent")))
                                .isGreaterThanOrEqualTo(50);
                case ISSUE_SPAM -> {
                    assertThat(distinctRepos(own, opened("IssuesEvent")))
                            .isGreaterThanOrEqualTo(50);
                    assertThat(own).extracting(ArchiveLine::type).contains("IssueCommentEvent");
                }
                case REPO_CREATION_SPREE -> {
                    List<ArchiveLine> created =
                            own.stream().filter(e -> "repository".equals(e.refType())).toList();
                    assertThat(created).hasSizeGreaterThanOrEqualTo(20);
                    assertThat(created)
                            .allMatch(e -> e.repo().startsWith(label.actorLogin() + "/"));
                    assertThat(distinctRepos(created, e -> true)).isEqualTo(created.size());
                    long oldAccounts =
                            events.stream()
                                    .filter(e -> !isSpreeActor(labels, e.login()))
                                    .mapToLong(ArchiveLine::actorId)
                                    .max()
                                    .orElseThrow();
                    assertThat(own.get(0).actorId())
                            .as("a brand-new account's id")
                            .isGreaterThan(oldAccounts);
                }
            }
        }
    }

    @Test
    void rejectsAnImpossibleConfigOrHourWithAClearMessage() {
        assertThatThrownBy(() -> GeneratorConfig.defaults().withBotEventShare(1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("botEventShare");
        assertThatThrownBy(() -> GeneratorConfig.defaults().withActiveActorsPerHour(240_000))
                .hasMessageContaining("activeActorsPerHour");
        assertThatThrownBy(
                        () ->
                                new HourGenerator(SMALL)
                                        .writeHour(
                                                HOUR.plusSeconds(60), new ByteArrayOutputStream()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("start of a UTC hour");
    }

    private static Predicate<ArchiveLine> type(String type) {
        return event -> event.type().equals(type);
    }

    private static Predicate<ArchiveLine> opened(String type) {
        return type(type).and(event -> "opened".equals(event.action()));
    }

    private static boolean isSpreeActor(List<GroundTruthLabel> labels, String login) {
        return labels.stream()
                .anyMatch(
                        l ->
                                l.behaviour() == PlantedBehaviour.REPO_CREATION_SPREE
                                        && l.actorLogin().equals(login));
    }

    /** The most matching events inside any window of that many seconds. */
    private static int mostWithin(
            List<ArchiveLine> events, Predicate<ArchiveLine> matching, int seconds) {
        List<Instant> times =
                events.stream().filter(matching).map(ArchiveLine::createdAt).sorted().toList();
        int most = 0;
        for (int first = 0, last = 0; last < times.size(); last++) {
            while (times.get(last).getEpochSecond() - times.get(first).getEpochSecond()
                    >= seconds) {
                first++;
            }
            most = Math.max(most, last - first + 1);
        }
        return most;
    }

    private static long distinctRepos(List<ArchiveLine> events, Predicate<ArchiveLine> matching) {
        return events.stream().filter(matching).map(ArchiveLine::repo).distinct().count();
    }

    private static Map<String, Long> idsByLogin(List<ArchiveLine> events) {
        return events.stream()
                .filter(e -> !e.isByBot())
                .collect(Collectors.toMap(ArchiveLine::login, ArchiveLine::actorId, (a, b) -> a));
    }

    private static byte[] gzippedHour(HourGenerator generator, Instant hour) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        generator.writeHour(hour, out);
        return out.toByteArray();
    }
}
