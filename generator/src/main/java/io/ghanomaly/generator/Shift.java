package io.ghanomaly.generator;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A change in the whole stream from some hour on, planted to measure how soon the alert rules see
 * it (unlike a {@link io.ghanomaly.core.label.PlantedBehaviour}, which is one labelled actor).
 * Given as {@code --shift NAME@YYYY-MM-DDTHH}; every hour from that one on has it.
 */
public enum Shift {
    /**
     * Bots make four times their usual events (a runaway automation, a CI loop), on top of the
     * hour: the people's events stay as they were.
     */
    BOT_STORM("bot-storm"),
    /**
     * Brand-new accounts, 5% of the hour's active people on top of them, each open 3-8 issues on
     * other people's repositories and comment on 1-4 of them within 10 minutes.
     */
    SPAM_WAVE("spam-wave"),
    /**
     * PushEvent payloads lose {@code size}, {@code distinct_size} and {@code commits}, as the real
     * archive's did in October 2025 when GitHub's Events API stopped listing commits.
     */
    PUSH_COMMITS_DROPPED("push-commits-dropped");

    static final int BOT_STORM_FACTOR = 4;
    static final double SPAM_WAVE_SHARE = 0.05;

    private final String label;

    Shift(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Shift ofLabel(String label) {
        for (Shift s : values()) {
            if (s.label.equals(label.toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new IllegalArgumentException(
                "unknown shift " + label + "; one of bot-storm, spam-wave, push-commits-dropped");
    }

    /** The shifts under way in the hour starting then. */
    public static Set<Shift> activeAt(Map<Shift, Instant> from, Instant hour) {
        Set<Shift> active = EnumSet.noneOf(Shift.class);
        from.forEach(
                (shift, start) -> {
                    if (!hour.isBefore(start)) {
                        active.add(shift);
                    }
                });
        return active;
    }
}
