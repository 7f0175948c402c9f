package io.ghanomaly.generator;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.SplittableRandom;

/**
 * Writes the payload of each event type, shaped and sized like the archive's; discussions and pull
 * requests, the large ones, have writers of their own.
 */
final class PayloadWriter {
    private static final String[] EMAIL_DOMAINS = {
        "gmail.com", "outlook.com", "qq.com", "163.com", "hotmail.com", "yahoo.com", "proton.me"
    };

    private final GitHubObjectWriter objects;
    private final JsonGenerator json;
    private final SplittableRandom random;
    private final HourPlan plan;
    private final DiscussionPayloadWriter discussions;
    private final PullRequestPayloadWriter pullRequests;
    private final TextBuffer ref = new TextBuffer();
    private final TextBuffer headSha = new TextBuffer();
    private final TextBuffer commitSha = new TextBuffer();
    private long nextPushId;
    private long nextForkRepoId;

    PayloadWriter(GitHubObjectWriter objects, HourPlan plan) {
        this.objects = objects;
        this.json = objects.json;
        this.random = objects.random;
        this.plan = plan;
        this.discussions = new DiscussionPayloadWriter(objects, plan);
        this.pullRequests = new PullRequestPayloadWriter(objects, plan);
        this.nextPushId = plan.hourIndex * 2_000_000L;
        this.nextForkRepoId = plan.firstForkRepoId();
    }

    void write(EventContext event) throws IOException {
        switch (event.type) {
            case PUSH -> push(event);
            case CREATE -> create(event);
            case DELETE -> delete(event);
            case WATCH -> {
                json.writeStartObject();
                json.writeStringField("action", "started");
                json.writeEndObject();
            }
            case FORK -> fork(event);
            case RELEASE -> release(event);
            case PUBLIC -> {
                json.writeStartObject();
                json.writeEndObject();
            }
            case MEMBER -> member();
            case GOLLUM -> gollum(event);
            case COMMIT_COMMENT -> discussions.commitComment(event);
            case ISSUES -> discussions.issues(event);
            case ISSUE_COMMENT -> discussions.issueComment(event);
            case PULL_REQUEST -> pullRequests.pullRequest(event);
            case PULL_REQUEST_REVIEW -> pullRequests.review(event);
            case PULL_REQUEST_REVIEW_COMMENT -> pullRequests.reviewComment(event);
        }
    }

    private void push(EventContext event) throws IOException {
        int roll = random.nextInt(1000);
        int size =
                roll < 880
                        ? 1
                        : roll < 970
                                ? random.nextInt(2, 6)
                                : roll < 995 ? random.nextInt(6, 21) : random.nextInt(21, 201);
        // The archive lists at most 20 commits however many were pushed.
        int listed = Math.min(size, 20);
        json.writeStartObject();
        json.writeNumberField("repository_id", event.repo.id);
        json.writeNumberField("push_id", nextPushId++);
        if (!plan.pushCommitsDropped) {
            json.writeNumberField("size", size);
            json.writeNumberField(
                    "distinct_size", random.nextInt(10) == 0 ? random.nextInt(1, size + 1) : size);
        }
        pushRef(event);
        ref.writeField(json, "ref");
        objects.appendSha(headSha.clear());
        headSha.writeField(json, "head");
        objects.writeSha("before");
        if (plan.pushCommitsDropped) {
            json.writeEndObject();
            return;
        }
        json.writeArrayFieldStart("commits");
        for (int c = 0; c < listed; c++) {
            commitSha.clear();
            if (c == listed - 1) {
                commitSha.append(headSha);
            } else {
                objects.appendSha(commitSha);
            }
            json.writeStartObject();
            commitSha.writeField(json, "sha");
            json.writeObjectFieldStart("author");
            writeEmail(event);
            json.writeStringField("name", event.actorLogin);
            json.writeEndObject();
            TextSource.commitMessage(random, objects.text.clear());
            objects.text.writeField(json, "message");
            json.writeBooleanField("distinct", true);
            objects.apiRepoUrl(event.repo).append("/commits/").append(commitSha);
            objects.writeUrl("url");
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private void pushRef(EventContext event) {
        ref.clear().append("refs/heads/");
        if (event.bot != null && event.bot.updatesDependencies()) {
            dependencyBranch(event.bot);
        } else if (event.bot == BotKind.GITHUB_ACTIONS && random.nextInt(4) == 0) {
            ref.append("gh-pages");
        } else if (random.nextInt(4) == 0) {
            TextSource.branch(random, ref);
        } else {
            ref.append(event.repo.defaultBranch);
        }
    }

    private void dependencyBranch(BotKind bot) {
        ref.append(bot == BotKind.DEPENDABOT ? "dependabot/" : "renovate/");
        ref.append(Vocabulary.ecosystem(random)).append('/').append(Vocabulary.dependency(random));
        ref.append('-');
        TextSource.version(random, ref);
    }

    private void writeEmail(EventContext event) throws IOException {
        long style = StableHash.mix(event.actorId, 0xE4A1);
        TextBuffer email = objects.url.clear();
        if (event.bot != null || StableHash.below(style, 10) < 5) {
            email.append(event.actorId).append('+').append(event.actorLogin);
            email.append("@users.noreply.github.com");
        } else {
            email.append(event.actorLogin).append('@');
            email.append(EMAIL_DOMAINS[StableHash.below(style >>> 8, EMAIL_DOMAINS.length)]);
        }
        objects.writeUrl("email");
    }

    private void create(EventContext event) throws IOException {
        int roll = random.nextInt(100);
        String refType;
        ref.clear();
        if (event.planted || (event.bot == null && roll < 20)) {
            refType = "repository";
        } else if (event.bot != null && event.bot.updatesDependencies()) {
            refType = "branch";
            dependencyBranch(event.bot);
        } else if (roll < (event.bot == BotKind.GITHUB_ACTIONS ? 50 : 32)) {
            refType = "tag";
            TextSource.version(random, ref.append('v'));
        } else {
            refType = "branch";
            TextSource.branch(random, ref);
        }
        json.writeStartObject();
        if (ref.length() == 0) {
            json.writeNullField("ref");
        } else {
            ref.writeField(json, "ref");
        }
        json.writeStringField("ref_type", refType);
        json.writeStringField("master_branch", event.repo.defaultBranch);
        json.writeStringField("description", event.repo.description);
        json.writeStringField("pusher_type", "user");
        json.writeEndObject();
    }

    private void delete(EventContext event) throws IOException {
        boolean tag = random.nextInt(100) < 8;
        ref.clear();
        if (tag) {
            TextSource.version(random, ref.append('v'));
        } else if (event.bot != null && event.bot.updatesDependencies()) {
            dependencyBranch(event.bot);
        } else {
            TextSource.branch(random, ref);
        }
        json.writeStartObject();
        ref.writeField(json, "ref");
        json.writeStringField("ref_type", tag ? "tag" : "branch");
        json.writeStringField("pusher_type", "user");
        json.writeEndObject();
    }

    private void fork(EventContext event) throws IOException {
        long forkId = Math.min(nextForkRepoId++, plan.lastForkRepoId());
        event.repo.becomeForkBy(event.actorLogin, event.actorId, forkId, event.createdAt);
        json.writeStartObject();
        objects.writeRepository("forkee", event.repo, true);
        json.writeEndObject();
    }

    private void release(EventContext event) throws IOException {
        long id = 180_000_000L + random.nextInt(20_000_000);
        TextSource.version(random, ref.clear().append('v'));
        String tag = ref.toString();
        json.writeStartObject();
        json.writeStringField("action", "published");
        json.writeObjectFieldStart("release");
        objects.apiRepoUrl(event.repo).append("/releases/").append(id);
        objects.writeUrl("url");
        objects.url.append("/assets");
        objects.writeUrl("assets_url");
        objects.url.clear().append("https://uploads.github.com/repos/").append(event.repo.fullName);
        objects.url.append("/releases/").append(id).append("/assets{?name,label}");
        objects.writeUrl("upload_url");
        objects.htmlRepoUrl(event.repo).append("/releases/tag/").append(tag);
        objects.writeUrl("html_url");
        json.writeNumberField("id", id);
        objects.writeUser("author", event.actorLogin, event.actorId, false);
        objects.writeNodeId("07:Release", id);
        json.writeStringField("tag_name", tag);
        json.writeStringField("target_commitish", event.repo.defaultBranch);
        json.writeStringField("name", tag);
        json.writeBooleanField("draft", false);
        json.writeBooleanField("prerelease", random.nextInt(10) == 0);
        objects.writeTimestamp("created_at", event.epochSecond - random.nextInt(1, 900));
        json.writeStringField("published_at", event.createdAt);
        json.writeArrayFieldStart("assets");
        json.writeEndArray();
        objects.apiRepoUrl(event.repo).append("/tarball/").append(tag);
        objects.writeUrl("tarball_url");
        objects.apiRepoUrl(event.repo).append("/zipball/").append(tag);
        objects.writeUrl("zipball_url");
        writeReleaseNotes(event);
        json.writeStringField("short_description_html", "");
        json.writeBooleanField("is_short_description_html_truncated", false);
        json.writeEndObject();
        json.writeEndObject();
    }

    private void writeReleaseNotes(EventContext event) throws IOException {
        TextBuffer notes = objects.text.clear().append("## What's Changed");
        int changes = random.nextInt(1, 9);
        for (int c = 0; c < changes; c++) {
            notes.append("\r\n* ");
            TextSource.title(random, notes, 2, 8);
            notes.append(" by @")
                    .append(event.actorLogin)
                    .append(" in ")
                    .append(GitHubObjectWriter.HTML);
            notes.append(event.repo.fullName).append("/pull/").append(random.nextInt(1, 500));
        }
        notes.append("\r\n\r\n\r\n**Full Changelog**: ").append(GitHubObjectWriter.HTML);
        notes.append(event.repo.fullName).append("/compare/v0.9.0...").append(ref);
        notes.writeField(json, "body");
    }

    private void member() throws IOException {
        int member = plan.population.randomHuman(random);
        json.writeStartObject();
        objects.writeUser("member", plan.login(member), plan.accountId(member), false);
        json.writeStringField("action", "added");
        json.writeEndObject();
    }

    private void gollum(EventContext event) throws IOException {
        json.writeStartObject();
        json.writeArrayFieldStart("pages");
        int pages = random.nextInt(8) == 0 ? 2 : 1;
        for (int p = 0; p < pages; p++) {
            String page = p == 0 && random.nextBoolean() ? "Home" : Vocabulary.word(random);
            json.writeStartObject();
            json.writeStringField("page_name", page);
            json.writeStringField("title", page);
            json.writeNullField("summary");
            json.writeStringField("action", random.nextBoolean() ? "created" : "edited");
            objects.writeSha("sha");
            objects.htmlRepoUrl(event.repo).append("/wiki/").append(page);
            objects.writeUrl("html_url");
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }
}
