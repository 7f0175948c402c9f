package io.ghanomaly.mirror;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as the job's options write them ({@code 500ms}, {@code 30s}, {@code 10min}, {@code
 * 6h}).
 */
final class Durations {
    private static final Pattern AMOUNT =
            Pattern.compile("(\\d{1,9})\\s*(ms|s|sec|m|min|h|d)", Pattern.CASE_INSENSITIVE);

    private Durations() {}

    /**
     * {@code 500ms}, {@code 30s}, {@code 10min} (or {@code 10m}), {@code 6h}, {@code 1d}, or
     * ISO-8601 ({@code PT10M}).
     *
     * @throws IllegalArgumentException with a message that says how to write one
     */
    static Duration parse(String text) {
        String t = text.trim();
        Matcher m = AMOUNT.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2).toLowerCase(Locale.ROOT)) {
                case "ms" -> Duration.ofMillis(n);
                case "s", "sec" -> Duration.ofSeconds(n);
                case "m", "min" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(t);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a duration: write 500ms, 30s, 10min, 6h or 1d");
        }
    }

    /** The shortest of those forms that is exact: 10min, 90s, 1500ms. */
    static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000L == 0 && ms > 0) {
            return ms / 86_400_000L + "d";
        }
        if (ms % 3_600_000L == 0 && ms > 0) {
            return ms / 3_600_000L + "h";
        }
        if (ms % 60_000L == 0 && ms > 0) {
            return ms / 60_000L + "min";
        }
        if (ms % 1000L == 0) {
            return ms / 1000L + "s";
        }
        return ms + "ms";
    }
}
