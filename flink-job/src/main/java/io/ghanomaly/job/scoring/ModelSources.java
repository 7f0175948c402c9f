package io.ghanomaly.job.scoring;

import io.ghanomaly.job.source.OrderedSplitAssigner;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.function.Predicate;
import javax.annotation.Nullable;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.enumerate.NonSplittingRecursiveEnumerator;
import org.apache.flink.core.fs.Path;

/** The model directory as a stream of bundle files, newest first, watched when following. */
public final class ModelSources {
    private ModelSources() {}

    /** Model files of the directory; with a monitor interval, also every one that lands later. */
    public static FileSource<ModelFile> directory(String dir, @Nullable Duration monitor) {
        FileSource.FileSourceBuilder<ModelFile> b =
                FileSource.forBulkFileFormat(new ModelFileFormat(), new Path(dir))
                        .setFileEnumerator(
                                () -> new NonSplittingRecursiveEnumerator(new IsBundle()))
                        .setSplitAssigner(OrderedSplitAssigner::newestNameFirst);
        if (monitor != null) {
            b.monitorContinuously(monitor);
        }
        return b.build();
    }

    /**
     * Model bundles have no event time. A following job's model stream is idle, so it never holds
     * back the scorer's watermark. A bounded run's emits no watermark until it ends: the scorer's
     * event time then stays at its minimum until every bundle present at the start has been
     * delivered (a stream's records reach each scorer before its end-of-input watermark), which is
     * how {@link ModelScorer#bounded} knows that rows waiting for a model can stop waiting. An idle
     * bounded model stream let the archive's end of event time release them unscored while the
     * model source was still reading the bundle.
     */
    public static WatermarkStrategy<ModelFile> watermarks(boolean follow) {
        return follow ? idle() : WatermarkStrategy.noWatermarks();
    }

    private static WatermarkStrategy<ModelFile> idle() {
        return WatermarkStrategy.forGenerator(
                ctx ->
                        new WatermarkGenerator<>() {
                            @Override
                            public void onEvent(ModelFile f, long ts, WatermarkOutput out) {
                                out.markIdle();
                            }

                            @Override
                            public void onPeriodicEmit(WatermarkOutput out) {
                                out.markIdle();
                            }
                        });
    }

    /** {@code model-*.json}, not hidden (bundles are written under a hidden name first). */
    private static final class IsBundle implements Predicate<Path>, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean test(Path p) {
            String name = p.getName();
            if (name.startsWith(".") || name.startsWith("_")) {
                return false;
            }
            try {
                if (p.getFileSystem().getFileStatus(p).isDir()) {
                    return true;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot stat " + p, e);
            }
            return name.startsWith("model-") && name.endsWith(".json");
        }
    }
}
