package io.ghanomaly.job.scoring;

import io.ghanomaly.core.alert.Alert;
import io.ghanomaly.job.JobCounter;
import io.ghanomaly.job.drift.AlertOutput;
import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets usable bundles through to the scorers; counts and logs the ones it refuses, and raises a
 * {@code model_refused} alert for each (one reader, so one alert per refused file).
 */
public final class CheckModelFiles extends ProcessFunction<ModelFile, ModelFile> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(CheckModelFiles.class);

    private final String dashboardUrl;

    /**
     * @param dashboardUrl where the alert links to (the dashboard's model panel)
     */
    public CheckModelFiles(String dashboardUrl) {
        this.dashboardUrl = dashboardUrl;
    }

    private transient JobCounter modelsLoaded;
    private transient JobCounter modelsRejected;

    @Override
    public void open(OpenContext openContext) {
        modelsLoaded = JobCounter.register(getRuntimeContext(), "modelsLoaded");
        modelsRejected = JobCounter.register(getRuntimeContext(), "modelsRejected");
    }

    @Override
    public void processElement(ModelFile file, Context ctx, Collector<ModelFile> out) {
        if (file.usable()) {
            modelsLoaded.inc();
            LOG.info("Model {} read from {}", file.version(), file.path());
            out.collect(file);
        } else {
            modelsRejected.inc();
            LOG.warn("Refused model file: {}; the current model keeps scoring", file.refusal());
            long now = ctx.timerService().currentProcessingTime();
            long hour = now - Math.floorMod(now, 3_600_000L);
            String name = Path.of(file.path()).getFileName().toString();
            ctx.output(
                    AlertOutput.ALERTS,
                    Alert.raise(
                            "model_refused",
                            "all",
                            hour,
                            name,
                            "model bundle " + name + " refused; the current model keeps scoring",
                            Map.of("file", file.path(), "reason", file.refusal()),
                            dashboardUrl));
        }
    }
}
