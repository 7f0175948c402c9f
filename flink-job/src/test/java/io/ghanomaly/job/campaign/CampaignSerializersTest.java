package io.ghanomaly.job.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.ghanomaly.core.campaign.ActorProfile;
import io.ghanomaly.core.campaign.RepoKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputViewStreamWrapper;
import org.junit.jupiter.api.Test;

class CampaignSerializersTest {

    @Test
    void profilesRoundTripWithNamesOfAnyLengthAndAlphabet() throws IOException {
        String longName = "o/" + "r".repeat(300); // a length of two varint bytes
        ActorProfile p =
                new ActorProfile(
                        "bürger-42",
                        new String[] {"a/b", "ünï/cödé", longName, "日本/語"},
                        new int[] {1, 3, 1 << 5, 0x7FFF_FFFF},
                        1_735_689_600_000L,
                        1_735_776_000_123L);

        ActorProfile back = roundTrip(CampaignSerializers.PROFILE, p);

        assertThat(back).isEqualTo(p);
        assertThat(back.kinds()).containsExactly(1, 3, 1 << 5, 0x7FFF_FFFF);
        assertThat(roundTrip(CampaignSerializers.REPO_PROFILE, new RepoProfile(longName, p)))
                .isEqualTo(new RepoProfile(longName, p));
    }

    /** A repository keeps a profile as its repositories' keys and its bytes, decoded on demand. */
    @Test
    void keptProfilesRoundTripAndGiveBackTheProfile() throws IOException {
        ActorProfile p =
                new ActorProfile(
                        "bürger-42",
                        new String[] {"a/b", "ünï/cödé", "日本/語"},
                        new int[] {1, 3, 1 << 5},
                        1_735_689_600_000L,
                        1_735_776_000_123L);
        KeptProfile kept = KeptProfile.of(p);

        KeptProfile back = roundTrip(CampaignSerializers.KEPT_PROFILE, kept);

        assertThat(back.login()).isEqualTo("bürger-42");
        assertThat(back.repoKeys()).containsExactly(RepoKeys.sorted(p.repos()));
        assertThat(back.repoKeys()).isSorted();
        assertThat(back.lastAtMillis()).isEqualTo(1_735_776_000_123L);
        assertThat(back.profile()).isEqualTo(p);
    }

    @Test
    void aRepositorysIndexRoundTripsInItsOrder() throws IOException {
        RepoIndex index =
                new RepoIndex(
                        new String[] {"zed", "ünï", "a"},
                        new long[] {3L, Long.MIN_VALUE, 1_735_776_000_123L},
                        new long[][] {{-5L, 7L}, {}, {Long.MAX_VALUE}});

        RepoIndex back = roundTrip(CampaignSerializers.REPO_INDEX, index);

        assertThat(back.logins()).containsExactly("zed", "ünï", "a");
        assertThat(back.lastAtMillis()).containsExactly(3L, Long.MIN_VALUE, 1_735_776_000_123L);
        assertThat(back.repoKeys()).isDeepEqualTo(index.repoKeys());
        assertThat(back.oldestMillis()).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void anActorsKeptTargetsRoundTripInTheirOrder() throws IOException {
        KeptTargets kept =
                new KeptTargets(
                        new String[] {"z/newest", "ünï/cödé", "a/oldest"},
                        new Target[] {
                            new Target(0x7FFF_FFFF, 5L, 9L),
                            new Target(1, -1L, 3L),
                            new Target(2, 0, 0)
                        });

        KeptTargets back = roundTrip(CampaignSerializers.KEPT_TARGETS, kept);

        assertThat(back.repos()).containsExactly(kept.repos());
        assertThat(back.targets()).containsExactly(kept.targets());
    }

    @Test
    void targetsActionsAndStringsRoundTrip() throws IOException {
        assertThat(roundTrip(CampaignSerializers.TARGET, new Target(5, -1L, Long.MAX_VALUE)))
                .isEqualTo(new Target(5, -1L, Long.MAX_VALUE));
        TargetAction a = new TargetAction("octocat", "octo/repo", 4, 1_700_000_000_000L);
        assertThat(roundTrip(CampaignSerializers.TARGET_ACTION, a)).isEqualTo(a);
        assertThat(roundTrip(CampaignSerializers.STRING, "")).isEmpty();
        assertThat(roundTrip(CampaignSerializers.STRING, null)).isNull();
    }

    @Test
    void aStringIsWrittenAsItsUtf8BytesAfterAOneByteLength() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(16);
        CampaignSerializers.STRING.serialize("octo/repo", out);
        assertThat(out.length()).isEqualTo(1 + 9);
    }

    @Test
    void aCheckpointStreamGetsTheSameBytesAsABuffer() throws IOException {
        ActorProfile p =
                new ActorProfile("a", new String[] {"o/r", "o/s"}, new int[] {1, 2}, 10L, 20L);
        DataOutputSerializer buffer = new DataOutputSerializer(16);
        CampaignSerializers.REPO_PROFILE.serialize(new RepoProfile("o/r", p), buffer);
        CampaignSerializers.REPO_PROFILE.serialize(new RepoProfile("o/s", p), buffer);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputViewStreamWrapper stream = new DataOutputViewStreamWrapper(bytes);
        CampaignSerializers.REPO_PROFILE.serialize(new RepoProfile("o/r", p), stream);
        CampaignSerializers.REPO_PROFILE.serialize(new RepoProfile("o/s", p), stream);
        assertThat(bytes.toByteArray()).isEqualTo(buffer.getCopyOfBuffer());
    }

    @Test
    void theRecordsBetweenOperatorsGetTheseSerializers() {
        assertThat(serializerOf(TargetAction.class)).isSameAs(CampaignSerializers.TARGET_ACTION);
        assertThat(serializerOf(RepoProfile.class)).isSameAs(CampaignSerializers.REPO_PROFILE);
        assertThat(serializerOf(Target.class)).isSameAs(CampaignSerializers.TARGET);
    }

    @Test
    void aSnapshotRestoresACompatibleSerializer() throws IOException {
        for (TypeSerializer<?> s :
                new TypeSerializer<?>[] {
                    CampaignSerializers.STRING,
                    CampaignSerializers.TARGET,
                    CampaignSerializers.TARGET_ACTION,
                    CampaignSerializers.PROFILE,
                    CampaignSerializers.REPO_PROFILE,
                    CampaignSerializers.KEPT_PROFILE,
                    CampaignSerializers.REPO_INDEX,
                    CampaignSerializers.KEPT_TARGETS
                }) {
            assertRestores(s);
        }
    }

    private static <T> void assertRestores(TypeSerializer<T> s) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, s.snapshotConfiguration());
        TypeSerializerSnapshot<T> read =
                TypeSerializerSnapshot.readVersionedSnapshot(
                        new DataInputDeserializer(out.getCopyOfBuffer()),
                        CampaignSerializersTest.class.getClassLoader());
        assertThat(read.restoreSerializer()).isEqualTo(s);
        assertThat(s.snapshotConfiguration().resolveSchemaCompatibility(read).isCompatibleAsIs())
                .isTrue();
    }

    private static TypeSerializer<?> serializerOf(Class<?> type) {
        return TypeInformation.of(type).createSerializer(new SerializerConfigImpl());
    }

    private static <T> T roundTrip(TypeSerializer<T> s, T value) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        s.serialize(value, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        T back = s.deserialize(in);
        assertThat(in.available()).isZero();
        return back;
    }
}
