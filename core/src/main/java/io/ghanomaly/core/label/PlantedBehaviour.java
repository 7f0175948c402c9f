package io.ghanomaly.core.label;

/** The anomalous behaviours the generator plants into ordinary hours, each labelled per actor. */
public enum PlantedBehaviour {
    /** An ordinary actor pushes 200-600 PushEvents within 2-5 minutes to 1-3 of its repos. */
    PUSH_BURST,

    /** A ring of 5-15 accounts stars and/or forks the same 30-100 repos within a few minutes. */
    STAR_FORK_RING,

    /** One actor opens 50-200 pull requests, each on a different repo. */
    PR_SPAM,

    /** One actor opens 50-200 issues across many repos and comments on many of them. */
    ISSUE_SPAM,

    /** A brand-new account, with an id above every existing one, creates 20-60 repositories. */
    REPO_CREATION_SPREE
}
