package io.ghanomaly.generator;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.ghanomaly.core.label.GroundTruthLabel;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Generates realistic GH Archive hours with planted, labelled anomalies; what it writes depends
 * only on the config and the hour, so hours can be generated independently and repeatably.
 *
 * <p>Thread-safe: hours may be written concurrently by one generator.
 */
public final class HourGenerator {
    private static final int GZIP_BUFFER_BYTES = 1 << 16;

    private final JsonFactory json =
            new JsonFactoryBuilder()
                    // Lines are ended explicitly, so that the last one ends with a newline too.
                    .rootValueSeparator((String) null)
                    .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
                    .build();
    private final GeneratorConfig config;
    private final ActorPopulation population;

    public HourGenerator(GeneratorConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.population = new ActorPopulation(config.seed(), config.actorPopulation());
    }

    public GeneratorConfig config() {
        return config;
    }

    /**
     * Writes one hour as gzipped JSON lines and returns the labels of the behaviours planted in it.
     * The gzip stream is finished but {@code gzipTarget} is left open for the caller to close.
     *
     * @param hourStart the start of a UTC hour, such as 2025-01-01T15:00:00Z
     */
    public List<GroundTruthLabel> writeHour(Instant hourStart, OutputStream gzipTarget)
            throws IOException {
        return write(hourStart, gzipTarget).labels();
    }

    /** What writing an hour produced, for reports. */
    record WrittenHour(List<GroundTruthLabel> labels, int events) {}

    WrittenHour write(Instant hourStart, OutputStream gzipTarget) throws IOException {
        return write(hourStart, gzipTarget, config);
    }

    /** The hour with this hour's volume and mix (same seed and population as the generator's). */
    WrittenHour write(Instant hourStart, OutputStream gzipTarget, GeneratorConfig config)
            throws IOException {
        return write(hourStart, gzipTarget, config, Set.of());
    }

    /** As above, with these {@link Shift}s under way in the hour. */
    WrittenHour write(
            Instant hourStart, OutputStream gzipTarget, GeneratorConfig config, Set<Shift> shifts)
            throws IOException {
        if (config.seed() != this.config.seed()
                || config.actorPopulation() != this.config.actorPopulation()) {
            throw new IllegalArgumentException(
                    "an hour's config must keep the seed and population");
        }
        Objects.requireNonNull(gzipTarget, "gzipTarget");
        requireHourStart(hourStart);
        SplittableRandom random =
                new SplittableRandom(StableHash.mix(config.seed(), hourStart.getEpochSecond()));
        List<GroundTruthLabel> labels = new ArrayList<>();
        HourPlan plan = new HourPlanner(config, population, hourStart, random, shifts).plan(labels);
        try (GZIPOutputStream gzip = new FastGzipOutputStream(new KeepOpen(gzipTarget));
                JsonGenerator generator = json.createGenerator(gzip)) {
            new EventWriter(generator, plan, random).writeAll();
        }
        return new WrittenHour(List.copyOf(labels), plan.size());
    }

    private static void requireHourStart(Instant hourStart) {
        Objects.requireNonNull(hourStart, "hourStart");
        if (hourStart.getNano() != 0 || hourStart.getEpochSecond() % 3600 != 0) {
            throw new IllegalArgumentException(
                    "hourStart must be the start of a UTC hour, such as 2025-01-01T15:00:00Z, was "
                            + hourStart);
        }
        if (hourStart.getEpochSecond() < 3600) {
            throw new IllegalArgumentException(
                    "hourStart must be after 1970-01-01T01:00:00Z, was " + hourStart);
        }
    }

    /**
     * Gzip at the fastest level: the generated text is repetitive enough to compress about as well
     * as the real archive does at the default level, in a fraction of the time.
     */
    private static final class FastGzipOutputStream extends GZIPOutputStream {
        FastGzipOutputStream(OutputStream out) throws IOException {
            super(out, GZIP_BUFFER_BYTES);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }

    /**
     * Lets the gzip stream be closed, releasing its native deflater, without closing the target.
     */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
