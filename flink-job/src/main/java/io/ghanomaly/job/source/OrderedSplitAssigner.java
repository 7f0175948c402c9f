package io.ghanomaly.job.source;

import io.ghanomaly.core.archive.ArchiveHour;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.PriorityQueue;
import javax.annotation.Nullable;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.assigners.FileSplitAssigner;

/**
 * Hands out files in a fixed order rather than Flink's default (none in particular): archive hours
 * oldest first, model bundles newest first.
 */
public final class OrderedSplitAssigner implements FileSplitAssigner {
    /**
     * By the UTC hour the archive's file name stands for (era-aware, see {@link ArchiveHour});
     * names without one come last, by path. Flink's default order once read an earlier hour after a
     * later one had moved the watermark on, and whole hours were dropped as late.
     */
    public static final Comparator<FileSourceSplit> OLDEST_HOUR_FIRST =
            Comparator.comparing(
                            (FileSourceSplit s) -> ArchiveHour.ofFileName(s.path().getName()),
                            Comparator.comparing(
                                    (Optional<ArchiveHour> h) -> h.orElse(null),
                                    Comparator.nullsLast(ArchiveHour.READ_ORDER)))
                    .thenComparing(s -> s.path().toString());

    /** Bundle names start with their version, which starts with its time. */
    static final Comparator<FileSourceSplit> NEWEST_NAME_FIRST =
            Comparator.comparing((FileSourceSplit s) -> s.path().getName()).reversed();

    private final Comparator<FileSourceSplit> order;
    private final PriorityQueue<FileSourceSplit> pending;

    private OrderedSplitAssigner(
            Collection<FileSourceSplit> splits, Comparator<FileSourceSplit> order) {
        this.order = order;
        this.pending = new PriorityQueue<>(order);
        pending.addAll(splits);
    }

    public static OrderedSplitAssigner oldestHourFirst(Collection<FileSourceSplit> splits) {
        return new OrderedSplitAssigner(splits, OLDEST_HOUR_FIRST);
    }

    public static OrderedSplitAssigner newestNameFirst(Collection<FileSourceSplit> splits) {
        return new OrderedSplitAssigner(splits, NEWEST_NAME_FIRST);
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
        remaining.sort(order);
        return remaining;
    }
}
