package io.ghanomaly.job.source;

import io.ghanomaly.core.archive.ArchiveFileReader;
import io.ghanomaly.core.archive.ArchiveRecord;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.ArrayResultIterator;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.core.fs.Path;

/**
 * Reads GH Archive hour files for Flink's FileSource, one file at a time, with {@link
 * ArchiveFileReader}: line splitting and parsing happen in the source's fetcher thread, the
 * decompression ahead of them on a thread the reader starts for the file.
 *
 * <p>A BulkFormat rather than a StreamFormat because the reader must know the file's path (for dead
 * letters) and must survive a broken gzip stream instead of failing the job. Gzip cannot be split
 * or sought, so a checkpoint stores how many records of the file were emitted, and a restore reads
 * the file again from the start and skips them.
 */
public final class GhArchiveFormat implements BulkFormat<ArchiveRecord, FileSourceSplit> {
    private static final long serialVersionUID = 1L;
    private static final int BATCH = 512;

    private final int maxLineBytes;

    public GhArchiveFormat(int maxLineBytes) {
        this.maxLineBytes = maxLineBytes;
    }

    @Override
    public Reader<ArchiveRecord> createReader(Configuration config, FileSourceSplit split)
            throws IOException {
        return new FileReader(split.path(), maxLineBytes, 0);
    }

    @Override
    public Reader<ArchiveRecord> restoreReader(Configuration config, FileSourceSplit split)
            throws IOException {
        long skip =
                split.getReaderPosition()
                        .map(CheckpointedPosition::getRecordsAfterOffset)
                        .orElse(0L);
        return new FileReader(split.path(), maxLineBytes, skip);
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<ArchiveRecord> getProducedType() {
        return TypeInformation.of(ArchiveRecord.class);
    }

    private static final class FileReader implements Reader<ArchiveRecord> {
        private final ArchiveFileReader file;
        private long emitted;

        FileReader(Path path, int maxLineBytes, long skip) throws IOException {
            this.file =
                    new ArchiveFileReader(
                            path.getFileSystem().open(path), withoutFragment(path), maxLineBytes);
            for (; emitted < skip && file.next() != null; emitted++) {
                // records emitted before the checkpoint
            }
        }

        /** The file's name as dead letters give it (a re-read's #fragment is not part of it). */
        private static String withoutFragment(Path path) {
            java.net.URI u = path.toUri();
            return u.getFragment() == null
                    ? path.toString()
                    : new Path(u.getScheme(), u.getAuthority(), u.getPath()).toString();
        }

        @Override
        public RecordIterator<ArchiveRecord> readBatch() {
            ArchiveRecord[] batch = new ArchiveRecord[BATCH];
            int n = 0;
            ArchiveRecord r;
            while (n < BATCH && (r = file.next()) != null) {
                batch[n++] = r;
            }
            if (n == 0) {
                return null;
            }
            ArrayResultIterator<ArchiveRecord> it = new ArrayResultIterator<>();
            it.set(batch, n, CheckpointedPosition.NO_OFFSET, emitted);
            emitted += n;
            return it;
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }
}
