package io.ghanomaly.job.campaign;

import io.ghanomaly.core.campaign.ActorProfile;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/** An actor's profile, on its way to a repository it acted on in the hour that closed. */
@TypeInfo(CampaignSerializers.RepoProfileInfo.class)
public record RepoProfile(String repo, ActorProfile profile) {}
