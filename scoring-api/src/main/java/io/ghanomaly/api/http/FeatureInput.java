package io.ghanomaly.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghanomaly.core.feature.Feature;
import io.ghanomaly.core.feature.FeatureSet;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Turns a request's features into the full vector that {@code ModelBundle.score} takes ({@link
 * Feature} order, zeros where the request says nothing), refusing what no actor-hour could have:
 * non-numbers, NaN or infinite values, negative values, fractional counts, flags other than 0/1,
 * shares above 1.
 */
@SuppressWarnings("EnumOrdinal") // a full vector is in Feature order: that order is the contract
public final class FeatureInput {
    /** Counts beyond this lose precision as doubles; no actor-hour comes near it. */
    static final double MAX_COUNT = 9_007_199_254_740_991d;

    private FeatureInput() {}

    /** {@code {"features":[...]}}, positions in the model's feature order. */
    public static double[] fromVector(JsonNode body, FeatureSet order) {
        if (!body.isObject()) {
            throw ApiError.badRequest("send a JSON object {\"features\":[...]}, not " + kind(body));
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("features")) {
                throw ApiError.badRequest(
                        "unknown field '" + clip(name) + "'; send {\"features\":[...]}");
            }
        }
        JsonNode values = body.get("features");
        if (values == null || !values.isArray()) {
            throw ApiError.badRequest(
                    "'features' must be an array of "
                            + order.size()
                            + " numbers: "
                            + order.columnNames());
        }
        if (values.size() != order.size()) {
            throw ApiError.badRequest(
                    "'features' has "
                            + values.size()
                            + " values; the served model takes "
                            + order.size()
                            + ", in this order: "
                            + order.columnNames());
        }
        double[] full = new double[Feature.count()];
        for (int i = 0; i < values.size(); i++) {
            Feature f = order.features().get(i);
            int at = i;
            full[f.ordinal()] =
                    value(f, values.get(i), () -> "features[" + at + "] (" + f.columnName() + ")");
        }
        return full;
    }

    /** {@code {"event_count":12,...}} by column name; missing features are 0. */
    public static double[] fromObject(JsonNode object, String where) {
        if (!object.isObject()) {
            throw ApiError.badRequest(
                    where + " must be an object of feature values by name, not " + kind(object));
        }
        double[] full = new double[Feature.count()];
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Feature f;
            try {
                f = FeatureSet.byColumn(e.getKey());
            } catch (IllegalArgumentException unknown) {
                throw ApiError.badRequest(
                        where
                                + ": unknown feature '"
                                + clip(e.getKey())
                                + "'; features are "
                                + FeatureSet.ALL.columnNames());
            }
            full[f.ordinal()] = value(f, e.getValue(), () -> where + "." + f.columnName());
        }
        return full;
    }

    /** The value, checked; {@code where} names it in an error only (built when one is thrown). */
    private static double value(Feature f, JsonNode node, Supplier<String> where) {
        if (!node.isNumber()) {
            throw ApiError.badRequest(where.get() + " must be a number, not " + kind(node));
        }
        double v = node.asDouble();
        if (!Double.isFinite(v)) {
            throw ApiError.badRequest(where.get() + " is too large to be a value");
        }
        if (v < 0) {
            throw ApiError.badRequest(where.get() + " is negative; features are never below 0");
        }
        switch (f.kind()) {
            case COUNT -> {
                if (v != Math.rint(v)) {
                    throw ApiError.badRequest(where.get() + " is a count: send a whole number");
                }
                if (v > MAX_COUNT) {
                    throw ApiError.badRequest(
                            where.get() + " is beyond any count: at most 2^53 - 1");
                }
            }
            case FLAG -> {
                if (v != 0 && v != 1) {
                    throw ApiError.badRequest(where.get() + " is a flag: send 0 or 1");
                }
            }
            case RATIO -> {
                if (v > 1) {
                    throw ApiError.badRequest(where.get() + " is a share: send a number in [0, 1]");
                }
            }
            case RATE -> {}
        }
        return v;
    }

    static String kind(JsonNode n) {
        return switch (n.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            case NUMBER -> "a number";
            default -> n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** Echoes at most 100 characters of what the caller sent. */
    static String clip(String s) {
        return s.length() <= 100 ? s : s.substring(0, 100) + "...";
    }
}
