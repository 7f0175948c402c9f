package io.ghanomaly.generator;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.SplittableRandom;

/**
 * Writes pull request payloads, the bulk of the archive's bytes: PullRequestEvent with the full
 * pull request (head and base with full repositories, about 15 KB before the body, as in the
 * archive) and the review events with a trimmed one, which keeps a generated hour near the
 * archive's mean of 2.4 KB a line.
 */
final class PullRequestPayloadWriter {
    private static final String[] REVIEW_STATES = {
        "approved", "approved", "commented", "commented", "commented", "changes_requested"
    };

    /** The lists the archive shows empty for nearly every pull request. */
    private static final String[] EMPTY_LISTS = {
        "assignees", "requested_reviewers", "requested_teams", "labels"
    };

    private final GitHubObjectWriter objects;
    private final JsonGenerator json;
    private final SplittableRandom random;
    private final HourPlan plan;
    private final TextBuffer pullUrl = new TextBuffer();
    private final TextBuffer headRef = new TextBuffer();
    private final TextBuffer headSha = new TextBuffer();
    private final TextBuffer otherSha = new TextBuffer();

    PullRequestPayloadWriter(GitHubObjectWriter objects, HourPlan plan) {
        this.objects = objects;
        this.json = objects.json;
        this.random = objects.random;
        this.plan = plan;
    }

    void pullRequest(EventContext event) throws IOException {
        int roll = random.nextInt(100);
        String action = event.planted || roll < 50 ? "opened" : roll < 97 ? "closed" : "reopened";
        int number = pullNumber(event);
        json.writeStartObject();
        json.writeStringField("action", action);
        json.writeNumberField("number", number);
        writePullRequest(event, number, action, true);
        json.writeEndObject();
    }

    void review(EventContext event) throws IOException {
        int number = pullNumber(event);
        long id = 2_500_000_000L + random.nextInt(100_000_000);
        json.writeStartObject();
        json.writeStringField("action", "created");
        json.writeObjectFieldStart("review");
        json.writeNumberField("id", id);
        objects.writeNodeId("017:PullRequestReview", id);
        objects.writeUser("user", event.actorLogin, event.actorId, false);
        objects.writeBody(random.nextInt(100) < 60 ? 0 : random.nextInt(10, 600));
        objects.appendSha(headSha.clear());
        headSha.writeField(json, "commit_id");
        json.writeStringField("submitted_at", event.createdAt);
        json.writeStringField("state", REVIEW_STATES[random.nextInt(REVIEW_STATES.length)]);
        objects.htmlRepoUrl(event.repo).append("/pull/").append(number);
        objects.url.append("#pullrequestreview-").append(id);
        objects.writeUrl("html_url");
        objects.apiRepoUrl(event.repo).append("/pulls/").append(number);
        objects.writeUrl("pull_request_url");
        json.writeStringField("author_association", event.authorAssociation(random));
        json.writeObjectFieldStart("_links");
        objects.htmlRepoUrl(event.repo).append("/pull/").append(number);
        objects.url.append("#pullrequestreview-").append(id);
        objects.writeLink("html");
        objects.apiRepoUrl(event.repo).append("/pulls/").append(number);
        objects.writeLink("pull_request");
        json.writeEndObject();
        json.writeEndObject();
        writePullRequest(event, number, "reviewed", false);
        json.writeEndObject();
    }

    void reviewComment(EventContext event) throws IOException {
        int number = pullNumber(event);
        long id = 1_900_000_000L + random.nextInt(100_000_000);
        json.writeStartObject();
        json.writeStringField("action", "created");
        json.writeObjectFieldStart("comment");
        objects.apiRepoUrl(event.repo).append("/pulls/comments/").append(id);
        objects.writeUrl("url");
        json.writeNumberField(
                "pull_request_review_id", 2_500_000_000L + random.nextInt(100_000_000));
        json.writeNumberField("id", id);
        objects.writeNodeId("024:PullRequestReviewComment", id);
        int line = random.nextInt(1, 400);
        TextSource.diffHunk(random, objects.text.clear(), line);
        objects.text.writeField(json, "diff_hunk");
        TextSource.filePath(random, objects.text.clear());
        objects.text.writeField(json, "path");
        objects.appendSha(headSha.clear());
        headSha.writeField(json, "commit_id");
        objects.writeSha("original_commit_id");
        objects.writeUser("user", event.actorLogin, event.actorId, false);
        objects.writeBody(random.nextInt(5, 800));
        json.writeStringField("created_at", event.createdAt);
        json.writeStringField("updated_at", event.createdAt);
        objects.htmlRepoUrl(event.repo).append("/pull/").append(number).append("#discussion_r");
        objects.url.append(id);
        objects.writeUrl("html_url");
        objects.apiRepoUrl(event.repo).append("/pulls/").append(number);
        objects.writeUrl("pull_request_url");
        json.writeStringField("author_association", event.authorAssociation(random));
        json.writeObjectFieldStart("_links");
        objects.apiRepoUrl(event.repo).append("/pulls/comments/").append(id);
        objects.writeLink("self");
        objects.htmlRepoUrl(event.repo).append("/pull/").append(number).append("#discussion_r");
        objects.url.append(id);
        objects.writeLink("html");
        objects.apiRepoUrl(event.repo).append("/pulls/").append(number);
        objects.writeLink("pull_request");
        json.writeEndObject();
        objects.apiRepoUrl(event.repo).append("/pulls/comments/").append(id);
        objects.writeReactions();
        json.writeNullField("start_line");
        json.writeNullField("original_start_line");
        json.writeNullField("start_side");
        json.writeNumberField("line", line + 3);
        json.writeNumberField("original_line", line + 3);
        json.writeStringField("side", "RIGHT");
        json.writeNumberField("original_position", 4);
        json.writeNumberField("position", 4);
        json.writeStringField("subject_type", "line");
        json.writeEndObject();
        writePullRequest(event, number, "reviewed", false);
        json.writeEndObject();
    }

    private int pullNumber(EventContext event) {
        return 1 + random.nextInt(Math.min(20_000, 30 + event.repo.stars * 3));
    }

    /**
     * Writes the "pull_request" object. The actor opened it when the action is "opened"; others act
     * on someone's pull request. The full form ends with merge state and counts, as in
     * PullRequestEvent.
     */
    private void writePullRequest(EventContext event, int number, String action, boolean full)
            throws IOException {
        boolean opened = action.equals("opened");
        boolean closed = action.equals("closed");
        boolean merged = closed && random.nextInt(10) < 7;
        boolean byActor = opened || event.bot != null || random.nextBoolean();
        int author = byActor ? event.actor : plan.population.randomHuman(random);
        long id = 2_200_000_000L + random.nextInt(100_000_000);
        long createdAt =
                opened ? event.epochSecond : event.epochSecond - random.nextInt(60, 3_000_000);
        headRef.clear();
        TextBuffer title = objects.text.clear();
        if (event.bot != null && event.bot.updatesDependencies() && byActor) {
            String dependency = Vocabulary.dependency(random);
            headRef.append(event.bot == BotKind.DEPENDABOT ? "dependabot/" : "renovate/");
            headRef.append(Vocabulary.ecosystem(random)).append('/').append(dependency).append('-');
            int versionStart = headRef.length();
            TextSource.version(random, headRef);
            title.append("Bump ").append(dependency).append(" from 1.0.0 to ");
            for (int c = versionStart; c < headRef.length(); c++) {
                title.append(headRef.charAt(c));
            }
        } else {
            TextSource.branch(random, headRef);
            TextSource.title(random, title, 2, 10);
        }
        objects.appendSha(headSha.clear());
        pullUrl.clear().append(GitHubObjectWriter.API_REPOS).append(event.repo.fullName);
        int repoUrlLength = pullUrl.length();
        pullUrl.append("/pulls/").append(number);
        json.writeObjectFieldStart("pull_request");
        pullUrl.writeField(json, "url");
        json.writeNumberField("id", id);
        objects.writeNodeId("011:PullRequest", id);
        objects.htmlRepoUrl(event.repo).append("/pull/").append(number);
        int htmlLength = objects.url.length();
        objects.writeUrl("html_url");
        objects.url.append(".diff");
        objects.writeUrl("diff_url");
        objects.url.truncate(htmlLength);
        objects.url.append(".patch");
        objects.writeUrl("patch_url");
        objects.apiRepoUrl(event.repo).append("/issues/").append(number);
        objects.writeUrl("issue_url");
        json.writeNumberField("number", number);
        json.writeStringField("state", closed ? "closed" : "open");
        json.writeBooleanField("locked", false);
        title.writeField(json, "title");
        objects.writeUser("user", plan.login(author), plan.accountId(author), false);
        // Review events carry a trimmed pull request, mostly without its body.
        objects.writeBody(full || random.nextInt(10) < 3 ? TextSource.bodyLength(random) : 0);
        objects.writeTimestamp("created_at", createdAt);
        json.writeStringField("updated_at", event.createdAt);
        json.writeStringField("closed_at", closed ? event.createdAt : null);
        json.writeStringField("merged_at", merged ? event.createdAt : null);
        if (opened) {
            json.writeNullField("merge_commit_sha");
        } else {
            objects.writeSha("merge_commit_sha");
        }
        json.writeNullField("assignee");
        for (String empty : EMPTY_LISTS) {
            json.writeArrayFieldStart(empty);
            json.writeEndArray();
        }
        json.writeNullField("milestone");
        json.writeBooleanField("draft", !closed && random.nextInt(10) == 0);
        objects.url.clear().append(pullUrl).append("/commits");
        objects.writeUrl("commits_url");
        objects.url.clear().append(pullUrl).append("/comments");
        objects.writeUrl("review_comments_url");
        objects.apiRepoUrl(event.repo).append("/pulls/comments{/number}");
        objects.writeUrl("review_comment_url");
        objects.apiRepoUrl(event.repo).append("/issues/").append(number).append("/comments");
        objects.writeUrl("comments_url");
        objects.apiRepoUrl(event.repo).append("/statuses/").append(headSha);
        objects.writeUrl("statuses_url");
        writeBranch("head", event, headRef, headSha, full);
        objects.appendSha(otherSha.clear());
        writeBranch("base", event, null, otherSha, full);
        writeLinks(event, number, repoUrlLength);
        json.writeStringField("author_association", event.authorAssociation(random));
        json.writeNullField("auto_merge");
        json.writeNullField("active_lock_reason");
        if (full) {
            json.writeBooleanField("merged", merged);
            json.writeNullField("mergeable");
            json.writeNullField("rebaseable");
            json.writeStringField("mergeable_state", "unknown");
            if (merged) {
                objects.writeUser("merged_by", event.actorLogin, event.actorId, false);
            } else {
                json.writeNullField("merged_by");
            }
            json.writeNumberField("comments", opened ? 0 : random.nextInt(0, 8));
            json.writeNumberField("review_comments", opened ? 0 : random.nextInt(0, 6));
            json.writeBooleanField("maintainer_can_modify", false);
            int commits = 1 + random.nextInt(random.nextInt(8) == 0 ? 40 : 4);
            json.writeNumberField("commits", commits);
            json.writeNumberField("additions", commits * random.nextInt(1, 200));
            json.writeNumberField("deletions", commits * random.nextInt(0, 80));
            json.writeNumberField("changed_files", random.nextInt(1, 3 + commits * 2));
        }
        json.writeEndObject();
    }

    /**
     * Writes "head" or "base"; a null ref means the repository's default branch. The trimmed form
     * drops the owner and keeps only the repository's identity.
     */
    private void writeBranch(
            String field, EventContext event, TextBuffer ref, TextBuffer sha, boolean full)
            throws IOException {
        RepoFacts repo = event.repo;
        json.writeObjectFieldStart(field);
        objects.url.clear().append(repo.ownerLogin).append(':');
        if (ref == null) {
            objects.url.append(repo.defaultBranch);
        } else {
            objects.url.append(ref);
        }
        objects.writeUrl("label");
        if (ref == null) {
            json.writeStringField("ref", repo.defaultBranch);
        } else {
            ref.writeField(json, "ref");
        }
        sha.writeField(json, "sha");
        if (full) {
            objects.writeUser("user", repo.ownerLogin, repo.ownerId, repo.ownerIsOrganisation);
            objects.writeRepository("repo", repo, false);
        } else {
            objects.writeRepositorySummary("repo", repo);
        }
        json.writeEndObject();
    }

    private void writeLinks(EventContext event, int number, int repoUrlLength) throws IOException {
        json.writeObjectFieldStart("_links");
        objects.url.clear().append(pullUrl);
        objects.writeLink("self");
        objects.htmlRepoUrl(event.repo).append("/pull/").append(number);
        objects.writeLink("html");
        objects.url.clear().append(pullUrl).truncate(repoUrlLength);
        objects.url.append("/issues/").append(number);
        objects.writeLink("issue");
        objects.url.append("/comments");
        objects.writeLink("comments");
        objects.url.clear().append(pullUrl).append("/comments");
        objects.writeLink("review_comments");
        objects.url.clear().append(pullUrl).truncate(repoUrlLength);
        objects.url.append("/pulls/comments{/number}");
        objects.writeLink("review_comment");
        objects.url.clear().append(pullUrl).append("/commits");
        objects.writeLink("commits");
        objects.url.clear().append(pullUrl).truncate(repoUrlLength);
        objects.url.append("/statuses/").append(headSha);
        objects.writeLink("statuses");
        json.writeEndObject();
    }
}
