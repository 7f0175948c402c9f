package io.ghanomaly.job.scoring;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Predicate;
import javax.annotation.Nullable;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.assigners.FileSplitAssigner;
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
                        .setSplitAssigner(NewestFirst::new);
        if (monitor != null) {
            b.monitorContinuously(monitor);
        }
        return b.build();
    }

    /** Model bundles have no event time: the stream is idle, so it never holds a watermark. */
    public static WatermarkStrategy<ModelFile> noEventTime() {
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

    /** Hands out the newest bundle first; versions sort by time, so names do too. */
    private static final class NewestFirst implements FileSplitAssigner {
        private static final Comparator<FileSourceSplit> NEWEST_FIRST =
                Comparator.comparing((FileSourceSplit s) -> s.path().getName()).reversed();
        private final PriorityQueue<FileSourceSplit> pending = new PriorityQueue<>(NEWEST_FIRST);

        NewestFirst(Collection<FileSourceSplit> splits) {
            pending.addAll(splits);
        }

        @Override
        public Optional<FileSourceSplit> getNext(@Nullable String hostname) {
            return Optional.ofNullable(pending.poll());
        }

        @Override
        public void addSplits(Collection<FileSourceSplit> splits) {
            pending.addAll(splits);
        }

        @Override
        public Collection<FileSourceSplit> remainingSplits() {
            return new ArrayList<>(pending);
        }
    }
}
