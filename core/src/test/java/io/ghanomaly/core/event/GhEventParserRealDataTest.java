package io.ghanomaly.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ghanomaly.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The parser over every real hour and fixture in ../shared/data. */
class GhEventParserRealDataTest {
    private final GhEventParser parser = new GhEventParser();

    static Stream<Arguments> realHours() {
        return Stream.of(
                Arguments.of(
                        "2011-02-15-0.json.gz",
                        Map.ofEntries(
                                Map.entry("PushEvent", 888),
                                Map.entry("WatchEvent", 167),
                                Map.entry("MemberEvent", 11),
                                Map.entry("GollumEvent", 46),
                                Map.entry("CreateEvent", 236),
                                Map.entry("IssuesEvent", 65),
                                Map.entry("CommitCommentEvent", 25),
                                Map.entry("FollowEvent", 48),
                                Map.entry("DeleteEvent", 12),
                                Map.entry("PullRequestEvent", 40),
                                Map.entry("GistEvent", 39),
                                Map.entry("ForkEvent", 41),
                                Map.entry("DownloadEvent", 7),
                                Map.entry("PublicEvent", 1),
                                Map.entry("ForkApplyEvent", 2)),
                        Map.of("2011-02-15T00:00:00Z", 1628),
                        // Deleted users: an actor object without a login.
                        Map.of(DeadLetterReason.MISSING_ACTOR, 11)),
                Arguments.of(
                        "2013-02-15-0.json.gz",
                        Map.ofEntries(
                                Map.entry("PushEvent", 3048),
                                Map.entry("PullRequestEvent", 231),
                                Map.entry("FollowEvent", 146),
                                Map.entry("IssuesEvent", 619),
                                Map.entry("WatchEvent", 577),
                                Map.entry("ForkEvent", 276),
                                Map.entry("IssueCommentEvent", 958),
                                Map.entry("CreateEvent", 662),
                                Map.entry("GollumEvent", 109),
                                Map.entry("DeleteEvent", 47),
                                Map.entry("PullRequestReviewCommentEvent", 60),
                                Map.entry("GistEvent", 12),
                                Map.entry("CommitCommentEvent", 68),
                                Map.entry("MemberEvent", 33),
                                Map.entry("DownloadEvent", 1),
                                Map.entry("PublicEvent", 1)),
                        // Timeline times are -08:00: the file "hour 0" is 08:00 UTC.
                        Map.of("2013-02-15T08:00:00Z", 6752, "2013-02-15T09:00:00Z", 96),
                        // Anonymous gists: "actor": null.
                        Map.of(DeadLetterReason.MISSING_ACTOR, 3)),
                Arguments.of(
                        "2015-01-01-0.json.gz",
                        Map.ofEntries(
                                Map.entry("PushEvent", 4280),
                                Map.entry("CreateEvent", 815),
                                Map.entry("IssueCommentEvent", 650),
                                Map.entry("PullRequestReviewCommentEvent", 85),
                                Map.entry("PullRequestEvent", 315),
                                Map.entry("ForkEvent", 213),
                                Map.entry("WatchEvent", 642),
                                Map.entry("DeleteEvent", 141),
                                Map.entry("IssuesEvent", 373),
                                Map.entry("CommitCommentEvent", 56),
                                Map.entry("GollumEvent", 90),
                                Map.entry("ReleaseEvent", 24),
                                Map.entry("MemberEvent", 16),
                                Map.entry("PublicEvent", 2)),
                        Map.of("2015-01-01T00:00:00Z", 7702),
                        Map.of()),
                Arguments.of(
                        "2015-01-01-15.json.gz",
                        Map.ofEntries(
                                Map.entry("CreateEvent", 1471),
                                Map.entry("PushEvent", 5815),
                                Map.entry("WatchEvent", 1230),
                                Map.entry("ReleaseEvent", 60),
                                Map.entry("PullRequestEvent", 474),
                                Map.entry("IssuesEvent", 545),
                                Map.entry("ForkEvent", 355),
                                Map.entry("GollumEvent", 61),
                                Map.entry("IssueCommentEvent", 844),
                                Map.entry("DeleteEvent", 260),
                                Map.entry("PullRequestReviewCommentEvent", 136),
                                Map.entry("CommitCommentEvent", 73),
                                Map.entry("MemberEvent", 25),
                                Map.entry("PublicEvent", 2)),
                        Map.of("2015-01-01T15:00:00Z", 11351),
                        Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("realHours")
    void parsesEveryEventOfARealHourWithExactCountsPerType(
            String file,
            Map<String, Integer> expectedTypes,
            Map<String, Integer> expectedHours,
            Map<DeadLetterReason, Integer> expectedDeadLetters)
            throws Exception {
        List<String> lines = SharedData.gzipLines(SharedData.require("gharchive/hours/" + file));
        Map<String, Integer> types = new TreeMap<>();
        Map<String, Integer> hours = new TreeMap<>();
        Map<DeadLetterReason, Integer> deadLetters = new TreeMap<>();
        int withoutCommitCount = 0;
        for (String line : lines) {
            GhEvent e;
            try {
                e = parser.parse(line);
            } catch (MalformedEventException bad) {
                deadLetters.merge(bad.reason(), 1, Integer::sum);
                continue;
            }
            assertThat(e.actorLogin()).isNotBlank();
            types.merge(e.type(), 1, Integer::sum);
            withoutCommitCount += e.commitCountMissing() ? 1 : 0;
            long hour = e.createdAtMillis() - Math.floorMod(e.createdAtMillis(), 3_600_000L);
            hours.merge(Instant.ofEpochMilli(hour).toString(), 1, Integer::sum);
        }
        assertThat(types).isEqualTo(new TreeMap<>(expectedTypes));
        assertThat(hours).isEqualTo(new TreeMap<>(expectedHours));
        assertThat(deadLetters).isEqualTo(new TreeMap<>(expectedDeadLetters));
        // every era before October 2025 says how many commits a push had (size, commits, shas)
        assertThat(withoutCommitCount).isZero();
    }

    @Test
    void readsTheFieldsOfEachEra() throws Exception {
        GhEvent early =
                parser.parse(
                        fixture("by-year/2011/PushEvent_raw.json")); // repo/actor objects, shas
        assertThat(early.actorLogin()).isEqualTo("revans");
        assertThat(early.actorId()).isEqualTo(394);
        assertThat(early.repoName()).isEqualTo("revans/chef-ubuntu10");
        assertThat(early.createdAt()).isEqualTo(Instant.parse("2011-02-15T00:00:06Z"));
        assertThat(early.pushedCommits()).isEqualTo(1);

        GhEvent timeline = parser.parse(fixture("by-year/2013/PushEvent_raw.json"));
        assertThat(timeline.actorLogin()).isEqualTo("bcomdlc");
        assertThat(timeline.actorId()).isEqualTo(-1);
        assertThat(timeline.repoName()).isEqualTo("bcomdlc/bcom-homepage-archive");
        assertThat(timeline.createdAt()).isEqualTo(Instant.parse("2013-02-15T08:00:39Z"));
        assertThat(timeline.pushedCommits()).isEqualTo(3);

        GhEvent fork = parser.parse(fixture("by-year/2013/ForkEvent_raw.json"));
        assertThat(fork.repoName()).isEqualTo("vormplus/Processing2-CreativeProgrammingCookbook");

        GhEvent created = parser.parse(fixture("by-year/2015/CreateEvent_raw.json"));
        assertThat(created.refType()).isEqualTo("repository");
        assertThat(created.pushedCommits()).isZero();

        GhEvent watch = parser.parse(fixture("by-year/2016/WatchEvent_raw.json"));
        assertThat(watch.action()).isEqualTo("started");
    }

    @Test
    void countsCommitsOfPushesBeforeAndAfterGitHubDroppedThem() throws Exception {
        GhEvent before = parser.parse(fixture("push_event_pre_drift_2024-05-21-0.json"));
        assertThat(before.pushedCommits()).isEqualTo(1);
        assertThat(before.actorLogin()).isEqualTo("swa-runner-app[bot]");
        assertThat(before.commitCountMissing()).isFalse();

        GhEvent after = parser.parse(fixture("push_event_post_drift_2025-12-15-0.json"));
        assertThat(after.type()).isEqualTo("PushEvent");
        assertThat(after.actorLogin()).isEqualTo("emranmonkey");
        assertThat(after.actorId()).isEqualTo(125100670);
        assertThat(after.pushedCommits()).isEqualTo(1); // no size, no commits: the head only
        assertThat(after.commitCountMissing()).isTrue(); // what the payload_changed rule counts
    }

    @Test
    void parsesEveryFixtureOfEveryYear() throws Exception {
        Path byYear = SharedData.require("gharchive/event-fixtures/by-year");
        List<Path> files;
        try (Stream<Path> s = Files.walk(byYear)) {
            files = s.filter(p -> p.toString().endsWith("_raw.json")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(80);
        int parsed = 0;
        for (Path f : files) {
            String expectedType = f.getFileName().toString().replace("_raw.json", "");
            String year = f.getParent().getFileName().toString();
            String json = Files.readString(f);
            if (f.endsWith(Path.of("2014", "GistEvent_raw.json"))) {
                // An anonymous gist: "actor": null and no actor_attributes.
                assertThatThrownBy(() -> parser.parse(json))
                        .isInstanceOfSatisfying(
                                MalformedEventException.class,
                                e ->
                                        assertThat(e.reason())
                                                .isEqualTo(DeadLetterReason.MISSING_ACTOR));
                continue;
            }
            GhEvent e = parser.parse(json);
            assertThat(e.type()).as(f.toString()).isEqualTo(expectedType);
            assertThat(e.actorLogin()).as(f.toString()).isNotBlank();
            assertThat(e.createdAt().toString()).as(f.toString()).startsWith(year + "-02-15");
            parsed++;
        }
        assertThat(parsed).isEqualTo(files.size() - 1);
    }

    private static String fixture(String relative) throws IOException {
        return Files.readString(SharedData.require("gharchive/event-fixtures/" + relative));
    }
}
