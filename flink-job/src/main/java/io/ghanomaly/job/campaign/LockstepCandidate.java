package io.ghanomaly.job.campaign;

import io.ghanomaly.core.campaign.ActorProfile;

/** The part of a lockstep group one repository saw in an hour: its members' profiles. */
public record LockstepCandidate(String repo, long hourStartMillis, ActorProfile[] profiles) {}
