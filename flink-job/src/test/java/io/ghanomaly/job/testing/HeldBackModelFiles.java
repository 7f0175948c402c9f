package io.ghanomaly.job.testing;

import io.ghanomaly.job.scoring.ModelFile;
import io.ghanomaly.job.scoring.ModelFileFormat;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;

/**
 * A model directory on a store so slow that its bundles arrive when the test says: each bundle file
 * is opened only once a release file exists. Lets a test put the model source's first bundle after
 * any point of the job it likes, deterministically.
 */
public final class HeldBackModelFiles {
    private HeldBackModelFiles() {}

    /** The bundles of {@code models}, each read only after {@code release} has been created. */
    public static FileSource<ModelFile> until(Path release, Path models) {
        return FileSource.forBulkFileFormat(
                        new HeldBackFormat(release.toString()),
                        new org.apache.flink.core.fs.Path(models.toUri()))
                .build();
    }

    /** The job's own bundle format behind a gate. */
    private static final class HeldBackFormat implements BulkFormat<ModelFile, FileSourceSplit> {
        private static final long serialVersionUID = 1L;
        private final String release;
        private final ModelFileFormat format = new ModelFileFormat();

        HeldBackFormat(String release) {
            this.release = release;
        }

        @Override
        public Reader<ModelFile> createReader(Configuration config, FileSourceSplit split)
                throws IOException {
            // Runs in the source's fetcher thread: blocking here is what a slow store does.
            while (!Files.exists(Path.of(release))) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("cancelled while holding back " + split);
                }
            }
            return format.createReader(config, split);
        }

        @Override
        public Reader<ModelFile> restoreReader(Configuration config, FileSourceSplit split)
                throws IOException {
            return format.restoreReader(config, split);
        }

        @Override
        public boolean isSplittable() {
            return false;
        }

        @Override
        public TypeInformation<ModelFile> getProducedType() {
            return format.getProducedType();
        }
    }
}
