package io.ghanomaly.api.http;

import io.ghanomaly.core.archive.ArchiveHour;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads an endpoint's query parameters, refusing unknown, repeated or malformed ones by name. */
final class QueryParams {
    private final Map<String, List<String>> params;

    private QueryParams(Map<String, List<String>> params) {
        this.params = params;
    }

    /** The query of a request to an endpoint that takes these parameters. */
    static QueryParams of(Context ctx, Set<String> allowed) {
        Map<String, List<String>> params = ctx.queryParamMap();
        for (Map.Entry<String, List<String>> p : params.entrySet()) {
            if (!allowed.contains(p.getKey())) {
                throw ApiError.badRequest(
                        "unknown query parameter '"
                                + FeatureInput.clip(p.getKey())
                                + "'; this endpoint takes "
                                + String.join(", ", allowed.stream().sorted().toList()));
            }
            if (p.getValue().size() > 1) {
                throw ApiError.badRequest("query parameter '" + p.getKey() + "' is repeated");
            }
        }
        return new QueryParams(params);
    }

    private String raw(String name) {
        List<String> v = params.get(name);
        return v == null || v.isEmpty() || v.get(0).isBlank() ? null : v.get(0).trim();
    }

    int integer(String name, int byDefault, int min, int max) {
        String v = raw(name);
        if (v == null) {
            return byDefault;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw ApiError.badRequest(
                name
                        + " must be a whole number from "
                        + min
                        + " to "
                        + max
                        + ", not '"
                        + FeatureInput.clip(v)
                        + "'");
    }

    double number(String name, double byDefault, double min, double max) {
        String v = raw(name);
        if (v == null) {
            return byDefault;
        }
        try {
            double d = Double.parseDouble(v);
            if (d >= min && d <= max) { // false for NaN
                return d;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw ApiError.badRequest(
                name
                        + " must be a number from "
                        + min
                        + " to "
                        + max
                        + ", not '"
                        + FeatureInput.clip(v)
                        + "'");
    }

    /** A UTC hour such as 2025-01-01T15; null when absent. */
    Instant hour(String name) {
        String v = raw(name);
        if (v == null) {
            return null;
        }
        try {
            Instant t = ArchiveHour.parse(v);
            if (t.toEpochMilli() % 3_600_000 == 0) {
                return t;
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            // said below
        }
        throw ApiError.badRequest(
                name
                        + " must be a UTC hour such as 2025-01-01T15 or 2025-01-01T15:00:00Z, not '"
                        + FeatureInput.clip(v)
                        + "'");
    }

    /** One of the constants of {@code type}, by lower-case name; byDefault when absent. */
    <E extends Enum<E>> E choice(String name, Class<E> type, E byDefault) {
        String v = raw(name);
        if (v == null) {
            return byDefault;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().toLowerCase(Locale.ROOT).equals(v)) {
                return e;
            }
        }
        throw ApiError.badRequest(
                name
                        + " must be one of "
                        + java.util.Arrays.stream(type.getEnumConstants())
                                .map(e -> e.name().toLowerCase(Locale.ROOT))
                                .toList()
                        + ", not '"
                        + FeatureInput.clip(v)
                        + "'");
    }
}
