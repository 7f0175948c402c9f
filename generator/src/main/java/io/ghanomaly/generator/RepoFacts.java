package io.ghanomaly.generator;

import java.time.Instant;
import java.util.SplittableRandom;

/**
 * The traits of one repository that event payloads show (owner, description, language, counts),
 * derived from its hash; one instance is reloaded for each event to spare allocations.
 */
final class RepoFacts {
    private static final long DAY_SECONDS = 86_400L;

    long id;
    String name;
    String fullName;
    String ownerLogin;
    long ownerId;
    boolean ownerIsOrganisation;
    String description;
    String language;
    String createdAt;
    String pushedAt;
    String defaultBranch;
    boolean fork;
    int stars;
    int forks;
    int openIssues;
    int sizeKb;
    boolean hasPages;

    /** Index into {@link GitHubObjectWriter}'s licences, or -1 for none. */
    int licence;

    private final TextBuffer scratch = new TextBuffer();

    void load(HourPlan plan, long repo) {
        long hash = plan.repoHash(repo);
        id = plan.repoId(repo);
        name = plan.repoName(repo);
        ownerLogin = plan.repoOwnerLogin(repo);
        fullName = ownerLogin + "/" + name;
        ownerId = plan.repoOwnerId(repo);
        ownerIsOrganisation = RepoRef.kind(repo) == RepoRef.ORG;
        fork = false;
        boolean brandNew = RepoRef.kind(repo) == RepoRef.NEW_ACCOUNT;
        long hourStart = plan.hourStart.getEpochSecond();
        long created = hourStart;
        long pushed = hourStart;
        if (!brandNew) {
            created -= (1 + StableHash.below(hash, 3_000)) * DAY_SECONDS - (hash & 0x3FFF);
            pushed = Math.max(created, hourStart - ((hash >>> 20) & 0x3FFFF));
        }
        createdAt = Instant.ofEpochSecond(created).toString();
        pushedAt = Instant.ofEpochSecond(pushed).toString();
        long traits = StableHash.finish(hash);
        description = brandNew || StableHash.below(traits, 10) < 4 ? null : describe(hash);
        language = StableHash.below(traits >>> 4, 8) == 0 ? null : Vocabulary.language(traits);
        defaultBranch = StableHash.below(traits >>> 8, 5) == 0 ? "master" : "main";
        // Stars follow a steep power law: most repositories have none, a few thousands.
        stars = brandNew ? 0 : (int) Math.expm1(StableHash.unit(traits >>> 12) * 9.0);
        forks = stars / (3 + StableHash.below(traits >>> 16, 10));
        openIssues = stars / (5 + StableHash.below(traits >>> 20, 40));
        sizeKb = brandNew ? 0 : StableHash.below(traits >>> 24, 200_000);
        hasPages = StableHash.below(traits >>> 28, 12) == 0;
        licence = StableHash.below(traits >>> 32, 3) == 0 ? StableHash.below(traits >>> 36, 4) : -1;
    }

    /** Turns these facts into those of a fork of this repository, made by an actor just now. */
    void becomeForkBy(String newOwnerLogin, long newOwnerId, long newId, String now) {
        id = newId;
        ownerLogin = newOwnerLogin;
        ownerId = newOwnerId;
        ownerIsOrganisation = false;
        fullName = newOwnerLogin + "/" + name;
        fork = true;
        createdAt = now;
        stars = 0;
        forks = 0;
        openIssues = 0;
    }

    private String describe(long hash) {
        TextSource.title(new SplittableRandom(hash), scratch.clear(), 3, 16);
        return scratch.toString();
    }
}
