package io.ghanomaly.api.http;

import io.javalin.openapi.OpenApiDescription;
import io.javalin.openapi.OpenApiNullable;
import java.util.List;
import java.util.Map;

/**
 * The JSON documents the API sends and receives, as records. Components are named as on the wire
 * (snake_case), so that Jackson and the generated OpenAPI description agree without annotations.
 */
@SuppressWarnings("MemberName")
public final class Responses {
    private Responses() {}

    /** Every error: whose fault (4xx: the caller's, 5xx: ours) and what to fix. */
    public record ErrorBody(int status, String error) {}

    /** A request to score one feature vector, positions in the served model's feature order. */
    public record PredictRequest(
            @OpenApiDescription(
                            "The values of the served model's features, in its order (GET /model:"
                                    + " feature_set); a reference-feature-set model takes"
                                    + " [event_count, pr_count, issue_open_count, fork_count,"
                                    + " repo_diversity]. Non-negative, finite; counts whole.")
                    List<Double> features) {}

    /** A feature and its value. */
    public record NamedValue(String name, Number value) {}

    /** The verdict on one actor-hour. */
    public record PredictResult(
            @OpenApiDescription(
                            "threshold - score, as scikit-learn's decision_function: negative is"
                                    + " anomalous, the more negative the more anomalous")
                    double anomaly_score,
            @OpenApiDescription("the Isolation Forest score in (0, 1]; higher is more anomalous")
                    double score,
            @OpenApiDescription("score at or above the population's threshold") boolean is_anomaly,
            String model_version,
            @OpenApiDescription("the model that scored it: people, bots or everyone")
                    String population,
            @OpenApiDescription("the features that did most to isolate it, most first")
                    List<NamedValue> top_features,
            @OpenApiDescription(
                            "normal, anomalous (is_anomaly), high (the top 0.5% of training scores)"
                                    + " or critical (the top 0.05%: a few dozen actor-hours in a"
                                    + " modern hour); a model trained before the tiers stops at"
                                    + " anomalous")
                    String severity) {}

    /** One actor-hour of the job's output. */
    public record Row(
            String actor_login,
            long actor_id,
            @OpenApiDescription("the start of the UTC hour, e.g. 2025-01-01T15:00:00Z") String hour,
            @OpenApiDescription("in (0, 1], higher is more anomalous; null when unscored")
                    @OpenApiNullable
                    Double score,
            @OpenApiNullable Boolean is_anomaly,
            @OpenApiNullable String model_version,
            @OpenApiDescription("people, bots or everyone; null when unscored") @OpenApiNullable
                    String population,
            boolean is_bot,
            @OpenApiDescription(
                            "normal, anomalous, high or critical (see /predict); null when unscored"
                                    + " or written before the tiers")
                    @OpenApiNullable
                    String severity,
            List<NamedValue> top_features,
            @OpenApiDescription("every feature's value, by name, in feature order")
                    Map<String, Number> features) {}

    /** Rows of one hour. */
    public record HourRows(String hour, List<Row> rows) {}

    /** Rows of one actor, newest hour first. */
    public record ActorRows(String login, List<Row> rows) {}

    /** The totals of one hour. */
    public record HourTotals(
            String hour,
            @OpenApiDescription("actor-hour rows") long actors,
            long events,
            @OpenApiDescription("rows flagged anomalous") long anomalies,
            @OpenApiDescription("anomalies / scored rows; 0 when none is scored")
                    double anomaly_rate,
            List<String> model_versions,
            long late_events,
            long dead_letters) {}

    /** The newest hours, newest first. */
    public record Hours(List<HourTotals> hours) {}

    /** One feature's drift in an hour against the model's training reference. */
    public record FeatureDriftJson(
            String feature,
            @OpenApiDescription(
                            "wasserstein_normed (Evidently's default for numbers), jensen_shannon"
                                    + " (5 values or fewer), ks (1000 reference rows or fewer)")
                    String test,
            @OpenApiDescription("the test's distance, or the KS test's p-value") double statistic,
            double threshold,
            boolean drifted,
            @OpenApiDescription("population stability index over the reference's deciles")
                    double psi,
            double ks,
            double ks_p_value,
            double reference_mean,
            double current_mean,
            @OpenApiNullable
                    @OpenApiDescription(
                            "the most the training window drifted at such an hour of the week;"
                                    + " the drift alerts need half the threshold above it")
                    Double usual_statistic) {}

    /** One population's drift report for one hour. */
    public record DriftReportJson(
            String hour,
            @OpenApiDescription("people or bots") String population,
            @OpenApiNullable String model_version,
            long rows,
            long scored,
            long anomalies,
            @OpenApiDescription(
                            "actor-hours in the critical severity tier; 0 in reports older than the tiers")
                    long critical,
            double anomaly_rate,
            @OpenApiDescription("share of features drifted") double drifted_share,
            @OpenApiDescription("drifted_share of 0.5 or more (Evidently's default)")
                    boolean dataset_drift,
            List<String> example_actors,
            @OpenApiDescription("drifted features first, then by statistic")
                    List<FeatureDriftJson> features) {}

    /** An hour's drift reports. */
    public record Drift(String hour, List<DriftReportJson> reports) {}

    /** An alert the job raised. */
    public record AlertJson(
            @OpenApiDescription("rule/population/hour[/feature]: stable, for de-duplication")
                    String id,
            String rule,
            String population,
            String hour,
            String summary,
            Map<String, String> evidence,
            String link) {}

    /** Alerts, newest hour first. */
    public record Alerts(String since, List<AlertJson> alerts) {}

    /** The model being served. */
    public record ModelInfo(
            String version,
            String created_at,
            @OpenApiDescription("the feature names the model reads, in its order")
                    List<String> feature_set,
            String feature_set_name,
            String bot_policy,
            double contamination,
            @OpenApiDescription("score threshold by population") Map<String, Double> thresholds,
            Map<String, Long> training_rows,
            String trained_from,
            String trained_to,
            Map<String, Double> metrics) {}

    /** Liveness. */
    public record Health(String status) {}

    /** Readiness: a model and at least one hour of output. */
    public record Readiness(
            boolean ready,
            @OpenApiNullable String model_version,
            @OpenApiDescription("hours with actor-hour rows") int hours,
            @OpenApiDescription("what is missing before the API is ready") List<String> missing) {}

    /** What an admin reload found. */
    public record Reloaded(
            @OpenApiNullable String model_version,
            int hours,
            @OpenApiDescription("refused bundle files and why") Map<String, String> refused) {}

    /** A coordinated campaign as it stands: the latest hour it was found in or grew. */
    public record CampaignSummary(
            @OpenApiDescription(
                            "campaign-<hour first found>-<hash of its first repositories>: kept as"
                                    + " the campaign grows")
                    String id,
            @OpenApiDescription(
                            "new (found in this hour) or grew (gained accounts or repositories)")
                    String status,
            @OpenApiDescription("the hour of this state") String hour,
            String first_detected_hour,
            @OpenApiDescription("the first action of a member that the lockstep window held")
                    String first_action,
            String last_action,
            int accounts,
            int repositories,
            @OpenApiDescription("star, fork, issue, issue_comment, pull_request, review_comment")
                    List<String> kinds,
            @OpenApiDescription(
                            "the mean share of the group's repositories each member acted on,"
                                    + " in its latest group")
                    double tightness,
            @OpenApiDescription(
                            "0 at the share that makes lockstep, 1 when every member hit every"
                                    + " repository")
                    double confidence,
            @OpenApiDescription(
                            "the share of members whose every star, fork, issue, comment and pull"
                                    + " request in the window was on the campaign's repositories")
                    double single_purpose_share,
            @OpenApiDescription(
                            "the share of members that are single-purpose with all those actions"
                                    + " within one day: StarScout's low-activity rule, as far as it"
                                    + " can hold for an account acting on several repositories")
                    double low_activity_share,
            @OpenApiDescription("when the job committed this state") String committed_at,
            @OpenApiDescription("the first 5 members, sorted") List<String> example_members,
            @OpenApiDescription("the first 5 repositories, sorted") List<String> example_repos) {}

    /** Campaigns, newest state first. */
    public record Campaigns(
            @OpenApiNullable String since,
            @OpenApiDescription("campaigns that match, before the limit") int total,
            List<CampaignSummary> campaigns) {}

    /** One hour in a campaign's life. */
    public record CampaignStep(
            String hour,
            String status,
            int accounts,
            int repositories,
            @OpenApiDescription("accounts first seen in the campaign this hour")
                    List<String> added_members,
            @OpenApiDescription("repositories first seen in the campaign this hour")
                    List<String> added_repos,
            List<String> kinds,
            double tightness,
            double confidence,
            @OpenApiDescription("when the job committed it") String committed_at,
            @OpenApiDescription(
                            "seconds from the end of the hour to the commit: the detection delay"
                                    + " when following the archive, days when old hours are"
                                    + " replayed")
                    long delay_seconds) {}

    /** A campaign whole: every member and target, and its timeline. */
    public record CampaignDetail(
            CampaignSummary campaign,
            @OpenApiDescription("every member, sorted") List<String> members,
            @OpenApiDescription("every target repository (owner/name), sorted") List<String> repos,
            @OpenApiDescription("oldest hour first") List<CampaignStep> timeline) {}

    /** The campaigns an account is a member of. */
    public record ActorCampaigns(String login, List<CampaignSummary> campaigns) {}

    /** The campaigns that targeted a repository. */
    public record RepoCampaigns(String repo, List<CampaignSummary> campaigns) {}
}
