package io.ghanomaly.core.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InputAlertsTest {
    static final long START = HourlyAlertsTest.START; // 2025-01-01T00:00Z
    static final long HOUR = 3_600_000L;

    @Test
    void aFailedFileAlertsOnceARunOfThemOncePerCooldown() {
        InputAlerts rules = new InputAlerts(AlertRules.DEFAULTS);
        List<String> fired = new ArrayList<>();
        for (int h = 0; h < 10; h++) {
            String failure = h >= 2 ? "gzip data ends before its end" : null;
            rules.fileRead(file(h, 100_000, 0, failure), 0).forEach(a -> fired.add(a.id()));
        }
        assertThat(fired)
                .containsExactly(
                        "file_failed/input/2025-01-01T02:00:00Z/2025-01-01-2.json.gz",
                        "file_failed/input/2025-01-01T08:00:00Z/2025-01-01-8.json.gz");
    }

    @Test
    void parseErrorsAlertAboveTheShareAndAJumpOverTheRecentFilesNotAtASteadyLevel() {
        InputAlerts rules = new InputAlerts(AlertRules.DEFAULTS);
        List<Alert> fired = new ArrayList<>();
        for (int h = 0; h < 30; h++) {
            long errors = h < 20 ? 600 : 5_000; // 0.6%: the real 2011 hour's level; then 5%
            fired.addAll(rules.fileRead(file(h, 100_000 - errors, errors, null), 0));
        }
        assertThat(fired)
                .extracting(Alert::id)
                .containsExactly(
                        "parse_errors/input/2025-01-01T20:00:00Z/2025-01-01-20.json.gz",
                        "parse_errors/input/2025-01-02T02:00:00Z/2025-01-02-2.json.gz");
        assertThat(fired.get(0).evidence())
                .containsEntry("parse_errors", "5000")
                .containsEntry("trailing_median_share", "0.00600000");

        InputAlerts steadyHigh = new InputAlerts(AlertRules.DEFAULTS);
        List<Alert> none = new ArrayList<>();
        for (int h = 0; h < 30; h++) { // 2% every hour: above the share, but no jump after
            none.addAll(steadyHigh.fileRead(file(h, 98_000, 2_000, null), 0));
        }
        assertThat(none)
                .extracting(Alert::id)
                .containsExactly("parse_errors/input/2025-01-01T00:00:00Z/2025-01-01-0.json.gz");
    }

    @Test
    void aStallIsSaidOncePerStallAboutTheHourThatDidNotCome() {
        InputAlerts rules = new InputAlerts(AlertRules.DEFAULTS);
        rules.fileRead(file(5, 1000, 0, null), 0);
        assertThat(rules.stalled(Duration.ofMinutes(119), 0)).isNull();
        Alert stalled = rules.stalled(Duration.ofMinutes(121), 0);
        assertThat(stalled.id()).isEqualTo("input_stalled/input/2025-01-01T06:00:00Z");
        assertThat(stalled.summary()).contains("121 min", "2025-01-01T05:00:00Z");
        assertThat(rules.stalled(Duration.ofMinutes(300), 0)).isNull();
        rules.fileRead(file(6, 1000, 0, null), 0); // the late file came
        rules.fileRead(file(7, 1000, 0, null), 0);
        assertThat(rules.stalled(Duration.ofMinutes(60), 0)).isNull();
        assertThat(rules.stalled(Duration.ofMinutes(150), 0).id()) // a new stall is news too
                .isEqualTo("input_stalled/input/2025-01-01T08:00:00Z");
    }

    @Test
    void pushesThatStopSayingTheirCommitsAlertOnceAtTheFirstFileNotAtAStartInThatEra() {
        InputAlerts rules = new InputAlerts(AlertRules.DEFAULTS);
        List<Alert> fired = new ArrayList<>();
        for (int h = 0; h < 72; h++) { // a day before, then two days after, the change
            long missing = h >= 24 ? 20_000 : 3; // a few force-pushes say nothing, every hour
            fired.addAll(rules.fileRead(pushes(h, 20_000, missing), 0));
        }
        assertThat(fired)
                .extracting(Alert::id)
                .containsExactly("payload_changed/input/2025-01-02T00:00:00Z/2025-01-02-0.json.gz");
        assertThat(fired.get(0).summary())
                .contains("100% of 20,000 PushEvents", "(0% in the last 24 files)");

        InputAlerts startedAfter = new InputAlerts(AlertRules.DEFAULTS);
        for (int h = 0; h < 30; h++) { // a job that starts in 2026 has nothing to compare with
            assertThat(startedAfter.fileRead(pushes(h, 20_000, 20_000), 0)).isEmpty();
        }
    }

    static FileReport pushes(int h, long pushes, long missing) {
        FileReport f = file(h, 100_000, 0, null);
        return new FileReport(f.file(), f.hourStartMillis(), 100_000, 0, null, pushes, missing);
    }

    static FileReport file(int h, long events, long errors, String failure) {
        long hour = START + h * HOUR;
        String name =
                java.time.Instant.ofEpochMilli(hour).toString().substring(0, 10)
                        + "-"
                        + (h % 24)
                        + ".json.gz";
        return new FileReport("/in/" + name, hour, events, errors, failure, 0, 0);
    }
}
