package io.ghanomaly.core.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.ghanomaly.core.drift.FeatureDrift;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HourlyAlertsTest {
    static final long HOUR = 3_600_000L;
    static final long START = 1_735_689_600_000L; // 2025-01-01T00:00Z

    @Test
    void theReferenceRuleFiresAboveTenPercentThenCoolsDownForSixHours() {
        HourlyAlerts rules = new HourlyAlerts(AlertRules.DEFAULTS);
        List<String> fired = new ArrayList<>();
        for (int h = 0; h < 10; h++) {
            long anomalies = h >= 2 ? 150 : 100; // 15% from hour 2 on, exactly 10% before
            rules.close(hour(h, 1000, anomalies, List.of())).forEach(a -> fired.add(a.id()));
        }
        assertThat(fired)
                .filteredOn(id -> id.startsWith("anomaly_rate/"))
                .containsExactly(
                        "anomaly_rate/people/2025-01-01T02:00:00Z",
                        "anomaly_rate/people/2025-01-01T08:00:00Z");
    }

    @Test
    void aSpikeIsJudgedAgainstTheTrailingMedianOnceSixHoursAreKnown() {
        HourlyAlerts rules = new HourlyAlerts(AlertRules.DEFAULTS);
        assertThat(rules.close(hour(0, 1000, 30, List.of()))).isEmpty();
        for (int h = 1; h < 6; h++) {
            assertThat(rules.close(hour(h, 1000, 30, List.of()))).isEmpty();
        }
        // 3% is the median; 8% is 2.7 times it: no spike, and under the 10% rule
        assertThat(rules.close(hour(6, 1000, 80, List.of()))).isEmpty();
        List<Alert> spike = rules.close(hour(7, 1000, 95, List.of()));
        assertThat(spike).extracting(Alert::rule).containsExactly("anomaly_rate_spike");
        assertThat(spike.get(0).evidence()).containsEntry("trailing_median", "0.0300000");
        assertThat(spike.get(0).link()).isEqualTo("http://127.0.0.1:8080/#hour=2025-01-01T07");
    }

    @Test
    void aFeatureDriftsThreeHoursInARowBeforeItAlertsAndAgainOnlyAfterARestAndTheCooldown() {
        HourlyAlerts rules = new HourlyAlerts(AlertRules.DEFAULTS);
        List<String> fired = new ArrayList<>();
        boolean[] drifted = {true, true, false, true, true, true, true, true};
        for (int h = 0; h < drifted.length; h++) {
            List<FeatureDrift> features =
                    List.of(
                            feature("push_count", drifted[h]),
                            feature("event_count", false),
                            feature("watch_count", false)); // a third drifted: no dataset drift
            rules.close(hour(h, 1000, 10, features)).forEach(a -> fired.add(a.id()));
        }
        assertThat(fired).containsExactly("feature_drift/people/2025-01-01T05:00:00Z");
    }

    @Test
    void aDriftThatComesBackAtTheSameHoursEveryNightAlertsTheFirstNightOnly() {
        HourlyAlerts rules = new HourlyAlerts(AlertRules.DEFAULTS);
        List<String> fired = new ArrayList<>();
        for (int h = 0; h < 72; h++) {
            int hourOfDay = h % 24;
            boolean night = hourOfDay >= 1 && hourOfDay <= 5; // drifts 0.2 every night
            double statistic = night ? 0.2 : 0.02;
            if (h >= 48 && night) {
                statistic = 0.5; // the third night is different: far beyond the usual
            }
            List<FeatureDrift> features =
                    List.of(
                            feature("active_minutes", statistic),
                            feature("event_count", 0.01),
                            feature("watch_count", 0.01));
            rules.close(hour(h, 1000, 10, features)).forEach(a -> fired.add(a.id()));
        }
        assertThat(fired)
                .containsExactly(
                        "feature_drift/people/2025-01-01T03:00:00Z",
                        "feature_drift/people/2025-01-03T03:00:00Z");
    }

    @Test
    void whatTheTrainingWeekHadAtTheSameHourIsNotAnAlarmFromTheFirstNight() {
        HourlyAlerts rules = new HourlyAlerts(AlertRules.DEFAULTS);
        List<String> fired = new ArrayList<>();
        for (int h = 0; h < 48; h++) {
            int hourOfDay = h % 24;
            boolean night = hourOfDay >= 1 && hourOfDay <= 5;
            double usual = night ? 0.18 : 0.02; // the bundle: this hour drifted so in training
            double statistic = night ? 0.2 : 0.02;
            if (h >= 24 && night) {
                statistic = 0.3; // the second night: 0.12 beyond the usual, over 0.05
            }
            List<FeatureDrift> features =
                    List.of(
                            feature("active_minutes", statistic, usual),
                            feature("event_count", 0.01),
                            feature("watch_count", 0.01));
            rules.close(hour(h, 1000, 10, features)).forEach(a -> fired.add(a.id()));
        }
        assertThat(fired).containsExactly("feature_drift/people/2025-01-02T03:00:00Z");
    }

    @Test
    void severalFeaturesDriftingTogetherAreOneAlertNamingThemAll() {
        HourlyAlerts rules = new HourlyAlerts(AlertRules.DEFAULTS);
        List<Alert> fired = new ArrayList<>();
        for (int h = 0; h < 12; h++) {
            List<FeatureDrift> wave =
                    List.of(
                            feature("issues_count", 0.4),
                            feature("repo_diversity", h >= 1 ? 0.3 : 0.01),
                            feature("event_count", 0.01),
                            feature("push_count", 0.01),
                            feature("watch_count", 0.01));
            fired.addAll(rules.close(hour(h, 1000, 10, wave)));
        }
        // 02:00: issues_count's third hour; then the cooldown, whatever else joins in
        assertThat(fired)
                .extracting(Alert::id)
                .containsExactly(
                        "feature_drift/people/2025-01-01T02:00:00Z",
                        "feature_drift/people/2025-01-01T08:00:00Z");
        assertThat(fired.get(0).evidence()).containsEntry("features", "issues_count");
        assertThat(fired.get(1).evidence())
                .containsEntry("feature", "issues_count")
                .containsEntry("features", "issues_count, repo_diversity");
        assertThat(fired.get(1).summary()).contains("also repo_diversity");
    }

    @Test
    void featuresDriftingWithTheDatasetAreOneIncidentAndOneAlert() {
        HourlyAlerts rules = new HourlyAlerts(AlertRules.DEFAULTS);
        List<String> fired = new ArrayList<>();
        for (int h = 0; h < 4; h++) {
            List<FeatureDrift> storm =
                    List.of(feature("event_count", h >= 1), feature("push_count", h >= 1));
            rules.close(hour(h, 1000, 10, storm)).forEach(a -> fired.add(a.id()));
        }
        assertThat(fired).containsExactly("dataset_drift/people/2025-01-01T01:00:00Z");
        assertThat(rules.suppressed()).isEqualTo(2 + 1); // dataset at 02 and 03, features at 03
    }

    @Test
    void datasetDriftIsHalfTheFeaturesAndSmallHoursAreNotJudged() {
        HourlyAlerts rules = new HourlyAlerts(AlertRules.DEFAULTS);
        List<FeatureDrift> half =
                List.of(feature("push_count", true), feature("event_count", false));
        assertThat(rules.close(hour(0, 99, 50, half))).isEmpty(); // under 100 scored rows
        List<Alert> alerts = rules.close(hour(1, 1000, 10, half));
        assertThat(alerts)
                .extracting(Alert::id)
                .containsExactly("dataset_drift/people/2025-01-01T01:00:00Z");
        assertThat(alerts.get(0).summary()).contains("1 of 2 features drifted", "push_count");
        List<FeatureDrift> usualAtTheHour =
                List.of(feature("push_count", 0.3, 0.28), feature("event_count", 0.01));
        assertThat(rules.close(hour(30, 1000, 10, usualAtTheHour))).isEmpty();
        assertThat(alerts.get(0).evidence()).containsEntry("example_actors", "a, b");
    }

    @Test
    void manyCriticalActorHoursAtOnceAreOneAlertNamingThem() {
        HourlyAlerts rules = new HourlyAlerts(AlertRules.DEFAULTS);
        // 60,000 scored: the training share predicts 30 critical; 4 times that raises the alert
        assertThat(rules.close(critical(0, 60_000, 100))).isEmpty();
        List<Alert> alerts = rules.close(critical(1, 60_000, 120));
        assertThat(alerts)
                .extracting(Alert::id)
                .containsExactly("critical_actors/people/2025-01-01T01:00:00Z");
        assertThat(alerts.get(0).summary()).contains("120 critical actor-hours of 60,000");
        assertThat(alerts.get(0).evidence()).containsEntry("top_actors", "a b");
        assertThat(rules.close(critical(2, 60_000, 500))).isEmpty(); // in its cooldown
        // a small hour needs at least 10, whatever the share says
        assertThat(new HourlyAlerts(AlertRules.DEFAULTS).close(critical(0, 1000, 9))).isEmpty();
    }

    /** An hour of 5% anomalous people, this many of them critical, no feature compared. */
    static PopulationHour critical(int h, long scored, long critical) {
        return hour(h, scored, scored / 20, critical, List.of());
    }

    static PopulationHour hour(int h, long scored, long anomalies, List<FeatureDrift> features) {
        return hour(h, scored, anomalies, 0, features);
    }

    static PopulationHour hour(
            int h, long scored, long anomalies, long critical, List<FeatureDrift> features) {
        return new PopulationHour(
                "people",
                START + h * HOUR,
                "v1",
                scored,
                scored,
                anomalies,
                critical,
                features,
                List.of("a", "b"));
    }

    static FeatureDrift feature(String name, double statistic) {
        return feature(name, statistic, Double.NaN);
    }

    static FeatureDrift feature(String name, double statistic, double usual) {
        return new FeatureDrift(
                name,
                "wasserstein_normed",
                statistic,
                0.1,
                statistic >= 0.1,
                0.2,
                0.1,
                0.01,
                1,
                2,
                1000,
                usual);
    }

    static FeatureDrift feature(String name, boolean drifted) {
        return new FeatureDrift(
                name,
                "wasserstein_normed",
                drifted ? 0.3 : 0.01,
                0.1,
                drifted,
                0.2,
                0.1,
                0.01,
                1,
                2,
                1000,
                Double.NaN);
    }
}
