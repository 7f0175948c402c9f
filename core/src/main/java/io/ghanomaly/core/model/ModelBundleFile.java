package io.ghanomaly.core.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghanomaly.core.drift.DriftBins;
import io.ghanomaly.core.drift.ReferenceDistribution;
import io.ghanomaly.core.feature.Feature;
import io.ghanomaly.core.feature.FeatureSet;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model bundle's file format, version 1: one JSON document, {@code model-<version>.json}.
 *
 * <p>Top level: {@code format} ("gh-anomaly-model"), {@code format_version} (1), {@code version},
 * {@code created_at}, {@code feature_version}, {@code feature_set}, {@code features} (column names,
 * in model order), {@code contamination}, {@code trained_from}, {@code trained_to}, {@code
 * bot_policy}, {@code metrics} (name → number) and {@code segments}. A segment has {@code
 * population}, {@code threshold}, {@code training_rows}, {@code reference} (per feature: count,
 * mean, std, 101 quantiles, frequencies, the drift {@code bins} and {@code usual_by_hour_of_week},
 * 168 values or nulls) and {@code forest}: {@code num_features}, {@code sample_size}, {@code
 * baseline_contributions}, and the node arrays {@code tree_root}, {@code feature}, {@code left},
 * {@code right} (int32) and {@code threshold}, {@code leaf_path_length} (float64), each base64 of
 * its little-endian bytes. No Java serialization: any language can read it. Files are written under
 * a hidden temporary name and renamed, so a watcher never sees half a file; reading checks
 * everything and refuses a bundle this code cannot score, saying why.
 */
public final class ModelBundleFile {
    public static final String FORMAT = "gh-anomaly-model";
    public static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelBundleFile() {}

    public static String fileName(String version) {
        return "model-" + version + ".json";
    }

    /** Writes the bundle into dir atomically; returns the file. */
    public static Path write(ModelBundle bundle, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path target = dir.resolve(fileName(bundle.version()));
        Path tmp = dir.resolve("." + fileName(bundle.version()) + ".tmp");
        Files.write(tmp, toBytes(bundle));
        Files.move(
                tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    public static byte[] toBytes(ModelBundle b) throws JsonProcessingException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("format_version", FORMAT_VERSION);
        root.put("version", b.version());
        root.put("created_at", b.createdAt().toString());
        root.put("feature_version", b.featureVersion());
        root.put("feature_set", b.featureSet().name());
        ArrayNode features = root.putArray("features");
        b.featureSet().columnNames().forEach(features::add);
        root.put("contamination", b.contamination());
        root.put("trained_from", b.trainedFrom().toString());
        root.put("trained_to", b.trainedTo().toString());
        root.put("bot_policy", b.botPolicy().name().toLowerCase(java.util.Locale.ROOT));
        root.put("scaling", b.scaling().name().toLowerCase(java.util.Locale.ROOT));
        ObjectNode metrics = root.putObject("metrics");
        b.metrics().forEach(metrics::put);
        ArrayNode segments = root.putArray("segments");
        for (ModelBundle.Segment s : b.segments()) {
            ObjectNode seg = segments.addObject();
            seg.put("population", s.population().name().toLowerCase(java.util.Locale.ROOT));
            seg.put("threshold", s.threshold());
            if (!Double.isNaN(s.highThreshold())) {
                seg.put("high_threshold", s.highThreshold());
                seg.put("critical_threshold", s.criticalThreshold());
            }
            seg.put("training_rows", s.trainingRows());
            ArrayNode reference = seg.putArray("reference");
            for (ReferenceDistribution r : s.reference()) {
                ObjectNode ref = reference.addObject();
                ref.put("feature", r.feature());
                ref.put("count", r.count());
                ref.put("mean", r.mean());
                ref.put("std", r.std());
                ArrayNode q = ref.putArray("quantiles");
                for (double v : r.quantiles()) {
                    q.add(v);
                }
                ObjectNode freq = ref.putObject("frequencies");
                r.frequencies().forEach((value, share) -> freq.put(Double.toString(value), share));
                if (r.bins() != null) {
                    ObjectNode bins = ref.putObject("bins");
                    for (Map.Entry<String, double[]> e :
                            Map.of(
                                            "edges", r.bins().edges(),
                                            "shares", r.bins().shares(),
                                            "means", r.bins().means())
                                    .entrySet()) {
                        ArrayNode values = bins.putArray(e.getKey());
                        for (double v : e.getValue()) {
                            values.add(v);
                        }
                    }
                }
                if (r.usual() != null) {
                    ArrayNode usual = ref.putArray("usual_by_hour_of_week");
                    for (double v : r.usual()) {
                        if (Double.isNaN(v)) {
                            usual.addNull();
                        } else {
                            usual.add(v);
                        }
                    }
                }
            }
            IsolationForest f = s.forest();
            ObjectNode forest = seg.putObject("forest");
            forest.put("num_features", f.numFeatures());
            forest.put("sample_size", f.sampleSize());
            ArrayNode baseline = forest.putArray("baseline_contributions");
            for (double v : f.baselineContributions()) {
                baseline.add(v);
            }
            forest.put("tree_root", ints(f.treeRoot()));
            forest.put("feature", ints(f.feature()));
            forest.put("threshold", doubles(f.threshold()));
            forest.put("left", ints(f.left()));
            forest.put("right", ints(f.right()));
            forest.put("leaf_path_length", doubles(f.leafPathLength()));
        }
        return JSON.writeValueAsBytes(root);
    }

    /** Reads and checks a bundle; the exception says what is wrong with it. */
    public static ModelBundle read(Path file) throws IOException {
        return read(Files.readAllBytes(file), file.toString());
    }

    /** Reads and checks a bundle from its bytes; {@code name} is for messages. */
    public static ModelBundle read(byte[] content, String name) throws InvalidBundleException {
        JsonNode root;
        try {
            root = JSON.readTree(content);
        } catch (IOException e) {
            String why =
                    e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.toString();
            throw new InvalidBundleException(name + " is not valid JSON (half-written?): " + why);
        }
        try {
            return fromJson(root);
        } catch (RuntimeException e) {
            throw new InvalidBundleException(name + ": " + e.getMessage());
        }
    }

    private static ModelBundle fromJson(JsonNode root) {
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new IllegalArgumentException(
                    "not a gh-anomaly model (format is not " + FORMAT + ")");
        }
        int formatVersion = root.path("format_version").asInt(-1);
        if (formatVersion != FORMAT_VERSION) {
            throw new IllegalArgumentException(
                    "format version "
                            + formatVersion
                            + " is not supported; this version reads "
                            + FORMAT_VERSION);
        }
        int featureVersion = number(root, "feature_version").asInt();
        List<String> columns = new ArrayList<>();
        required(root, "features").forEach(n -> columns.add(n.asText()));
        FeatureSet features =
                compatibleFeatures(featureVersion, root.path("feature_set").asText(), columns);
        List<ModelBundle.Segment> segments = new ArrayList<>();
        for (JsonNode seg : required(root, "segments")) {
            JsonNode f = required(seg, "forest");
            IsolationForest forest =
                    new IsolationForest(
                            number(f, "num_features").asInt(),
                            number(f, "sample_size").asInt(),
                            ints(required(f, "tree_root")),
                            ints(required(f, "feature")),
                            doubles(required(f, "threshold")),
                            ints(required(f, "left")),
                            ints(required(f, "right")),
                            doubles(required(f, "leaf_path_length")),
                            numbers(required(f, "baseline_contributions")));
            List<ReferenceDistribution> reference = new ArrayList<>();
            for (JsonNode r : required(seg, "reference")) {
                Map<Double, Double> freq = new LinkedHashMap<>();
                r.path("frequencies")
                        .fields()
                        .forEachRemaining(
                                e -> freq.put(Double.valueOf(e.getKey()), e.getValue().asDouble()));
                reference.add(
                        new ReferenceDistribution(
                                required(r, "feature").asText(),
                                number(r, "count").asLong(),
                                number(r, "mean").asDouble(),
                                number(r, "std").asDouble(),
                                numbers(required(r, "quantiles")),
                                freq,
                                r.has("bins")
                                        ? new DriftBins(
                                                numbers(required(r.get("bins"), "edges")),
                                                numbers(required(r.get("bins"), "shares")),
                                                numbers(required(r.get("bins"), "means")))
                                        : null,
                                r.has("usual_by_hour_of_week")
                                        ? numbersOrNaN(r.get("usual_by_hour_of_week"))
                                        : null));
            }
            segments.add(
                    new ModelBundle.Segment(
                            enumValue(ModelBundle.Population.class, required(seg, "population")),
                            forest,
                            number(seg, "threshold").asDouble(),
                            number(seg, "training_rows").asLong(),
                            reference,
                            seg.has("high_threshold")
                                    ? number(seg, "high_threshold").asDouble()
                                    : Double.NaN,
                            seg.has("critical_threshold")
                                    ? number(seg, "critical_threshold").asDouble()
                                    : Double.NaN));
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        root.path("metrics")
                .fields()
                .forEachRemaining(e -> metrics.put(e.getKey(), e.getValue().asDouble()));
        return new ModelBundle(
                required(root, "version").asText(),
                Instant.parse(required(root, "created_at").asText()),
                featureVersion,
                features,
                number(root, "contamination").asDouble(),
                Instant.parse(required(root, "trained_from").asText()),
                Instant.parse(required(root, "trained_to").asText()),
                enumValue(ModelBundle.BotPolicy.class, required(root, "bot_policy")),
                segments,
                metrics,
                root.has("scaling")
                        ? enumValue(ModelBundle.Scaling.class, root.get("scaling"))
                        : ModelBundle.Scaling.RAW);
    }

    /** The bundle's features as this code computes them, or why they do not match. */
    private static FeatureSet compatibleFeatures(
            int featureVersion, String name, List<String> cols) {
        List<String> unknown = new ArrayList<>();
        List<Feature> known = new ArrayList<>();
        for (String c : cols) {
            try {
                known.add(FeatureSet.byColumn(c));
            } catch (IllegalArgumentException e) {
                unknown.add(c);
            }
        }
        // Features are only ever appended, so a bundle of an older version is served as long
        // as every feature it reads existed then.
        boolean compatible =
                unknown.isEmpty() && known.stream().allMatch(f -> f.existsIn(featureVersion));
        if (!compatible) {
            throw new IllegalArgumentException(
                    "feature list does not match: the model was trained on feature version "
                            + featureVersion
                            + (unknown.isEmpty()
                                    ? ""
                                    : " with " + unknown + ", which this code does not compute")
                            + "; this code computes feature version "
                            + Feature.VERSION);
        }
        return new FeatureSet(name.isEmpty() ? "custom" : name, known);
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("missing field '" + field + "'");
        }
        return v;
    }

    /** A required field that must be a JSON number: text, "NaN" or booleans are refused. */
    private static JsonNode number(JsonNode node, String field) {
        JsonNode v = required(node, field);
        if (!v.isNumber()) {
            throw new IllegalArgumentException("field '" + field + "' is not a number: " + v);
        }
        return v;
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, JsonNode node) {
        return Enum.valueOf(type, node.asText().toUpperCase(java.util.Locale.ROOT));
    }

    private static String ints(int[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(values);
        return Base64.getEncoder().encodeToString(b.array());
    }

    private static String doubles(double[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(values);
        return Base64.getEncoder().encodeToString(b.array());
    }

    private static int[] ints(JsonNode node) {
        checkWhole(node, 4);
        ByteBuffer b =
                ByteBuffer.wrap(Base64.getDecoder().decode(node.asText()))
                        .order(ByteOrder.LITTLE_ENDIAN);
        int[] out = new int[b.remaining() / 4];
        b.asIntBuffer().get(out);
        return out;
    }

    private static double[] doubles(JsonNode node) {
        checkWhole(node, 8);
        ByteBuffer b =
                ByteBuffer.wrap(Base64.getDecoder().decode(node.asText()))
                        .order(ByteOrder.LITTLE_ENDIAN);
        double[] out = new double[b.remaining() / 8];
        b.asDoubleBuffer().get(out);
        return out;
    }

    private static double[] numbers(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            if (!array.get(i).isNumber()) {
                throw new IllegalArgumentException("not a number in an array: " + array.get(i));
            }
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    /** Numbers, with null for a value not known. */
    private static double[] numbersOrNaN(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = array.get(i);
            if (!v.isNumber() && !v.isNull()) {
                throw new IllegalArgumentException("not a number or null in an array: " + v);
            }
            out[i] = v.isNull() ? Double.NaN : v.asDouble();
        }
        return out;
    }

    private static void checkWhole(JsonNode base64, int width) {
        if (!base64.isTextual()
                || Base64.getDecoder().decode(base64.asText()).length % width != 0) {
            throw new IllegalArgumentException(
                    "a node array is not base64 of whole " + (8 * width) + "-bit values");
        }
    }

    /** A file that is not a bundle this code can score; the message says why. */
    public static final class InvalidBundleException extends IOException {
        private static final long serialVersionUID = 1L;

        public InvalidBundleException(String message) {
            super(message);
        }
    }
}
