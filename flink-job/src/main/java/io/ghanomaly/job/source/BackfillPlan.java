package io.ghanomaly.job.source;

import io.ghanomaly.core.archive.ArchiveHour;
import io.ghanomaly.core.archive.HourCompletion;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.enumerate.NonSplittingRecursiveEnumerator;
import org.apache.flink.core.fs.Path;

/**
 * The files a backfill reads, fixed when it is submitted, and for each of them how far event time
 * is complete when a one-file-at-a-time run starts it.
 *
 * <p>A run that reads files one after another in {@link ArchiveHour#READ_ORDER} decides lateness by
 * {@link HourCompletion}: an event of an hour that an earlier file completed is late, and so is
 * every event of a file whose hour is already complete. That depends only on which files come
 * before, so a backfill, which reads many files at once and in no order, can decide it for each
 * file on its own, from this plan, and route exactly the events the sequential run routes.
 */
public final class BackfillPlan implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<String> files;
    private final Map<String, Long> completeBefore;

    private BackfillPlan(List<String> files, Map<String, Long> completeBefore) {
        this.files = files;
        this.completeBefore = completeBefore;
    }

    /** The archive files under {@code input} that pass {@code filter}, as the job lists them. */
    public static BackfillPlan list(String input, ArchiveFileFilter filter) throws IOException {
        List<FileSourceSplit> splits =
                new ArrayList<>(
                        new NonSplittingRecursiveEnumerator(filter)
                                .enumerateSplits(new Path[] {new Path(input)}, 1));
        splits.sort(OrderedSplitAssigner.OLDEST_HOUR_FIRST);
        List<String> files = new ArrayList<>(splits.size());
        for (FileSourceSplit s : splits) {
            files.add(s.path().toString());
        }
        return ofReadOrder(files);
    }

    /** A plan of these files, given in read order. */
    static BackfillPlan ofReadOrder(List<String> files) {
        Map<String, Long> before = new HashMap<>();
        long complete = Long.MIN_VALUE;
        for (String f : files) {
            before.putIfAbsent(f, complete);
            long upTo =
                    ArchiveHour.ofPath(f).map(ArchiveHour::completesUpTo).orElse(Long.MIN_VALUE);
            complete = Math.max(complete, upTo);
        }
        return new BackfillPlan(List.copyOf(files), before);
    }

    /** The files, in read order. */
    public Path[] paths() {
        return files.stream().map(Path::new).toArray(Path[]::new);
    }

    public int size() {
        return files.size();
    }

    /**
     * Event time complete when {@code file} starts, as in a sequential run: the completion of every
     * file before it in read order.
     *
     * @throws IllegalStateException for a file the plan does not hold
     */
    public HourCompletion completionBefore(String file) {
        Long upTo = completeBefore.get(file);
        if (upTo == null) {
            throw new IllegalStateException(
                    file + " is not one of the " + files.size() + " files this backfill planned");
        }
        return new HourCompletion(upTo);
    }
}
