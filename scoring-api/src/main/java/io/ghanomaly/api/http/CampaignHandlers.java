package io.ghanomaly.api.http;

import io.ghanomaly.api.http.Responses.ActorCampaigns;
import io.ghanomaly.api.http.Responses.CampaignDetail;
import io.ghanomaly.api.http.Responses.CampaignStep;
import io.ghanomaly.api.http.Responses.CampaignSummary;
import io.ghanomaly.api.http.Responses.Campaigns;
import io.ghanomaly.api.http.Responses.ErrorBody;
import io.ghanomaly.api.http.Responses.RepoCampaigns;
import io.ghanomaly.api.output.CampaignHistory;
import io.ghanomaly.api.output.CampaignHistory.State;
import io.ghanomaly.api.output.JobOutput;
import io.ghanomaly.core.campaign.ActionKind;
import io.ghanomaly.core.campaign.Campaign;
import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The coordinated campaigns the job found: all of them, one whole, an account's, a repository's.
 */
public final class CampaignHandlers {
    private static final int EXAMPLES = 5;
    private static final long HOUR_MS = 3_600_000L;

    private final JobOutput output;

    public CampaignHandlers(JobOutput output) {
        this.output = output;
    }

    @OpenApi(
            path = "/campaigns",
            methods = HttpMethod.GET,
            tags = "campaigns",
            summary = "Coordinated campaigns, newest first",
            description =
                    "Each campaign's latest state: groups of accounts acting in lockstep on the same"
                            + " repositories (see the README, Coordinated campaigns).",
            queryParams = {
                @OpenApiParam(
                        name = "since",
                        description =
                                "UTC hour: only campaigns found or grown from then on, e.g."
                                        + " 2025-01-01T15"),
                @OpenApiParam(
                        name = "kind",
                        description =
                                "only campaigns that took this action: star, fork, issue,"
                                        + " issue_comment, pull_request or review_comment"),
                @OpenApiParam(
                        name = "limit",
                        type = Integer.class,
                        description = "1-1000, default 50")
            },
            responses = {
                @OpenApiResponse(status = "200", content = @OpenApiContent(from = Campaigns.class)),
                @OpenApiResponse(status = "400", content = @OpenApiContent(from = ErrorBody.class))
            })
    public void campaigns(Context ctx) {
        QueryParams q = QueryParams.of(ctx, Set.of("since", "kind", "limit"));
        int limit = q.integer("limit", 50, 1, OutputHandlers.MAX_LIMIT);
        Instant since = q.hour("since");
        ActionKind kind = q.choice("kind", ActionKind.class, null);
        List<State> matching =
                output.campaigns().latest().stream()
                        .filter(
                                s ->
                                        since == null
                                                || s.campaign().hourStartMillis()
                                                        >= since.toEpochMilli())
                        .filter(s -> kind == null || (s.campaign().kinds() & kind.bit()) != 0)
                        .toList();
        JsonBodies.send(
                ctx,
                new Campaigns(
                        since == null ? null : since.toString(),
                        matching.size(),
                        matching.stream().limit(limit).map(CampaignHandlers::summary).toList()));
    }

    @OpenApi(
            path = "/campaigns/{id}",
            methods = HttpMethod.GET,
            tags = "campaigns",
            summary = "One campaign: every member and target, and its timeline hour by hour",
            pathParams = @OpenApiParam(name = "id", required = true, description = "campaign id"),
            responses = {
                @OpenApiResponse(
                        status = "200",
                        content = @OpenApiContent(from = CampaignDetail.class)),
                @OpenApiResponse(
                        status = "404",
                        description = "no campaign of that id",
                        content = @OpenApiContent(from = ErrorBody.class))
            })
    public void campaign(Context ctx) {
        QueryParams.of(ctx, Set.of());
        String id = ctx.pathParam("id");
        CampaignHistory history = output.campaigns();
        State latest =
                history.get(id)
                        .orElseThrow(
                                () ->
                                        ApiError.notFound(
                                                "no campaign '"
                                                        + FeatureInput.clip(id)
                                                        + "' in the job's output"));
        List<CampaignStep> timeline = new ArrayList<>();
        Set<String> members = new HashSet<>();
        Set<String> repos = new HashSet<>();
        for (State s : history.timeline(id)) {
            Campaign c = s.campaign();
            List<String> addedMembers = c.members().stream().filter(members::add).toList();
            List<String> addedRepos = c.repos().stream().filter(repos::add).toList();
            timeline.add(
                    new CampaignStep(
                            hour(c.hourStartMillis()),
                            c.status(),
                            c.members().size(),
                            c.repos().size(),
                            addedMembers,
                            addedRepos,
                            c.kindNames(),
                            c.tightness(),
                            c.confidence(),
                            Instant.ofEpochMilli(s.committedAtMillis()).toString(),
                            Math.max(0, s.committedAtMillis() - (c.hourStartMillis() + HOUR_MS))
                                    / 1000));
        }
        Campaign c = latest.campaign();
        JsonBodies.send(ctx, new CampaignDetail(summary(latest), c.members(), c.repos(), timeline));
    }

    @OpenApi(
            path = "/actors/{login}/campaigns",
            methods = HttpMethod.GET,
            tags = "campaigns",
            summary = "The campaigns an account is a member of, newest first",
            description = "Empty when the account is in none.",
            pathParams =
                    @OpenApiParam(name = "login", required = true, description = "exact login"),
            responses = {
                @OpenApiResponse(
                        status = "200",
                        content = @OpenApiContent(from = ActorCampaigns.class)),
                @OpenApiResponse(status = "400", content = @OpenApiContent(from = ErrorBody.class))
            })
    public void ofActor(Context ctx) {
        QueryParams.of(ctx, Set.of());
        String login = ctx.pathParam("login");
        if (login.isEmpty() || login.length() > 100) {
            throw ApiError.badRequest("login must be 1 to 100 characters");
        }
        JsonBodies.send(
                ctx,
                new ActorCampaigns(
                        login,
                        output.campaigns().ofMember(login).stream()
                                .map(CampaignHandlers::summary)
                                .toList()));
    }

    @OpenApi(
            path = "/repos/{owner}/{name}/campaigns",
            methods = HttpMethod.GET,
            tags = "campaigns",
            summary = "The campaigns that targeted a repository, newest first",
            description = "Empty when none did.",
            pathParams = {
                @OpenApiParam(name = "owner", required = true, description = "exact owner"),
                @OpenApiParam(name = "name", required = true, description = "exact name")
            },
            responses = {
                @OpenApiResponse(
                        status = "200",
                        content = @OpenApiContent(from = RepoCampaigns.class)),
                @OpenApiResponse(status = "400", content = @OpenApiContent(from = ErrorBody.class))
            })
    public void ofRepo(Context ctx) {
        QueryParams.of(ctx, Set.of());
        String repo = ctx.pathParam("owner") + "/" + ctx.pathParam("name");
        if (repo.length() > 200) {
            throw ApiError.badRequest("owner/name must be at most 200 characters");
        }
        JsonBodies.send(
                ctx,
                new RepoCampaigns(
                        repo,
                        output.campaigns().ofRepo(repo).stream()
                                .map(CampaignHandlers::summary)
                                .toList()));
    }

    private static CampaignSummary summary(State s) {
        Campaign c = s.campaign();
        return new CampaignSummary(
                c.id(),
                c.status(),
                hour(c.hourStartMillis()),
                hour(c.firstDetectedHourMillis()),
                Instant.ofEpochMilli(c.firstAtMillis()).toString(),
                Instant.ofEpochMilli(c.lastAtMillis()).toString(),
                c.members().size(),
                c.repos().size(),
                c.kindNames(),
                c.tightness(),
                c.confidence(),
                c.singlePurposeShare(),
                c.lowActivityShare(),
                Instant.ofEpochMilli(s.committedAtMillis()).toString(),
                c.members().subList(0, Math.min(EXAMPLES, c.members().size())),
                c.repos().subList(0, Math.min(EXAMPLES, c.repos().size())));
    }

    private static String hour(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }
}
