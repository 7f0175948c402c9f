package io.ghanomaly.mirror;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (or SIGTERM) interrupts the running mirror, which stops its downloads, keeps their partial
 * files for the next run and prints its summary before the JVM goes.
 */
final class StopOnSignal {
    private final Thread worker;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopping;

    StopOnSignal(Thread worker) {
        this.worker = worker;
    }

    /** From the shutdown hook: interrupts the worker and waits (a little) for its summary. */
    void stop() {
        stopping = true;
        worker.interrupt();
        try {
            finished.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** From the worker, when it is done. */
    void finished() {
        finished.countDown();
    }

    /** Whether the JVM is already going down (then the worker must not call System.exit). */
    boolean stopping() {
        return stopping;
    }
}
