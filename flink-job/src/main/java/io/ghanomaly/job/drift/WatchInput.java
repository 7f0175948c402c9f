package io.ghanomaly.job.drift;

import io.ghanomaly.core.alert.Alert;
import io.ghanomaly.core.alert.AlertRules;
import io.ghanomaly.core.alert.FileReport;
import io.ghanomaly.core.alert.InputAlerts;
import io.ghanomaly.job.JobCounter;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The input's alert rules ({@link InputAlerts}) over the reader's {@link FileReport}s, alerts on
 * {@link AlertOutput#ALERTS}. Following the archive, a processing-time timer a stall's length after
 * each file raises {@code input_stalled} if no file came since; a bounded run has no such timer. A
 * timer that a restore fires long after its time (the job was down, and the source has not read the
 * backlog yet) is put off by a stall's length instead of blaming the archive. One key (the input is
 * read at parallelism 1); the rules' memory is keyed state, so a restore neither repeats an alert
 * within its cooldown nor forgets the recent files.
 */
public final class WatchInput extends KeyedProcessFunction<Byte, FileReport, Void> {
    private static final long serialVersionUID = 1L;

    private static final ValueStateDescriptor<InputAlerts> RULES =
            new ValueStateDescriptor<>("input-rules", TypeInformation.of(InputAlerts.class));
    private static final ValueStateDescriptor<Long> LAST_FILE_AT =
            new ValueStateDescriptor<>("last-file-at", Types.LONG);

    /** A timer this late was not kept by the job, not missed by the archive. */
    private static final long OVERDUE_MILLIS = 60_000;

    private final AlertRules rules;
    private final boolean follow;

    private transient ValueState<InputAlerts> state;
    private transient ValueState<Long> lastFileAt;
    private transient JobCounter alertsRaised;
    private transient JobCounter alertsSuppressed;

    /** Until the first timer or file after (re)start: an overdue timer then is the job's gap. */
    private transient boolean starting;

    public WatchInput(AlertRules rules, boolean follow) {
        this.rules = rules;
        this.follow = follow;
    }

    /** The one key of the input's reports. */
    public static Byte key(FileReport report) {
        return 0;
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(RULES);
        lastFileAt = getRuntimeContext().getState(LAST_FILE_AT);
        alertsRaised = JobCounter.register(getRuntimeContext(), "inputAlertsRaised");
        alertsSuppressed = JobCounter.register(getRuntimeContext(), "inputAlertsSuppressed");
        starting = true;
    }

    @Override
    public void processElement(FileReport report, Context ctx, Collector<Void> out)
            throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        starting = false;
        InputAlerts alerts = rules();
        long suppressedBefore = alerts.suppressed();
        for (Alert a : alerts.fileRead(report, now)) {
            alertsRaised.inc();
            ctx.output(AlertOutput.ALERTS, a);
        }
        alertsSuppressed.inc(alerts.suppressed() - suppressedBefore);
        state.update(alerts);
        if (follow) {
            Long previous = lastFileAt.value();
            if (previous != null) {
                ctx.timerService()
                        .deleteProcessingTimeTimer(previous + rules.stallAfter().toMillis());
            }
            lastFileAt.update(now);
            ctx.timerService().registerProcessingTimeTimer(now + rules.stallAfter().toMillis());
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Void> out) throws Exception {
        Long last = lastFileAt.value();
        if (last == null) {
            return;
        }
        long now = ctx.timerService().currentProcessingTime();
        boolean restoredAfterDowntime = starting && now - timestamp > OVERDUE_MILLIS;
        starting = false;
        if (restoredAfterDowntime) { // give the source time to read what landed meanwhile
            lastFileAt.update(now);
            ctx.timerService().registerProcessingTimeTimer(now + rules.stallAfter().toMillis());
            return;
        }
        InputAlerts alerts = rules();
        Alert stalled = alerts.stalled(Duration.ofMillis(now - last), now);
        if (stalled != null) {
            alertsRaised.inc();
            ctx.output(AlertOutput.ALERTS, stalled);
        }
        state.update(alerts);
        // Still quiet a stall later: said once per stall, so only the next file re-arms it.
    }

    private InputAlerts rules() throws Exception {
        InputAlerts alerts = state.value();
        return alerts == null ? new InputAlerts(rules) : alerts.use(rules);
    }
}
