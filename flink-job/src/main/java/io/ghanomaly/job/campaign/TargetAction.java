package io.ghanomaly.job.campaign;

import io.ghanomaly.core.campaign.ActionKind;
import io.ghanomaly.core.event.GhEvent;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/** One action of an actor on a repository that lockstep detection looks at. */
@TypeInfo(CampaignSerializers.TargetActionInfo.class)
public record TargetAction(String login, String repo, int kind, long atMillis) {

    /** The action of an event, or null for an event that is none ({@link ActionKind#of}). */
    public static TargetAction of(GhEvent e) {
        ActionKind kind = ActionKind.of(e);
        return kind == null
                ? null
                : new TargetAction(e.actorLogin(), e.repoName(), kind.bit(), e.createdAtMillis());
    }
}
