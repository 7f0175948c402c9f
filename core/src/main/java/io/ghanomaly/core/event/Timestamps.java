package io.ghanomaly.core.event;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Parses the archive's {@code created_at} values to UTC epoch milliseconds.
 *
 * <p>The two shapes the archive uses, {@code 2015-01-01T15:00:00Z} and the Timeline era's {@code
 * 2013-02-15T00:00:39-08:00}, are read digit by digit: {@code OffsetDateTime.parse} costs more than
 * the rest of an event's parse. Anything else ISO-8601 falls back to the JDK.
 */
final class Timestamps {
    private Timestamps() {}

    static long parseEpochMillis(String s) throws MalformedEventException {
        if ((s.length() == 20 && s.charAt(19) == 'Z') || s.length() == 25) {
            long fast = parseFixed(s);
            if (fast != Long.MIN_VALUE) {
                return fast;
            }
        }
        try {
            return OffsetDateTime.parse(s).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw bad(s, "is not an ISO-8601 date-time such as 2015-01-01T15:00:00Z");
        } catch (ArithmeticException e) {
            // +999999999-12-31T23:59:59Z is ISO-8601, but no epoch millisecond holds it
            throw bad(s, "lies too far from 1970 to be counted in milliseconds");
        }
    }

    private static MalformedEventException bad(String s, String why) {
        return new MalformedEventException(
                DeadLetterReason.BAD_TIMESTAMP,
                "created_at \"" + (s.length() > 60 ? s.substring(0, 60) + "..." : s) + "\" " + why);
    }

    /** yyyy-MM-ddTHH:mm:ss followed by Z or ±HH:MM; Long.MIN_VALUE when it is not that shape. */
    private static long parseFixed(String s) {
        if (s.charAt(4) != '-'
                || s.charAt(7) != '-'
                || s.charAt(10) != 'T'
                || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return Long.MIN_VALUE;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0
                || month < 1
                || month > 12
                || day < 1
                || day > 31
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59) {
            return Long.MIN_VALUE;
        }
        if (day > daysInMonth(year, month)) {
            return Long.MIN_VALUE; // the JDK fallback rejects it with a message
        }
        int offsetSeconds = 0;
        if (s.length() == 25) {
            char sign = s.charAt(19);
            int oh = digits(s, 20, 2);
            int om = digits(s, 23, 2);
            // beyond +-18:00 or 59 minutes the JDK fallback rejects the offset, with a message
            if ((sign != '+' && sign != '-')
                    || s.charAt(22) != ':'
                    || oh < 0
                    || om < 0
                    || om > 59
                    || oh * 60 + om > 18 * 60) {
                return Long.MIN_VALUE;
            }
            offsetSeconds = (sign == '-' ? -1 : 1) * (oh * 3600 + om * 60);
        }
        long days = daysFromCivil(year, month, day);
        long seconds = days * 86_400 + hour * 3600L + minute * 60L + second - offsetSeconds;
        return seconds * 1000;
    }

    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    private static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm). */
    private static long daysFromCivil(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yoe = y - era * 400;
        int mp = (month + 9) % 12;
        int doy = (153 * mp + 2) / 5 + day - 1;
        int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097L + doe - 719_468;
    }
}
