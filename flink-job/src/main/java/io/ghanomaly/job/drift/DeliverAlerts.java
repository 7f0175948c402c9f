package io.ghanomaly.job.drift;

import io.ghanomaly.alerting.AlertChannel;
import io.ghanomaly.alerting.AlertDelivery;
import io.ghanomaly.alerting.AlertingConfig;
import io.ghanomaly.core.alert.Alert;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each alert to the channels the TaskManager's environment configures (Slack, e-mail,
 * webhooks, and always the local log), through {@link AlertDelivery}: the writer only queues, so a
 * slow or dead channel never slows the job; what a full queue drops is counted and logged. Secrets
 * stay in the environment, never in the job graph.
 *
 * <p>Best effort across a failover: the alerts of hours closed since the last checkpoint are raised
 * and sent again under the same stable id, while alerts still queued or retrying when a TaskManager
 * dies are lost to the channels. The {@code alerts/} Parquet is the exactly-once record.
 */
public final class DeliverAlerts implements Sink<Alert> {
    private static final long serialVersionUID = 1L;

    /** How long a closing writer waits for queued alerts to go out. */
    static final Duration DRAIN = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(DeliverAlerts.class);

    /** The local log when neither {@code --alert-log} nor {@code ALERT_LOG} says one. */
    public static final String DEFAULT_LOG = "logs/alerts.jsonl";

    private final String alertLog;
    private final String alertConfig;

    /**
     * @param alertLog {@code --alert-log}, which wins over {@code ALERT_LOG}; or null
     * @param alertConfig {@code --alert-config}, which wins over {@code ALERT_CONFIG}; or null
     */
    public DeliverAlerts(String alertLog, String alertConfig) {
        this.alertLog = alertLog;
        this.alertConfig = alertConfig;
    }

    /** The channels of this environment; a wrong setting is one line (submission checks it). */
    public static List<AlertChannel> channels(String alertLog, String alertConfig) {
        Map<String, String> env = new HashMap<>(System.getenv());
        if (alertLog != null) {
            env.put("ALERT_LOG", alertLog);
        }
        if (alertConfig != null) {
            env.put("ALERT_CONFIG", alertConfig);
        }
        return AlertingConfig.channels(env, Path.of(DEFAULT_LOG));
    }

    /** A count summed over the channels. */
    static long total(AlertDelivery d, ToLongFunction<AlertDelivery.Counts> count) {
        return d.counts().values().stream().mapToLong(count).sum();
    }

    @Override
    public SinkWriter<Alert> createWriter(WriterInitContext context) {
        AlertDelivery delivery =
                new AlertDelivery(channels(alertLog, alertConfig), AlertDelivery.Policy.DEFAULT);
        MetricGroup metrics = context.metricGroup();
        metrics.gauge(
                "alertsSent", (Gauge<Long>) () -> total(delivery, AlertDelivery.Counts::sent));
        metrics.gauge(
                "alertsFailed", (Gauge<Long>) () -> total(delivery, AlertDelivery.Counts::failed));
        metrics.gauge(
                "alertsDropped",
                (Gauge<Long>) () -> total(delivery, AlertDelivery.Counts::dropped));
        return new SinkWriter<>() {
            @Override
            public void write(Alert alert, Context ctx) {
                delivery.offer(alert);
            }

            @Override
            public void flush(boolean endOfInput) throws InterruptedException {
                if (endOfInput && !delivery.awaitIdle(DRAIN)) {
                    // a bounded run ends once its alerts went out, or after DRAIN
                    LOG.warn(
                            "Alerts still unsent after {} s at the end of the input: {}",
                            DRAIN.toSeconds(),
                            delivery.counts());
                }
            }

            @Override
            public void close() {
                delivery.close();
            }
        };
    }
}
