package io.ghanomaly.generator;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.SplittableRandom;

/** Writes the payloads of issues and comments: IssuesEvent, IssueCommentEvent, CommitComment. */
final class DiscussionPayloadWriter {
    private static final String[][] LABELS = {
        {"bug", "d73a4a", "Something isn't working"},
        {"enhancement", "a2eeef", "New feature or request"},
        {"documentation", "0075ca", "Improvements or additions to documentation"},
        {"dependencies", "0366d6", "Pull requests that update a dependency file"},
        {"good first issue", "7057ff", "Good for newcomers"},
        {"question", "d876e3", "Further information is requested"}
    };

    private final GitHubObjectWriter objects;
    private final JsonGenerator json;
    private final SplittableRandom random;
    private final HourPlan plan;
    private final TextBuffer issueUrl = new TextBuffer();

    DiscussionPayloadWriter(GitHubObjectWriter objects, HourPlan plan) {
        this.objects = objects;
        this.json = objects.json;
        this.random = objects.random;
        this.plan = plan;
    }

    void issues(EventContext event) throws IOException {
        int roll = random.nextInt(100);
        String action = event.planted || roll < 50 ? "opened" : roll < 94 ? "closed" : "reopened";
        json.writeStartObject();
        json.writeStringField("action", action);
        writeIssue(event, action, action.equals("opened"), false);
        json.writeEndObject();
    }

    void issueComment(EventContext event) throws IOException {
        // Bots comment on pull requests (previews, coverage, dependency notes) more than humans.
        boolean onPullRequest = random.nextInt(100) < (event.bot != null ? 80 : 40);
        json.writeStartObject();
        json.writeStringField("action", "created");
        int number = writeIssue(event, "commented", false, onPullRequest);
        long id = 2_500_000_000L + random.nextInt(100_000_000);
        json.writeObjectFieldStart("comment");
        objects.apiRepoUrl(event.repo).append("/issues/comments/").append(id);
        objects.writeUrl("url");
        objects.htmlRepoUrl(event.repo)
                .append(onPullRequest ? "/pull/" : "/issues/")
                .append(number);
        objects.url.append("#issuecomment-").append(id);
        objects.writeUrl("html_url");
        objects.apiRepoUrl(event.repo).append("/issues/").append(number);
        objects.writeUrl("issue_url");
        json.writeNumberField("id", id);
        objects.writeNodeId("012:IssueComment", id);
        objects.writeUser("user", event.actorLogin, event.actorId, false);
        json.writeStringField("created_at", event.createdAt);
        json.writeStringField("updated_at", event.createdAt);
        json.writeStringField("author_association", event.authorAssociation(random));
        objects.writeBody(commentLength(event));
        objects.apiRepoUrl(event.repo).append("/issues/comments/").append(id);
        objects.writeReactions();
        json.writeNullField("performed_via_github_app");
        json.writeEndObject();
        json.writeEndObject();
    }

    void commitComment(EventContext event) throws IOException {
        long id = 150_000_000L + random.nextInt(5_000_000);
        json.writeStartObject();
        json.writeObjectFieldStart("comment");
        objects.apiRepoUrl(event.repo).append("/comments/").append(id);
        objects.writeUrl("url");
        objects.appendSha(issueUrl.clear());
        objects.htmlRepoUrl(event.repo).append("/commit/").append(issueUrl);
        objects.url.append("#commitcomment-").append(id);
        objects.writeUrl("html_url");
        json.writeNumberField("id", id);
        objects.writeNodeId("016:CommitComment", id);
        objects.writeUser("user", event.actorLogin, event.actorId, false);
        json.writeNullField("position");
        json.writeNullField("line");
        json.writeNullField("path");
        issueUrl.writeField(json, "commit_id");
        json.writeStringField("created_at", event.createdAt);
        json.writeStringField("updated_at", event.createdAt);
        json.writeStringField("author_association", event.authorAssociation(random));
        objects.writeBody(commentLength(event));
        objects.apiRepoUrl(event.repo).append("/comments/").append(id);
        objects.writeReactions();
        json.writeEndObject();
        json.writeEndObject();
    }

    /**
     * Writes the "issue" object; the issue is the actor's own when just opened, someone else's
     * otherwise. Returns the issue's number.
     */
    private int writeIssue(EventContext event, String action, boolean byActor, boolean pullRequest)
            throws IOException {
        int number = 1 + random.nextInt(Math.min(5_000, 20 + event.repo.stars * 2));
        long id = 2_700_000_000L + random.nextInt(100_000_000);
        int author = byActor ? event.actor : plan.population.randomHuman(random);
        boolean closed = action.equals("closed");
        long openedAt =
                byActor ? event.epochSecond : event.epochSecond - random.nextInt(60, 2_000_000);
        json.writeObjectFieldStart("issue");
        issueUrl.clear().append(GitHubObjectWriter.API_REPOS).append(event.repo.fullName);
        int repoUrlLength = issueUrl.length();
        issueUrl.append("/issues/").append(number);
        int issueUrlLength = issueUrl.length();
        issueUrl.writeField(json, "url");
        issueUrl.truncate(repoUrlLength);
        issueUrl.writeField(json, "repository_url");
        issueUrl.append("/issues/").append(number);
        issueUrl.append("/labels{/name}").writeField(json, "labels_url");
        issueUrl.truncate(issueUrlLength);
        issueUrl.append("/comments").writeField(json, "comments_url");
        issueUrl.truncate(issueUrlLength);
        issueUrl.append("/events").writeField(json, "events_url");
        issueUrl.truncate(issueUrlLength);
        objects.htmlRepoUrl(event.repo).append(pullRequest ? "/pull/" : "/issues/").append(number);
        objects.writeUrl("html_url");
        json.writeNumberField("id", id);
        objects.writeNodeId("05:Issue", id);
        json.writeNumberField("number", number);
        TextSource.title(random, objects.text.clear(), 2, 12);
        objects.text.writeField(json, "title");
        objects.writeUser("user", plan.login(author), plan.accountId(author), false);
        json.writeArrayFieldStart("labels");
        if (random.nextInt(5) == 0) {
            writeLabel(event);
        }
        json.writeEndArray();
        json.writeStringField("state", closed ? "closed" : "open");
        json.writeBooleanField("locked", false);
        json.writeNullField("assignee");
        json.writeArrayFieldStart("assignees");
        json.writeEndArray();
        json.writeNullField("milestone");
        json.writeNumberField("comments", byActor ? 0 : random.nextInt(0, 12));
        objects.writeTimestamp("created_at", openedAt);
        json.writeStringField("updated_at", event.createdAt);
        if (closed) {
            json.writeStringField("closed_at", event.createdAt);
        } else {
            json.writeNullField("closed_at");
        }
        json.writeStringField(
                "author_association", byActor ? event.authorAssociation(random) : "NONE");
        json.writeNullField("active_lock_reason");
        if (pullRequest) {
            json.writeBooleanField("draft", false);
            json.writeObjectFieldStart("pull_request");
            objects.apiRepoUrl(event.repo).append("/pulls/").append(number);
            objects.writeUrl("url");
            objects.htmlRepoUrl(event.repo).append("/pull/").append(number);
            objects.writeUrl("html_url");
            objects.url.append(".diff");
            objects.writeUrl("diff_url");
            objects.htmlRepoUrl(event.repo).append("/pull/").append(number).append(".patch");
            objects.writeUrl("patch_url");
            json.writeNullField("merged_at");
            json.writeEndObject();
        }
        objects.writeBody(TextSource.bodyLength(random));
        objects.url.clear().append(issueUrl);
        objects.writeReactions();
        issueUrl.append("/timeline").writeField(json, "timeline_url");
        issueUrl.truncate(issueUrlLength);
        json.writeNullField("performed_via_github_app");
        json.writeStringField(
                "state_reason",
                closed ? "completed" : action.equals("reopened") ? "reopened" : null);
        json.writeEndObject();
        return number;
    }

    private void writeLabel(EventContext event) throws IOException {
        String[] label = LABELS[random.nextInt(LABELS.length)];
        long id = 5_000_000_000L + random.nextInt(900_000_000);
        json.writeStartObject();
        json.writeNumberField("id", id);
        objects.writeNodeId("05:Label", id);
        objects.apiRepoUrl(event.repo).append("/labels/").append(label[0].replace(" ", "%20"));
        objects.writeUrl("url");
        json.writeStringField("name", label[0]);
        json.writeStringField("color", label[1]);
        json.writeBooleanField("default", true);
        json.writeStringField("description", label[2]);
        json.writeEndObject();
    }

    private int commentLength(EventContext event) {
        int roll = random.nextInt(100);
        if (event.bot != null && roll < 40) {
            // Preview, coverage and review bots post long reports.
            return random.nextInt(800, 5_000);
        }
        return roll < 75
                ? random.nextInt(5, 300)
                : roll < 97 ? random.nextInt(300, 1_500) : random.nextInt(1_500, 8_000);
    }
}
