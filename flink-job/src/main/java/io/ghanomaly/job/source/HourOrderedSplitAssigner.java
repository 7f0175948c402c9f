package io.ghanomaly.job.source;

import io.ghanomaly.core.event.ArchiveHour;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.PriorityQueue;
import javax.annotation.Nullable;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.assigners.FileSplitAssigner;

/**
 * Hands out archive files oldest hour first, by the hour in their name.
 *
 * <p>Flink's default assigner hands files out in no particular order; with two readers a file of an
 * earlier hour was read after a later hour had moved the watermark on, and whole hours were dropped
 * as late. Files without an archive hour in their name come after all that have one, by path.
 */
public final class HourOrderedSplitAssigner implements FileSplitAssigner {
    private static final Comparator<FileSourceSplit> OLDEST_HOUR_FIRST =
            Comparator.comparing(
                            (FileSourceSplit s) ->
                                    ArchiveHour.ofFileName(s.path().getName()).orElse(Instant.MAX))
                    .thenComparing(s -> s.path().toString());

    private final PriorityQueue<FileSourceSplit> pending = new PriorityQueue<>(OLDEST_HOUR_FIRST);

    public HourOrderedSplitAssigner(Collection<FileSourceSplit> splits) {
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
        ArrayList<FileSourceSplit> remaining = new ArrayList<>(pending);
        remaining.sort(OLDEST_HOUR_FIRST);
        return remaining;
    }
}
