package io.ghanomaly.job.campaign;

import io.ghanomaly.core.campaign.ActorProfile;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Serializers for the lockstep state and the records between its operators. Flink's own (the POJO
 * serializer it gives records, and {@code StringSerializer}) write a string a character at a time
 * through the stream; these write its UTF-8 bytes at once, and a record's fields without
 * reflection. The state is mostly repository names (each profile holds up to 32, and a profile is
 * kept by every repository its actor acted on), and the heap backend writes all of it at every
 * checkpoint: measured over three generated days, the checkpoint thread was the job's busiest, 62%
 * of its time in writing strings a character at a time.
 *
 * <p>Records and strings are immutable, so copies are the same object.
 */
public final class CampaignSerializers {
    public static final TypeSerializer<String> STRING = new Utf8StringSerializer();
    public static final TypeSerializer<Target> TARGET = new TargetSerializer();
    public static final TypeSerializer<TargetAction> TARGET_ACTION = new TargetActionSerializer();
    public static final TypeSerializer<ActorProfile> PROFILE = new ProfileSerializer();
    public static final TypeSerializer<RepoProfile> REPO_PROFILE = new RepoProfileSerializer();
    public static final TypeSerializer<KeptProfile> KEPT_PROFILE = new KeptProfileSerializer();
    public static final TypeSerializer<RepoIndex> REPO_INDEX = new RepoIndexSerializer();
    public static final TypeSerializer<KeptTargets> KEPT_TARGETS = new KeptTargetsSerializer();

    /**
     * A login or repository as the key of a keyed stream: Flink's key type for strings, written as
     * {@link #STRING} (with every state entry and timer of a key in a checkpoint). Keys go to key
     * groups by {@link String#hashCode}, whatever their serializer.
     */
    public static final TypeInformation<String> KEY = new Info<>(String.class, STRING, true);

    private CampaignSerializers() {}

    static void writeString(String s, DataOutputView out) throws IOException {
        if (s == null) {
            writeVarInt(0, out);
            return;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        writeVarInt(bytes.length + 1, out);
        out.write(bytes);
    }

    static String readString(DataInputView in) throws IOException {
        int n = readVarInt(in) - 1;
        if (n < 0) {
            return null;
        }
        byte[] bytes = new byte[n];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Seven bits a byte, low first: one byte for a name's length or an action's kinds. */
    static void writeVarInt(int v, DataOutputView out) throws IOException {
        while ((v & ~0x7F) != 0) {
            out.writeByte((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.writeByte(v);
    }

    static int readVarInt(DataInputView in) throws IOException {
        int v = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = in.readByte();
            v |= (b & 0x7F) << shift;
            if (b >= 0) {
                return v;
            }
        }
    }

    /**
     * A serializer of an immutable type: copies are the value itself. A value goes to a stream (a
     * checkpoint's) through a buffer of this thread, in one write: such a stream takes each byte
     * written on its own through several calls.
     */
    private abstract static class Immutable<T> extends TypeSerializerSingleton<T> {
        private static final long serialVersionUID = 1L;
        private static final ThreadLocal<DataOutputSerializer> SCRATCH =
                ThreadLocal.withInitial(() -> new DataOutputSerializer(1 << 12));

        /** Writes the value's fields. */
        abstract void write(T value, DataOutputView out) throws IOException;

        @Override
        public final void serialize(T value, DataOutputView out) throws IOException {
            if (out instanceof DataOutputSerializer) { // already a buffer (between tasks)
                write(value, out);
                return;
            }
            DataOutputSerializer buf = SCRATCH.get();
            buf.clear();
            write(value, buf);
            out.write(buf.getSharedBuffer(), 0, buf.length());
        }

        @Override
        public boolean isImmutableType() {
            return true;
        }

        @Override
        public T copy(T from) {
            return from;
        }

        @Override
        public T copy(T from, T reuse) {
            return from;
        }

        @Override
        public int getLength() {
            return -1;
        }

        @Override
        public T deserialize(T reuse, DataInputView in) throws IOException {
            return deserialize(in);
        }

        @Override
        public void copy(DataInputView in, DataOutputView out) throws IOException {
            serialize(deserialize(in), out);
        }
    }

    static final class Utf8StringSerializer extends Immutable<String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String createInstance() {
            return "";
        }

        @Override
        void write(String s, DataOutputView out) throws IOException {
            writeString(s, out);
        }

        @Override
        public String deserialize(DataInputView in) throws IOException {
            return readString(in);
        }

        @Override
        public TypeSerializerSnapshot<String> snapshotConfiguration() {
            return new Utf8StringSnapshot();
        }
    }

    static final class TargetSerializer extends Immutable<Target> {
        private static final long serialVersionUID = 1L;

        @Override
        public Target createInstance() {
            return new Target(0, 0, 0);
        }

        @Override
        public int getLength() {
            return 4 + 8 + 8;
        }

        @Override
        void write(Target t, DataOutputView out) throws IOException {
            out.writeInt(t.kinds());
            out.writeLong(t.firstAtMillis());
            out.writeLong(t.lastAtMillis());
        }

        @Override
        public Target deserialize(DataInputView in) throws IOException {
            return new Target(in.readInt(), in.readLong(), in.readLong());
        }

        @Override
        public TypeSerializerSnapshot<Target> snapshotConfiguration() {
            return new TargetSnapshot();
        }
    }

    static final class TargetActionSerializer extends Immutable<TargetAction> {
        private static final long serialVersionUID = 1L;

        @Override
        public TargetAction createInstance() {
            return new TargetAction("", "", 0, 0);
        }

        @Override
        void write(TargetAction a, DataOutputView out) throws IOException {
            writeString(a.login(), out);
            writeString(a.repo(), out);
            writeVarInt(a.kind(), out);
            out.writeLong(a.atMillis());
        }

        @Override
        public TargetAction deserialize(DataInputView in) throws IOException {
            return new TargetAction(readString(in), readString(in), readVarInt(in), in.readLong());
        }

        @Override
        public TypeSerializerSnapshot<TargetAction> snapshotConfiguration() {
            return new TargetActionSnapshot();
        }
    }

    static final class ProfileSerializer extends Immutable<ActorProfile> {
        private static final long serialVersionUID = 1L;

        @Override
        public ActorProfile createInstance() {
            return new ActorProfile("", new String[0], new int[0], 0, 0);
        }

        @Override
        void write(ActorProfile p, DataOutputView out) throws IOException {
            writeString(p.login(), out);
            writeVarInt(p.repos().length, out);
            for (int i = 0; i < p.repos().length; i++) {
                writeString(p.repos()[i], out);
                writeVarInt(p.kinds()[i], out);
            }
            out.writeLong(p.firstAtMillis());
            out.writeLong(p.lastAtMillis());
        }

        @Override
        public ActorProfile deserialize(DataInputView in) throws IOException {
            String login = readString(in);
            int n = readVarInt(in);
            String[] repos = new String[n];
            int[] kinds = new int[n];
            for (int i = 0; i < n; i++) {
                repos[i] = readString(in);
                kinds[i] = readVarInt(in);
            }
            return new ActorProfile(login, repos, kinds, in.readLong(), in.readLong());
        }

        @Override
        public TypeSerializerSnapshot<ActorProfile> snapshotConfiguration() {
            return new ProfileSnapshot();
        }
    }

    static final class RepoProfileSerializer extends Immutable<RepoProfile> {
        private static final long serialVersionUID = 1L;

        @Override
        public RepoProfile createInstance() {
            return new RepoProfile("", PROFILE.createInstance());
        }

        @Override
        void write(RepoProfile r, DataOutputView out) throws IOException {
            writeString(r.repo(), out);
            PROFILE.serialize(r.profile(), out); // out is a buffer here: written directly
        }

        @Override
        public RepoProfile deserialize(DataInputView in) throws IOException {
            return new RepoProfile(readString(in), PROFILE.deserialize(in));
        }

        @Override
        public TypeSerializerSnapshot<RepoProfile> snapshotConfiguration() {
            return new RepoProfileSnapshot();
        }
    }

    static final class KeptProfileSerializer extends Immutable<KeptProfile> {
        private static final long serialVersionUID = 1L;

        @Override
        public KeptProfile createInstance() {
            return new KeptProfile("", new long[0], 0, new byte[0]);
        }

        @Override
        void write(KeptProfile k, DataOutputView out) throws IOException {
            writeString(k.login(), out);
            writeKeys(k.repoKeys(), out);
            out.writeLong(k.lastAtMillis());
            writeVarInt(k.serialized().length, out);
            out.write(k.serialized());
        }

        @Override
        public KeptProfile deserialize(DataInputView in) throws IOException {
            String login = readString(in);
            long[] keys = readKeys(in);
            long last = in.readLong();
            byte[] serialized = new byte[readVarInt(in)];
            in.readFully(serialized);
            return new KeptProfile(login, keys, last, serialized);
        }

        @Override
        public TypeSerializerSnapshot<KeptProfile> snapshotConfiguration() {
            return new KeptProfileSnapshot();
        }
    }

    static final class RepoIndexSerializer extends Immutable<RepoIndex> {
        private static final long serialVersionUID = 1L;

        @Override
        public RepoIndex createInstance() {
            return new RepoIndex(new String[0], new long[0], new long[0][]);
        }

        @Override
        void write(RepoIndex index, DataOutputView out) throws IOException {
            writeVarInt(index.size(), out);
            for (int i = 0; i < index.size(); i++) {
                writeString(index.logins()[i], out);
                out.writeLong(index.lastAtMillis()[i]);
                writeKeys(index.repoKeys()[i], out);
            }
        }

        @Override
        public RepoIndex deserialize(DataInputView in) throws IOException {
            int n = readVarInt(in);
            String[] logins = new String[n];
            long[] last = new long[n];
            long[][] keys = new long[n][];
            for (int i = 0; i < n; i++) {
                logins[i] = readString(in);
                last[i] = in.readLong();
                keys[i] = readKeys(in);
            }
            return new RepoIndex(logins, last, keys);
        }

        @Override
        public TypeSerializerSnapshot<RepoIndex> snapshotConfiguration() {
            return new RepoIndexSnapshot();
        }
    }

    static final class KeptTargetsSerializer extends Immutable<KeptTargets> {
        private static final long serialVersionUID = 1L;

        @Override
        public KeptTargets createInstance() {
            return new KeptTargets(new String[0], new Target[0]);
        }

        @Override
        void write(KeptTargets kept, DataOutputView out) throws IOException {
            writeVarInt(kept.size(), out);
            for (int i = 0; i < kept.size(); i++) {
                Target t = kept.targets()[i];
                writeString(kept.repos()[i], out);
                writeVarInt(t.kinds(), out);
                out.writeLong(t.firstAtMillis());
                out.writeLong(t.lastAtMillis());
            }
        }

        @Override
        public KeptTargets deserialize(DataInputView in) throws IOException {
            int n = readVarInt(in);
            String[] repos = new String[n];
            Target[] targets = new Target[n];
            for (int i = 0; i < n; i++) {
                repos[i] = readString(in);
                targets[i] = new Target(readVarInt(in), in.readLong(), in.readLong());
            }
            return new KeptTargets(repos, targets);
        }

        @Override
        public TypeSerializerSnapshot<KeptTargets> snapshotConfiguration() {
            return new KeptTargetsSnapshot();
        }
    }

    private static void writeKeys(long[] keys, DataOutputView out) throws IOException {
        writeVarInt(keys.length, out);
        for (long key : keys) {
            out.writeLong(key);
        }
    }

    private static long[] readKeys(DataInputView in) throws IOException {
        long[] keys = new long[readVarInt(in)];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = in.readLong();
        }
        return keys;
    }

    public static final class Utf8StringSnapshot extends SimpleTypeSerializerSnapshot<String> {
        public Utf8StringSnapshot() {
            super(Utf8StringSerializer::new);
        }
    }

    public static final class TargetSnapshot extends SimpleTypeSerializerSnapshot<Target> {
        public TargetSnapshot() {
            super(TargetSerializer::new);
        }
    }

    public static final class TargetActionSnapshot
            extends SimpleTypeSerializerSnapshot<TargetAction> {
        public TargetActionSnapshot() {
            super(TargetActionSerializer::new);
        }
    }

    public static final class ProfileSnapshot extends SimpleTypeSerializerSnapshot<ActorProfile> {
        public ProfileSnapshot() {
            super(ProfileSerializer::new);
        }
    }

    public static final class RepoProfileSnapshot
            extends SimpleTypeSerializerSnapshot<RepoProfile> {
        public RepoProfileSnapshot() {
            super(RepoProfileSerializer::new);
        }
    }

    public static final class KeptProfileSnapshot
            extends SimpleTypeSerializerSnapshot<KeptProfile> {
        public KeptProfileSnapshot() {
            super(KeptProfileSerializer::new);
        }
    }

    public static final class RepoIndexSnapshot extends SimpleTypeSerializerSnapshot<RepoIndex> {
        public RepoIndexSnapshot() {
            super(RepoIndexSerializer::new);
        }
    }

    public static final class KeptTargetsSnapshot
            extends SimpleTypeSerializerSnapshot<KeptTargets> {
        public KeptTargetsSnapshot() {
            super(KeptTargetsSerializer::new);
        }
    }

    /** The type information of a record that one of these serializers writes. */
    static final class Info<T> extends TypeInformation<T> {
        private static final long serialVersionUID = 1L;
        private final Class<T> type;
        private final TypeSerializer<T> serializer;
        private final boolean key;

        Info(Class<T> type, TypeSerializer<T> serializer) {
            this(type, serializer, false);
        }

        Info(Class<T> type, TypeSerializer<T> serializer, boolean key) {
            this.type = type;
            this.serializer = serializer;
            this.key = key;
        }

        @Override
        public boolean isBasicType() {
            return false;
        }

        @Override
        public boolean isTupleType() {
            return false;
        }

        @Override
        public int getArity() {
            return 1;
        }

        @Override
        public int getTotalFields() {
            return 1;
        }

        @Override
        public Class<T> getTypeClass() {
            return type;
        }

        @Override
        public boolean isKeyType() {
            return key;
        }

        @Override
        public TypeSerializer<T> createSerializer(SerializerConfig config) {
            return serializer;
        }

        @Override
        public String toString() {
            return type.getSimpleName();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Info<?> i && i.type == type && i.key == key;
        }

        @Override
        public int hashCode() {
            return type.hashCode() * 31 + Boolean.hashCode(key);
        }

        @Override
        public boolean canEqual(Object o) {
            return o instanceof Info<?>;
        }
    }

    /** Named by {@code @TypeInfo} on {@link Target}. */
    public static final class TargetInfo extends TypeInfoFactory<Target> {
        @Override
        public TypeInformation<Target> createTypeInfo(Type t, Map<String, TypeInformation<?>> g) {
            return new Info<>(Target.class, TARGET);
        }
    }

    /** Named by {@code @TypeInfo} on {@link TargetAction}. */
    public static final class TargetActionInfo extends TypeInfoFactory<TargetAction> {
        @Override
        public TypeInformation<TargetAction> createTypeInfo(
                Type t, Map<String, TypeInformation<?>> g) {
            return new Info<>(TargetAction.class, TARGET_ACTION);
        }
    }

    /** Named by {@code @TypeInfo} on {@link RepoProfile}. */
    public static final class RepoProfileInfo extends TypeInfoFactory<RepoProfile> {
        @Override
        public TypeInformation<RepoProfile> createTypeInfo(
                Type t, Map<String, TypeInformation<?>> g) {
            return new Info<>(RepoProfile.class, REPO_PROFILE);
        }
    }
}
