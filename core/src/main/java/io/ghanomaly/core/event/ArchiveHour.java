package io.ghanomaly.core.event;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GH Archive's file naming: one file an hour, {@code YYYY-MM-DD-H.json.gz}, the hour not
 * zero-padded ({@code 2015-01-01-0}, {@code 2015-01-01-15}).
 */
public final class ArchiveHour {
    private static final Pattern NAME =
            Pattern.compile("^(\\d{4}-\\d{2}-\\d{2})-(\\d{1,2})(?:\\D.*)?$");

    private ArchiveHour() {}

    /** The hour a file name stands for, if it follows the archive's naming. */
    public static Optional<Instant> ofFileName(String fileName) {
        Matcher m = NAME.matcher(fileName);
        if (!m.matches()) {
            return Optional.empty();
        }
        int hour = Integer.parseInt(m.group(2));
        if (hour > 23) {
            return Optional.empty();
        }
        try {
            LocalDate day = LocalDate.parse(m.group(1));
            return Optional.of(day.atStartOfDay(ZoneOffset.UTC).plusHours(hour).toInstant());
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The archive's name for the file of the hour that starts at {@code hourStart}. */
    public static String fileName(Instant hourStart) {
        ZonedDateTime t = hourStart.atZone(ZoneOffset.UTC);
        return t.toLocalDate() + "-" + t.getHour() + ".json.gz";
    }

    /**
     * An hour as people type it: {@code 2025-01-01T15}, {@code 2025-01-01} (its first hour) or an
     * ISO instant; throws DateTimeParseException otherwise.
     */
    public static Instant parse(String text) {
        if (text.length() == 10) {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        if (text.length() == 13) {
            return java.time.LocalDateTime.parse(text + ":00").toInstant(ZoneOffset.UTC);
        }
        return Instant.parse(text);
    }

    /** The start of the UTC hour that contains {@code epochMillis}. */
    public static long startOf(long epochMillis) {
        return epochMillis - Math.floorMod(epochMillis, 3_600_000L);
    }
}
