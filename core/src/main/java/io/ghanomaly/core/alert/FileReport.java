package io.ghanomaly.core.alert;

/**
 * What reading one archive file gave, for the input's alert rules.
 *
 * @param file the file's path
 * @param hourStartMillis the UTC hour its name stands for, or {@link Long#MIN_VALUE} for a file
 *     that is not an archive hour
 * @param events lines that became events
 * @param parseErrors lines that did not (dead letters, the file's own failure not counted)
 * @param failure why the file failed (unreadable, corrupt, cut off, not an archive hour), or null
 *     when it was read to its end
 * @param pushes its PushEvents
 * @param pushesWithoutCommitCount those whose payload says nothing of their commits
 */
public record FileReport(
        String file,
        long hourStartMillis,
        long events,
        long parseErrors,
        String failure,
        long pushes,
        long pushesWithoutCommitCount) {
    /** The share of its PushEvents that carry no commit count. */
    public double pushesWithoutCommitCountShare() {
        return pushes == 0 ? 0 : pushesWithoutCommitCount / (double) pushes;
    }

    /** The share of the file's lines that could not be used. */
    public double parseErrorShare() {
        long lines = events + parseErrors;
        return lines == 0 ? 0 : parseErrors / (double) lines;
    }
}
