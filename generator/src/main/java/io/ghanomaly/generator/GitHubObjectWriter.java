package io.ghanomaly.generator;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Writes the GitHub API objects that many payloads share (users, repositories, reactions, URLs,
 * node ids) in the field order of the real archive, through buffers reused across events.
 */
final class GitHubObjectWriter {
    static final String API_REPOS = "https://api.github.com/repos/";
    static final String API_USERS = "https://api.github.com/users/";
    static final String HTML = "https://github.com/";
    static final String AVATARS = "https://avatars.githubusercontent.com/u/";

    /** The URL templates of a full repository object: field and suffix after its API URL. */
    private static final String[][] REPO_URL_TEMPLATES = {
        {"forks_url", "/forks"},
        {"keys_url", "/keys{/key_id}"},
        {"collaborators_url", "/collaborators{/collaborator}"},
        {"teams_url", "/teams"},
        {"hooks_url", "/hooks"},
        {"issue_events_url", "/issues/events{/number}"},
        {"events_url", "/events"},
        {"assignees_url", "/assignees{/user}"},
        {"branches_url", "/branches{/branch}"},
        {"tags_url", "/tags"},
        {"blobs_url", "/git/blobs{/sha}"},
        {"git_tags_url", "/git/tags{/sha}"},
        {"git_refs_url", "/git/refs{/sha}"},
        {"trees_url", "/git/trees{/sha}"},
        {"statuses_url", "/statuses/{sha}"},
        {"languages_url", "/languages"},
        {"stargazers_url", "/stargazers"},
        {"contributors_url", "/contributors"},
        {"subscribers_url", "/subscribers"},
        {"subscription_url", "/subscription"},
        {"commits_url", "/commits{/sha}"},
        {"git_commits_url", "/git/commits{/sha}"},
        {"comments_url", "/comments{/number}"},
        {"issue_comment_url", "/issues/comments{/number}"},
        {"contents_url", "/contents/{+path}"},
        {"compare_url", "/compare/{base}...{head}"},
        {"merges_url", "/merges"},
        {"archive_url", "/{archive_format}{/ref}"},
        {"downloads_url", "/downloads"},
        {"issues_url", "/issues{/number}"},
        {"pulls_url", "/pulls{/number}"},
        {"milestones_url", "/milestones{/number}"},
        {"notifications_url", "/notifications{?since,all,participating}"},
        {"labels_url", "/labels{/name}"},
        {"releases_url", "/releases{/id}"},
        {"deployments_url", "/deployments"}
    };

    /** The URL templates of a user object: field and suffix after the user's API URL. */
    private static final String[][] USER_URL_TEMPLATES = {
        {"followers_url", "/followers"}, {"following_url", "/following{/other_user}"},
        {"gists_url", "/gists{/gist_id}"}, {"starred_url", "/starred{/owner}{/repo}"},
        {"subscriptions_url", "/subscriptions"}, {"organizations_url", "/orgs"},
        {"repos_url", "/repos"}, {"events_url", "/events{/privacy}"},
        {"received_events_url", "/received_events"}
    };

    /** Licence key, name, SPDX id and node id, as the API reports them. */
    private static final String[][] LICENCES = {
        {"mit", "MIT License", "MIT", "MDc6TGljZW5zZTEz"},
        {"apache-2.0", "Apache License 2.0", "Apache-2.0", "MDc6TGljZW5zZTI="},
        {"gpl-3.0", "GNU General Public License v3.0", "GPL-3.0", "MDc6TGljZW5zZTk="},
        {"other", "Other", "NOASSERTION", "MDc6TGljZW5zZTA="}
    };

    private static final String[] REACTIONS = {
        "+1", "-1", "laugh", "hooray", "confused", "heart", "rocket", "eyes"
    };

    private static final char[] BASE64 =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

    final JsonGenerator json;
    final SplittableRandom random;

    /** Scratch space for URLs; a writer fills it and writes it before the next use. */
    final TextBuffer url = new TextBuffer();

    /** Scratch space for titles, bodies and messages. */
    final TextBuffer text = new TextBuffer();

    private final TextBuffer userHtmlUrl = new TextBuffer();
    private final TextBuffer nodeIdSource = new TextBuffer();
    private final TextBuffer nodeId = new TextBuffer();

    GitHubObjectWriter(JsonGenerator json, SplittableRandom random) {
        this.json = json;
        this.random = random;
    }

    /** Starts {@link #url} with a repository's API URL. */
    TextBuffer apiRepoUrl(RepoFacts repo) {
        return url.clear().append(API_REPOS).append(repo.fullName);
    }

    /** Starts {@link #url} with a repository's web URL. */
    TextBuffer htmlRepoUrl(RepoFacts repo) {
        return url.clear().append(HTML).append(repo.fullName);
    }

    void writeUrl(String field) throws IOException {
        url.writeField(json, field);
    }

    void writeTimestamp(String field, long epochSecond) throws IOException {
        json.writeStringField(field, Instant.ofEpochSecond(epochSecond).toString());
    }

    /** Writes the node id of the API's first generation: base64 of "&lt;type tag&gt;&lt;id&gt;". */
    void writeNodeId(String typeTag, long id) throws IOException {
        nodeIdSource.clear().append(typeTag).append(id);
        nodeId.clear();
        int n = nodeIdSource.length();
        for (int i = 0; i < n; i += 3) {
            int b0 = nodeIdSource.charAt(i);
            int b1 = i + 1 < n ? nodeIdSource.charAt(i + 1) : 0;
            int b2 = i + 2 < n ? nodeIdSource.charAt(i + 2) : 0;
            int bits = (b0 << 16) | (b1 << 8) | b2;
            nodeId.append(BASE64[(bits >>> 18) & 63]).append(BASE64[(bits >>> 12) & 63]);
            nodeId.append(i + 1 < n ? BASE64[(bits >>> 6) & 63] : '=');
            nodeId.append(i + 2 < n ? BASE64[bits & 63] : '=');
        }
        nodeId.writeField(json, "node_id");
    }

    /** Appends a random 40-digit commit sha. */
    void appendSha(TextBuffer out) {
        out.appendHex(random.nextLong(), 16).appendHex(random.nextLong(), 16);
        out.appendHex(random.nextInt(), 8);
    }

    void writeSha(String field) throws IOException {
        appendSha(url.clear());
        writeUrl(field);
    }

    /** Writes a full user (or organisation) object, about 1 KB in the archive. */
    void writeUser(String field, String login, long id, boolean organisation) throws IOException {
        json.writeObjectFieldStart(field);
        json.writeStringField("login", login);
        json.writeNumberField("id", id);
        writeNodeId(organisation ? "012:Organization" : "04:User", id);
        url.clear().append(AVATARS).append(id).append("?v=4");
        writeUrl("avatar_url");
        json.writeStringField("gravatar_id", "");
        url.clear().append(API_USERS).append(login);
        writeUrl("url");
        int apiLength = url.length();
        userHtmlUrl.clear().append(HTML).append(login).writeField(json, "html_url");
        for (String[] template : USER_URL_TEMPLATES) {
            url.truncate(apiLength);
            url.append(template[1]);
            writeUrl(template[0]);
        }
        json.writeStringField("type", organisation ? "Organization" : "User");
        json.writeStringField("user_view_type", "public");
        json.writeBooleanField("site_admin", false);
        json.writeEndObject();
    }

    /** Writes a full repository object, about 4 KB with its owner and 36 URL templates. */
    void writeRepository(String field, RepoFacts repo, boolean asForkee) throws IOException {
        json.writeObjectFieldStart(field);
        json.writeNumberField("id", repo.id);
        writeNodeId("010:Repository", repo.id);
        json.writeStringField("name", repo.name);
        json.writeStringField("full_name", repo.fullName);
        json.writeBooleanField("private", false);
        writeUser("owner", repo.ownerLogin, repo.ownerId, repo.ownerIsOrganisation);
        htmlRepoUrl(repo);
        writeUrl("html_url");
        json.writeStringField("description", repo.description);
        json.writeBooleanField("fork", repo.fork);
        apiRepoUrl(repo);
        writeUrl("url");
        int apiLength = url.length();
        for (String[] template : REPO_URL_TEMPLATES) {
            url.truncate(apiLength);
            url.append(template[1]);
            writeUrl(template[0]);
        }
        json.writeStringField("created_at", repo.createdAt);
        json.writeStringField("updated_at", repo.pushedAt);
        json.writeStringField("pushed_at", repo.pushedAt);
        url.clear().append("git://github.com/").append(repo.fullName).append(".git");
        writeUrl("git_url");
        url.clear().append("git@github.com:").append(repo.fullName).append(".git");
        writeUrl("ssh_url");
        htmlRepoUrl(repo).append(".git");
        writeUrl("clone_url");
        htmlRepoUrl(repo);
        writeUrl("svn_url");
        json.writeNullField("homepage");
        json.writeNumberField("size", repo.sizeKb);
        json.writeNumberField("stargazers_count", repo.stars);
        json.writeNumberField("watchers_count", repo.stars);
        json.writeStringField("language", repo.language);
        json.writeBooleanField("has_issues", true);
        json.writeBooleanField("has_projects", true);
        json.writeBooleanField("has_downloads", true);
        json.writeBooleanField("has_wiki", true);
        json.writeBooleanField("has_pages", repo.hasPages);
        json.writeBooleanField("has_discussions", false);
        json.writeNumberField("forks_count", repo.forks);
        json.writeNullField("mirror_url");
        json.writeBooleanField("archived", false);
        json.writeBooleanField("disabled", false);
        json.writeNumberField("open_issues_count", repo.openIssues);
        writeLicence(repo.licence);
        json.writeBooleanField("allow_forking", true);
        json.writeBooleanField("is_template", false);
        json.writeBooleanField("web_commit_signoff_required", false);
        json.writeArrayFieldStart("topics");
        json.writeEndArray();
        json.writeStringField("visibility", "public");
        json.writeNumberField("forks", repo.forks);
        json.writeNumberField("open_issues", repo.openIssues);
        json.writeNumberField("watchers", repo.stars);
        json.writeStringField("default_branch", repo.defaultBranch);
        if (asForkee) {
            json.writeBooleanField("public", true);
        }
        json.writeEndObject();
    }

    /** Writes a repository reduced to its identity: ids, names and URLs. */
    void writeRepositorySummary(String field, RepoFacts repo) throws IOException {
        json.writeObjectFieldStart(field);
        json.writeNumberField("id", repo.id);
        writeNodeId("010:Repository", repo.id);
        json.writeStringField("name", repo.name);
        json.writeStringField("full_name", repo.fullName);
        json.writeBooleanField("private", false);
        htmlRepoUrl(repo);
        writeUrl("html_url");
        apiRepoUrl(repo);
        writeUrl("url");
        json.writeEndObject();
    }

    /** Writes "body": markdown of about the given length, or null for zero. */
    void writeBody(int length) throws IOException {
        if (length == 0) {
            json.writeNullField("body");
            return;
        }
        TextSource.body(random, text.clear(), length);
        text.writeField(json, "body");
    }

    /** Writes an all-zero reactions object whose URL is {@link #url} plus "/reactions". */
    void writeReactions() throws IOException {
        json.writeObjectFieldStart("reactions");
        url.append("/reactions");
        writeUrl("url");
        json.writeNumberField("total_count", 0);
        for (String reaction : REACTIONS) {
            json.writeNumberField(reaction, 0);
        }
        json.writeEndObject();
    }

    /** Writes {"href": url} under the given name, for the "_links" objects. */
    void writeLink(String field) throws IOException {
        json.writeObjectFieldStart(field);
        writeUrl("href");
        json.writeEndObject();
    }

    private void writeLicence(int licence) throws IOException {
        if (licence < 0) {
            json.writeNullField("license");
            return;
        }
        String[] facts = LICENCES[licence];
        json.writeObjectFieldStart("license");
        json.writeStringField("key", facts[0]);
        json.writeStringField("name", facts[1]);
        json.writeStringField("spdx_id", facts[2]);
        json.writeStringField(
                "url", licence == 3 ? null : "https://api.github.com/licenses/" + facts[0]);
        json.writeStringField("node_id", facts[3]);
        json.writeEndObject();
    }
}
