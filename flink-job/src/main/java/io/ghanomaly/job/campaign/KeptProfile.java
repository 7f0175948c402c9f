package io.ghanomaly.job.campaign;

import io.ghanomaly.core.campaign.ActorProfile;
import io.ghanomaly.core.campaign.RepoKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * An actor's profile as a repository keeps it: its repositories' {@link RepoKeys} (what the search
 * reads), when the actor last acted (what expiry reads), and the profile itself, serialized, read
 * only for the members of a group found. On RocksDB a repository's search reads every profile it
 * keeps at each hour it gets a fresh one; decoding their names made most of that work.
 *
 * @param repoKeys ascending
 * @param serialized the profile as {@link CampaignSerializers#PROFILE} writes it
 */
public record KeptProfile(long[] repoKeys, long lastAtMillis, byte[] serialized) {

    public static KeptProfile of(ActorProfile p) {
        DataOutputSerializer out = new DataOutputSerializer(64 + 48 * p.repos().length);
        try {
            CampaignSerializers.PROFILE.serialize(p, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a buffer in memory does not fail
        }
        return new KeptProfile(RepoKeys.sorted(p.repos()), p.lastAtMillis(), out.getCopyOfBuffer());
    }

    public ActorProfile profile() {
        try {
            return CampaignSerializers.PROFILE.deserialize(new DataInputDeserializer(serialized));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
