package io.ghanomaly.job.source;

import io.ghanomaly.core.archive.ArchiveHour;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.flink.core.fs.Path;

/**
 * Which files under the input directory are archive hours to read: {@code .json.gz} and {@code
 * .json} files, not hidden ({@code .} or {@code _} first, as files still being written are named),
 * and, for a backfill, only those whose UTC hour is in [from, to). A name that is not an archive
 * hour is let through, so that the reader reports it instead of the job passing it over in silence.
 */
public final class ArchiveFileFilter implements Predicate<Path>, Serializable {
    private static final long serialVersionUID = 1L;

    private final Instant from;
    private final Instant to;

    /**
     * @param from first hour to read, or null for no lower bound
     * @param to first hour not to read, or null for no upper bound
     */
    public ArchiveFileFilter(Instant from, Instant to) {
        this.from = from;
        this.to = to;
    }

    @Override
    public boolean test(Path path) {
        String name = path.getName();
        if (name.startsWith(".") || name.startsWith("_")) {
            return false;
        }
        try {
            if (path.getFileSystem().getFileStatus(path).isDir()) {
                return true;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stat " + path, e);
        }
        if (!name.endsWith(".json.gz") && !name.endsWith(".json")) {
            return false;
        }
        Optional<Instant> hour = ArchiveHour.ofFileName(name).map(ArchiveHour::start);
        if (hour.isEmpty()) {
            return true; // read, to be reported as not an archive hour rather than passed over
        }
        return (from == null || !hour.get().isBefore(from))
                && (to == null || hour.get().isBefore(to));
    }
}
