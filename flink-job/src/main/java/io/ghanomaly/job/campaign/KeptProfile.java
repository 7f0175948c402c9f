package io.ghanomaly.job.campaign;

import io.ghanomaly.core.campaign.ActorProfile;
import io.ghanomaly.core.campaign.RepoKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * An actor's profile as it reaches a repository: who, its repositories' {@link RepoKeys} and when
 * it last acted (what the repository's {@link RepoIndex} takes), and the profile itself, serialized
 * (what the repository keeps apart and reads only for the members of a group found).
 *
 * @param repoKeys ascending
 * @param serialized the profile as {@link CampaignSerializers#PROFILE} writes it
 */
public record KeptProfile(String login, long[] repoKeys, long lastAtMillis, byte[] serialized) {

    public static KeptProfile of(ActorProfile p) {
        DataOutputSerializer out = new DataOutputSerializer(64 + 48 * p.repos().length);
        try {
            CampaignSerializers.PROFILE.serialize(p, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a buffer in memory does not fail
        }
        return new KeptProfile(
                p.login(), RepoKeys.sorted(p.repos()), p.lastAtMillis(), out.getCopyOfBuffer());
    }

    public ActorProfile profile() {
        return decode(serialized);
    }

    /** The profile that {@link #serialized} holds. */
    static ActorProfile decode(byte[] serialized) {
        try {
            return CampaignSerializers.PROFILE.deserialize(new DataInputDeserializer(serialized));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
