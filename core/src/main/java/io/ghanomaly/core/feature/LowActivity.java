package io.ghanomaly.core.feature;

import io.ghanomaly.core.campaign.LockstepParameters;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The half of {@link Feature#LOW_ACTIVITY} an hour cannot know alone: whether the actor was active
 * in the 15 days before it. {@link ActorHourAccumulator} sets the flag from the hour's own events;
 * {@link #withHistory} clears it for an actor with an active hour in those 15 days. The job keeps
 * each actor's last active hour in keyed state; {@link Recency} keeps it for code that reads hours
 * in order outside Flink (the trainer and its evaluation).
 */
public final class LowActivity {
    /**
     * How far back an earlier active hour makes an actor not low-activity: StarScout's window, the
     * lockstep search's default. Part of the feature's definition, so it does not follow a run's
     * {@code --campaign-window}.
     */
    public static final long QUIET_MILLIS = LockstepParameters.STARSCOUT.windowMillis();

    /** The previous active hour of an actor never seen (or not within {@link #QUIET_MILLIS}). */
    public static final long NEVER = Long.MIN_VALUE;

    private LowActivity() {}

    /**
     * Whether an actor whose last active hour before {@code hourStart} started at {@code
     * previousHourStart} ({@link #NEVER} for none) had no active hour in the 15 days before it.
     */
    public static boolean quietBefore(long previousHourStart, long hourStart) {
        return previousHourStart == NEVER || previousHourStart < hourStart - QUIET_MILLIS;
    }

    /**
     * The values of an actor-hour as the hour alone computed them, with {@code low_activity}
     * cleared when the actor was not quiet before it: the same array when nothing changes, else a
     * changed copy.
     */
    public static double[] withHistory(double[] values, long previousHourStart, long hourStart) {
        int flag = Feature.LOW_ACTIVITY.ordinal();
        if (values[flag] == 0 || quietBefore(previousHourStart, hourStart)) {
            return values;
        }
        double[] out = values.clone();
        out[flag] = 0;
        return out;
    }

    /**
     * Each actor's last active hour, for actor-hours met in hour order; actors quiet for longer
     * than {@link #QUIET_MILLIS} are forgotten once a day, so memory follows the actors of the last
     * 15 days.
     */
    public static final class Recency {
        private static final long DAY = Duration.ofDays(1).toMillis();

        private final Map<String, Long> lastActive = new HashMap<>();
        private long forgotUpTo = NEVER;

        /**
         * The actor-hour's values with its history applied; it becomes the actor's last active
         * hour. Hours of one actor must come in order.
         */
        public double[] apply(String login, long hourStart, double[] values) {
            if (forgotUpTo == NEVER) {
                forgotUpTo = hourStart;
            } else if (hourStart - forgotUpTo >= DAY) {
                lastActive.values().removeIf(h -> quietBefore(h, hourStart));
                forgotUpTo = hourStart;
            }
            Long previous = lastActive.put(login, hourStart);
            if (previous != null && previous > hourStart) {
                throw new IllegalArgumentException(
                        login + ": hour " + hourStart + " came after a later one, " + previous);
            }
            return withHistory(values, previous == null ? NEVER : previous, hourStart);
        }
    }
}
