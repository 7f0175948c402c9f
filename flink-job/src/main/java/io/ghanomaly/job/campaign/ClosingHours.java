package io.ghanomaly.job.campaign;

import java.io.IOException;
import java.io.Serializable;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;

/**
 * When a keyed lockstep operator closes an hour of its key's input. Following the archive
 * (streaming), an hour closes at its event-time timer, when the watermark passes its end. In a
 * backfill (batch execution) a key's input comes sorted by time, but its timers fire only once that
 * input has ended, all at once: there an hour closes at the key's first input of a later hour, and
 * its last hour at the end. Either way an hour closes after all of its input and before any of a
 * later hour's is taken, so both modes close the same hours with the same input.
 */
final class ClosingHours implements Serializable {
    private static final long serialVersionUID = 1L;

    private final boolean sortedInput;
    private transient ValueState<Long> open;

    /**
     * @param sortedInput the key's input comes in time order and its timers fire at its end (batch
     *     execution)
     */
    ClosingHours(boolean sortedInput) {
        this.sortedInput = sortedInput;
    }

    void open(RuntimeContext context, String name) {
        if (sortedInput) {
            open = context.getState(new ValueStateDescriptor<>(name, Types.LONG));
        }
    }

    /**
     * Called with the end of each input's hour before the input is taken: the end of an open hour
     * that this input closes (a backfill's earlier hour), or null.
     */
    Long arriving(long hourEnd, TimerService timers) throws IOException {
        if (!sortedInput) {
            timers.registerEventTimeTimer(hourEnd);
            return null;
        }
        Long before = open.value();
        if (before != null && before == hourEnd) {
            return null;
        }
        if (before != null && before > hourEnd) {
            throw new IllegalStateException(
                    "input of the hour ending " + hourEnd + " after that of " + before);
        }
        if (before != null) {
            timers.deleteEventTimeTimer(before);
        }
        open.update(hourEnd);
        timers.registerEventTimeTimer(hourEnd);
        return before;
    }

    /**
     * Whether a timer closes an hour: each one following the archive (hours, and the times state
     * leaves the window), in a backfill only the key's last open hour, once its input has ended; a
     * backfill leaves its older state to the next hour that closes.
     */
    boolean closesAt(long time) throws IOException {
        if (!sortedInput) {
            return true;
        }
        Long last = open.value();
        if (last == null || last != time) {
            return false;
        }
        open.clear();
        return true;
    }
}
