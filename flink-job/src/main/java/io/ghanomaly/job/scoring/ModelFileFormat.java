package io.ghanomaly.job.scoring;

import io.ghanomaly.core.model.ModelBundle;
import io.ghanomaly.core.model.ModelBundleFile;
import java.io.IOException;
import java.io.InputStream;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.SingletonResultIterator;
import org.apache.flink.core.fs.Path;

/**
 * Reads each model bundle file whole and checks it once, at the source, so a corrupt, half-written
 * or incompatible bundle is refused before it is broadcast to every scorer.
 */
public final class ModelFileFormat implements BulkFormat<ModelFile, FileSourceSplit> {
    private static final long serialVersionUID = 1L;

    @Override
    public Reader<ModelFile> createReader(Configuration config, FileSourceSplit split) {
        return new OneFile(split.path());
    }

    @Override
    public Reader<ModelFile> restoreReader(Configuration config, FileSourceSplit split) {
        return split.getReaderPosition().isPresent()
                ? new OneFile(null)
                : new OneFile(split.path());
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<ModelFile> getProducedType() {
        return TypeInformation.of(ModelFile.class);
    }

    /** Emits one record for the file, then ends; null path: already emitted before a restore. */
    private static final class OneFile implements Reader<ModelFile> {
        private Path path;

        OneFile(Path path) {
            this.path = path;
        }

        @Override
        public RecordIterator<ModelFile> readBatch() throws IOException {
            if (path == null) {
                return null;
            }
            ModelFile file = load(path);
            path = null;
            SingletonResultIterator<ModelFile> it = new SingletonResultIterator<>();
            it.set(file, -1, 1);
            return it;
        }

        @Override
        public void close() {}
    }

    static ModelFile load(Path path) throws IOException {
        byte[] content;
        try (InputStream in = path.getFileSystem().open(path)) {
            content = in.readAllBytes();
        }
        try {
            ModelBundle bundle = ModelBundleFile.read(content, path.toString());
            return new ModelFile(path.toString(), bundle.version(), content, null);
        } catch (ModelBundleFile.InvalidBundleException e) {
            return new ModelFile(path.toString(), null, null, e.getMessage());
        }
    }
}
