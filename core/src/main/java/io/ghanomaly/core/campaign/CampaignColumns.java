package io.ghanomaly.core.campaign;

/**
 * The column names of the job's campaigns/ output, for the job that writes and the API that reads.
 */
public final class CampaignColumns {
    private CampaignColumns() {}

    public static final String ID = "campaign_id";
    public static final String STATUS = "status";
    public static final String HOUR_START_MS = "hour_start_ms";
    public static final String FIRST_DETECTED_HOUR_MS = "first_detected_hour_ms";
    public static final String FIRST_ACTION_MS = "first_action_ms";
    public static final String LAST_ACTION_MS = "last_action_ms";
    public static final String ACCOUNTS = "accounts";
    public static final String REPOSITORIES = "repositories";
    public static final String MEMBERS = "members";
    public static final String REPOS = "repos";
    public static final String KINDS = "kinds";
    public static final String TIGHTNESS = "tightness";
    public static final String CONFIDENCE = "confidence";
    public static final String SINGLE_PURPOSE_SHARE = "single_purpose_share";
    public static final String LOW_ACTIVITY_SHARE = "low_activity_share";
}
