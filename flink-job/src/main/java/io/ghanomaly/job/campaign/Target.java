package io.ghanomaly.job.campaign;

import org.apache.flink.api.common.typeinfo.TypeInfo;

/** What an actor did to one repository within the window: the kinds, first and last time. */
@TypeInfo(CampaignSerializers.TargetInfo.class)
public record Target(int kinds, long firstAtMillis, long lastAtMillis) {

    /** This target with one more action on it (also what the state benchmark folds). */
    public Target with(TargetAction a) {
        return new Target(
                kinds | a.kind(),
                Math.min(firstAtMillis, a.atMillis()),
                Math.max(lastAtMillis, a.atMillis()));
    }
}
