package io.ghanomaly.mirror;

/**
 * Lets parallel downloads rename their files into place in hour order only. The job reads the files
 * it finds oldest hour first; an earlier hour that lands after a later one would find its windows
 * closed and its events counted late.
 *
 * <p>Files are numbered in read order and started in that order, so the lowest unfinished one is
 * always running and never waits: no deadlock, and at most as many files wait as run in parallel.
 */
final class PlacementTurns {
    private final boolean[] done;
    private final boolean[] missing;
    private int firstOpen;

    PlacementTurns(int files) {
        this.done = new boolean[files];
        this.missing = new boolean[files];
    }

    /**
     * Waits until every file before {@code index} is done.
     *
     * @return whether one of them is missing (not in place, and to be tried again later)
     */
    synchronized boolean awaitTurn(int index) throws InterruptedException {
        while (firstOpen < index) {
            wait();
        }
        for (int i = 0; i < index; i++) {
            if (missing[i]) {
                return true;
            }
        }
        return false;
    }

    /** Marks a file done; {@code stillMissing} when it is to be tried again later. */
    synchronized void done(int index, boolean stillMissing) {
        done[index] = true;
        missing[index] = stillMissing;
        while (firstOpen < done.length && done[firstOpen]) {
            firstOpen++;
        }
        notifyAll();
    }
}
