package io.ghanomaly.generator;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * A daily and weekly rhythm for generated hours: people's activity follows the clock, automation
 * does not. People's events and active accounts are scaled by {@code 1 + 0.35 cos(2 pi (h - 15) /
 * 24)} for the UTC hour h (most at 15:00, least at 03:00, a ratio of 2.1) and by 0.7 on Saturdays
 * and Sundays (UTC); bots keep the mean hour's volume, so their share is highest at night and at
 * weekends. A model of the archive, not a measurement of it: the real hours in {@code
 * ../shared/data} have 7,702 events at 2015-01-01 00:00 UTC and 11,351 at 15:00 (a ratio of 1.47,
 * on a holiday).
 */
public final class Rhythm {
    static final double DAILY_AMPLITUDE = 0.35;
    static final int PEAK_HOUR = 15;
    static final double WEEKEND = 0.7;

    private Rhythm() {}

    /** People's activity in this hour, relative to the mean weekday hour. */
    public static double people(Instant hour) {
        ZonedDateTime t = hour.atZone(ZoneOffset.UTC);
        double daily =
                1 + DAILY_AMPLITUDE * Math.cos(2 * Math.PI * (t.getHour() - PEAK_HOUR) / 24.0);
        boolean weekend =
                t.getDayOfWeek() == DayOfWeek.SATURDAY || t.getDayOfWeek() == DayOfWeek.SUNDAY;
        return daily * (weekend ? WEEKEND : 1);
    }

    /** The config of this hour: people's volume and accounts scaled, bots' volume kept. */
    public static GeneratorConfig of(GeneratorConfig mean, Instant hour) {
        double p = people(hour);
        double botEvents = mean.eventsPerHour() * mean.botEventShare();
        double peopleEvents = mean.eventsPerHour() * (1 - mean.botEventShare()) * p;
        int events = (int) Math.round(botEvents + peopleEvents);
        int actors =
                (int)
                        Math.min(
                                mean.actorPopulation() / 10 * 9,
                                Math.max(1, Math.round(mean.activeActorsPerHour() * p)));
        return mean.withEventsPerHour(events)
                .withActiveActorsPerHour(actors)
                .withBotEventShare(botEvents / events);
    }
}
