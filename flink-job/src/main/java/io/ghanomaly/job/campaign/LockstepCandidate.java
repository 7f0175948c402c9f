package io.ghanomaly.job.campaign;

import io.ghanomaly.core.campaign.ActorProfile;

/**
 * The part of a lockstep group one repository saw in an hour: its members' profiles, and how many
 * accounts the repository keeps in all.
 */
public record LockstepCandidate(
        String repo, long hourStartMillis, int repoActors, ActorProfile[] profiles) {}
