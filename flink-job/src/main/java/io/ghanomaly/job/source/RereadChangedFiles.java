package io.ghanomaly.job.source;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.enumerate.FileEnumerator;
import org.apache.flink.connector.file.src.enumerate.NonSplittingRecursiveEnumerator;
import org.apache.flink.core.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices an archive file that changes after it was listed (an hour downloaded again under the same
 * name) and hands it out once more, instead of letting Flink's continuous enumerator pass it over
 * in silence (it remembers paths, not contents).
 *
 * <p>The new content is read like any file: its hour is already complete, so all its events go to
 * the late output and it is counted as a late file ({@link RouteArchiveRecords}). To be a new path
 * for Flink, the split's path carries a URI fragment ({@code #changed-<mtime>}), which file systems
 * ignore when they open it. What was seen lives in the enumerator, on the JobManager: a file that
 * changes while the JobManager restarts is not noticed.
 */
public final class RereadChangedFiles implements FileEnumerator {
    private static final Logger LOG = LoggerFactory.getLogger(RereadChangedFiles.class);

    private record Seen(long size, long modified) {}

    private final FileEnumerator files;
    private final Map<String, Seen> seen = new HashMap<>();

    RereadChangedFiles(FileEnumerator files) {
        this.files = files;
    }

    /** Archive files under the input that pass {@code filter}, each re-read when it changes. */
    public static FileEnumerator.Provider provider(ArchiveFileFilter filter) {
        return () -> new RereadChangedFiles(new NonSplittingRecursiveEnumerator(filter));
    }

    @Override
    public Collection<FileSourceSplit> enumerateSplits(Path[] paths, int minDesiredSplits)
            throws IOException {
        List<FileSourceSplit> out = new ArrayList<>();
        for (FileSourceSplit s : files.enumerateSplits(paths, minDesiredSplits)) {
            Seen now = new Seen(s.fileSize(), s.fileModificationTime());
            Seen before = seen.put(s.path().toString(), now);
            if (before == null || before.equals(now)) {
                out.add(s);
                continue;
            }
            LOG.warn(
                    "{} changed after it was read ({} bytes, now {}): reading it again; its hour"
                            + " is complete, so its events go to late-events/",
                    s.path(),
                    before.size(),
                    now.size());
            out.add(
                    new FileSourceSplit(
                            s.splitId(),
                            withFragment(s.path(), "changed-" + now.modified()),
                            s.offset(),
                            s.length(),
                            s.fileModificationTime(),
                            s.fileSize(),
                            s.hostnames()));
        }
        return out;
    }

    private static Path withFragment(Path p, String fragment) {
        URI u = p.toUri();
        try {
            return new Path(new URI(u.getScheme(), u.getAuthority(), u.getPath(), null, fragment));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
