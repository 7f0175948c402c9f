package io.ghanomaly.job.scoring;

import io.ghanomaly.job.JobCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Lets usable bundles through to the scorers; counts and logs the ones it refuses. */
public final class CheckModelFiles extends ProcessFunction<ModelFile, ModelFile> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(CheckModelFiles.class);

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
        }
    }
}
