package io.ghanomaly.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ghanomaly.core.feature.BotAccounts;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class ShiftTest {
    private static final Instant HOUR = Instant.parse("2025-01-01T15:00:00Z");
    private static final GeneratorConfig SMALL =
            GeneratorConfig.defaults()
                    .withEventsPerHour(5_000)
                    .withActiveActorsPerHour(2_000)
                    .withActorPopulation(20_000)
                    .withPlantsPerBehaviour(0);

    @Test
    void aBotStormQuadruplesTheBotsEventsAndLeavesThePeoplesAlone() throws IOException {
        List<ArchiveLine> steady = ArchiveLine.readGzipped(hour(Set.of()));
        List<ArchiveLine> storm = ArchiveLine.readGzipped(hour(Set.of(Shift.BOT_STORM)));

        assertThat(bots(storm)).isBetween(bots(steady) * 38 / 10, bots(steady) * 42 / 10);
        assertThat(storm.size() - bots(storm)).isEqualTo(steady.size() - bots(steady));
    }

    @Test
    void aSpamWaveIsNewAccountsOpeningIssuesFivePercentOfTheActivePeople() throws IOException {
        List<ArchiveLine> steady = ArchiveLine.readGzipped(hour(Set.of()));
        List<ArchiveLine> wave = ArchiveLine.readGzipped(hour(Set.of(Shift.SPAM_WAVE)));
        Map<String, List<ArchiveLine>> newAccounts =
                wave.stream()
                        .filter(e -> e.actorId() >= ActorPopulation.NEW_ACCOUNT_ID_BASE)
                        .collect(java.util.stream.Collectors.groupingBy(ArchiveLine::login));

        assertThat(newAccounts).hasSize(100); // 5% of 2,000
        long waveEvents = newAccounts.values().stream().mapToLong(List::size).sum();
        assertThat(wave).hasSize(steady.size() + (int) waveEvents); // on top of the hour
        for (List<ArchiveLine> events : newAccounts.values()) {
            assertThat(events).hasSizeBetween(4, 12);
            assertThat(events)
                    .extracting(ArchiveLine::type)
                    .containsOnly("IssuesEvent", "IssueCommentEvent");
            assertThat(events.stream().mapToLong(ArchiveLine::actorId).distinct().count()).isOne();
        }
    }

    @Test
    void pushCommitsDroppedWritesPushesAsTheArchiveHasSinceOctober2025() throws IOException {
        List<String> pushes =
                lines(hour(Set.of(Shift.PUSH_COMMITS_DROPPED))).stream()
                        .filter(l -> l.contains("\"type\":\"PushEvent\""))
                        .toList();

        assertThat(pushes).isNotEmpty();
        assertThat(pushes)
                .allSatisfy(
                        l ->
                                assertThat(l)
                                        .contains("\"push_id\"", "\"head\"", "\"before\"")
                                        .doesNotContain(
                                                "\"size\"", "\"distinct_size\"", "\"commits\""));
    }

    @Test
    void aShiftIsUnderWayFromItsHourOnAndNamesAreChecked() {
        Map<Shift, Instant> from = Map.of(Shift.SPAM_WAVE, HOUR);
        assertThat(Shift.activeAt(from, HOUR.minusSeconds(3600))).isEmpty();
        assertThat(Shift.activeAt(from, HOUR)).containsExactly(Shift.SPAM_WAVE);
        assertThat(Shift.activeAt(from, HOUR.plusSeconds(86_400))).containsExactly(Shift.SPAM_WAVE);
        assertThat(Shift.ofLabel("Bot-Storm")).isEqualTo(Shift.BOT_STORM);
        assertThatThrownBy(() -> Shift.ofLabel("storm"))
                .hasMessageContaining("bot-storm, spam-wave, push-commits-dropped");
    }

    private static long bots(List<ArchiveLine> events) {
        return events.stream().filter(e -> BotAccounts.isBot(e.login())).count();
    }

    private static byte[] hour(Set<Shift> shifts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new HourGenerator(SMALL).write(HOUR, out, SMALL, shifts);
        return out.toByteArray();
    }

    private static List<String> lines(byte[] gzipped) throws IOException {
        try (BufferedReader r =
                new BufferedReader(
                        new InputStreamReader(
                                new GZIPInputStream(new ByteArrayInputStream(gzipped)),
                                StandardCharsets.UTF_8))) {
            return r.lines().toList();
        }
    }
}
