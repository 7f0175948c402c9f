package io.ghanomaly.api.output;

import java.time.Instant;
import java.util.List;

/**
 * The committed files of one UTC hour, by output.
 *
 * @param hour the start of the hour
 * @param features files of {@code features/}: one row per actor-hour
 * @param lateEvents files of {@code late-events/}
 * @param deadLetters files of {@code dead-letters/}
 * @param drift files of {@code drift/}: a drift report per population
 * @param alerts files of {@code alerts/}
 * @param campaigns files of {@code campaigns/}: a row per campaign found or grown in the hour
 */
public record HourFiles(
        Instant hour,
        List<CommittedFile> features,
        List<CommittedFile> lateEvents,
        List<CommittedFile> deadLetters,
        List<CommittedFile> drift,
        List<CommittedFile> alerts,
        List<CommittedFile> campaigns) {
    public HourFiles {
        features = List.copyOf(features);
        lateEvents = List.copyOf(lateEvents);
        deadLetters = List.copyOf(deadLetters);
        drift = List.copyOf(drift);
        alerts = List.copyOf(alerts);
        campaigns = List.copyOf(campaigns);
    }
}
