package io.ghanomaly.job.campaign;

import io.ghanomaly.core.campaign.ActorProfile;

/** An actor's profile, on its way to a repository it acted on in the hour that closed. */
public record RepoProfile(String repo, ActorProfile profile) {}
