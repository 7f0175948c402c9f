package io.ghanomaly.core.archive;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One file of GH Archive, {@code YYYY-MM-DD-H.json.gz} (hour not zero-padded), and the UTC hour it
 * holds, which depends on the era of the name.
 *
 * <p>The Timeline-era crawler named files by its machine's clock. Until 2012-03-10 that clock was
 * UTC ({@code 2012-03-08-0} holds 00:00-00:59 UTC, gharchive.org pull request 26); after the
 * crawler's outage of 2012-03-10 (hours 9 to 21 missing) it was US Pacific time, with daylight
 * saving: {@code 2012-03-11-2} and {@code 2013-03-10-2} do not exist (02:00 local is skipped),
 * {@code 2012-11-04-1} holds the first 01:00 (PDT, 08:00 UTC) and the second one (09:00 UTC) is
 * lost (gharchive.org issues 33 and 141); the real {@code 2013-02-15-0} holds 08:00 UTC. From
 * {@code 2015-01-01-0} on, the Events API crawler names files by the event's UTC hour. So the
 * Pacific names {@code 2014-12-31-16} to {@code -23} and the UTC names {@code 2015-01-01-0} to
 * {@code -7} stand for the same eight UTC hours: both are read, Pacific first.
 *
 * @param day the date in the name
 * @param hour the hour in the name, 0-23
 * @param start the first instant of the UTC hour this file holds
 */
public record ArchiveHour(LocalDate day, int hour, Instant start) implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final Pattern NAME =
            Pattern.compile(
                    "^(\\d{4}-\\d{2}-\\d{2})-(0|[1-9]|1\\d|2[0-3])((?:\\.[^/]*)?\\.json(?:\\.gz)?)$");
    private static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");
    private static final LocalDateTime PACIFIC_NAMES_FROM = LocalDateTime.of(2012, 3, 10, 22, 0);
    private static final LocalDateTime PACIFIC_NAMES_UNTIL = LocalDateTime.of(2015, 1, 1, 0, 0);
    private static final long HOUR_MILLIS = 3_600_000L;

    /**
     * How far an event's {@code created_at} may lie outside its file's hour and still be taken as
     * an event of the archive. Real stragglers are seconds to minutes (the real 2013-02-15-0 holds
     * events up to 34 s past its hour); an event further out than this (a year-2100 or 1970 clock)
     * is dead-lettered and never moves event time.
     */
    public static final Duration PLAUSIBLE_SKEW = Duration.ofHours(1);

    /** The order in which files are read: by the UTC hour they hold, then by name. */
    public static final Comparator<ArchiveHour> READ_ORDER =
            Comparator.comparing(ArchiveHour::start)
                    .thenComparing(ArchiveHour::day)
                    .thenComparingInt(ArchiveHour::hour);

    /** The file a name stands for, if the name follows the archive's naming. */
    public static Optional<ArchiveHour> ofFileName(String fileName) {
        Matcher m = NAME.matcher(fileName);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(of(LocalDate.parse(m.group(1)), Integer.parseInt(m.group(2))));
        } catch (DateTimeParseException e) {
            return Optional.empty(); // 2015-02-30
        }
    }

    /** The file a path (local, or a URI such as {@code s3://b/2015-01-01-0.json.gz}) names. */
    public static Optional<ArchiveHour> ofPath(String path) {
        return ofFileName(nameOf(path));
    }

    /** The last part of a path: the file's name. */
    public static String nameOf(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** Why a file name is not an archive hour, as a sentence, for logs and dead letters. */
    public static String whyNotAnArchiveName(String fileName) {
        return fileName
                + " is not an archive hour: names are YYYY-MM-DD-H.json.gz with a real date and the"
                + " hour 0-23 not zero-padded (2015-01-01-0.json.gz, 2015-01-01-15.json.gz)";
    }

    /** The file named for {@code hour} (0-23) of {@code day}. */
    public static ArchiveHour of(LocalDate day, int hour) {
        LocalDateTime named = day.atTime(hour, 0);
        Instant start =
                pacificNamed(named)
                        // an ambiguous autumn hour is the first one (PDT), as the archive kept it;
                        // a skipped spring hour moves forward, as the clock did
                        ? ZonedDateTime.ofLocal(named, PACIFIC, null).toInstant()
                        : named.toInstant(ZoneOffset.UTC);
        return new ArchiveHour(day, hour, start);
    }

    /**
     * The archive's files that can hold the UTC hour starting at {@code hourStart}, in read order.
     */
    public static List<ArchiveHour> holding(Instant hourStart) {
        List<ArchiveHour> files = new ArrayList<>(3);
        LocalDateTime utc = LocalDateTime.ofInstant(hourStart, ZoneOffset.UTC);
        if (!pacificNamed(utc)) {
            files.add(of(utc.toLocalDate(), utc.getHour()));
        }
        LocalDateTime local = LocalDateTime.ofInstant(hourStart, PACIFIC);
        // the skipped spring hour's name, should it exist, holds the hour after the gap
        for (LocalDateTime name : List.of(local.minusHours(1), local)) {
            if (pacificNamed(name)) {
                ArchiveHour f = of(name.toLocalDate(), name.getHour());
                if (f.start().equals(hourStart) && !files.contains(f)) {
                    files.add(f);
                }
            }
        }
        files.sort(READ_ORDER);
        return files;
    }

    /**
     * The archive's name for the UTC hour starting at {@code hourStart}: the last file, in read
     * order, that holds it.
     *
     * @throws IllegalArgumentException for an hour no archive file can hold (the second 01:00 of
     *     the autumn daylight-saving change in the Pacific era)
     */
    public static String fileName(Instant hourStart) {
        List<ArchiveHour> files = holding(hourStart);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no archive file holds the hour " + hourStart);
        }
        return files.get(files.size() - 1).fileName();
    }

    private static boolean pacificNamed(LocalDateTime named) {
        return !named.isBefore(PACIFIC_NAMES_FROM) && named.isBefore(PACIFIC_NAMES_UNTIL);
    }

    /** The archive's own name of this file. */
    public String fileName() {
        return day + "-" + hour + ".json.gz";
    }

    /** The end (exclusive) of the UTC hour this file holds. */
    public Instant end() {
        return start.plusMillis(HOUR_MILLIS);
    }

    /** Whether the name is in the archive's Pacific-time era (2012-03-10 to 2014-12-31). */
    public boolean pacificTimeName() {
        return pacificNamed(day.atTime(hour, 0));
    }

    /** Whether no file after this one, in read order, holds the same UTC hour. */
    public boolean closesItsHour() {
        List<ArchiveHour> files = holding(start);
        return files.isEmpty() || files.get(files.size() - 1).equals(this);
    }

    /**
     * The last millisecond of event time that is complete once this file has been read: the end of
     * its hour, or the end of the hour before when another file of the same hour follows.
     */
    public long completesUpTo() {
        return (closesItsHour() ? end() : start).toEpochMilli() - 1;
    }

    /** Whether an event time is close enough to this file's hour to be one of its events. */
    public boolean isPlausible(long eventMillis) {
        long skew = PLAUSIBLE_SKEW.toMillis();
        return eventMillis >= start.toEpochMilli() - skew
                && eventMillis < end().toEpochMilli() + skew;
    }

    /**
     * A UTC hour as people type it: {@code 2025-01-01T15}, {@code 2025-01-01} (its first hour) or
     * an ISO instant; throws DateTimeParseException otherwise.
     */
    public static Instant parse(String text) {
        if (text.length() == 10) {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        if (text.length() == 13) {
            return LocalDateTime.parse(text + ":00").toInstant(ZoneOffset.UTC);
        }
        return Instant.parse(text);
    }

    /** The start of the UTC hour that contains {@code epochMillis}. */
    public static long startOf(long epochMillis) {
        return epochMillis - Math.floorMod(epochMillis, HOUR_MILLIS);
    }
}
