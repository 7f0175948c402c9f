package io.ghanomaly.generator;

import java.util.SplittableRandom;

/** The event being written, with what its payload writers need to know about it. */
final class EventContext {
    private static final String[] OUTSIDER_ASSOCIATIONS = {
        "NONE", "NONE", "CONTRIBUTOR", "CONTRIBUTOR", "COLLABORATOR", "FIRST_TIME_CONTRIBUTOR"
    };

    final RepoFacts repo = new RepoFacts();
    EventType type;
    int actor;
    String actorLogin;
    long actorId;

    /** The kind of bot acting, or null for a human. */
    BotKind bot;

    long repoRef;
    String createdAt;
    long epochSecond;
    boolean planted;
    boolean actorIsMemberOfRepoOrganisation;

    boolean actorOwnsRepo() {
        return repo.ownerId == actorId;
    }

    /** The actor's relation to the repository, as the API's author_association reports it. */
    String authorAssociation(SplittableRandom random) {
        if (actorOwnsRepo()) {
            return "OWNER";
        } else if (actorIsMemberOfRepoOrganisation) {
            return "MEMBER";
        }
        return OUTSIDER_ASSOCIATIONS[random.nextInt(OUTSIDER_ASSOCIATIONS.length)];
    }
}
