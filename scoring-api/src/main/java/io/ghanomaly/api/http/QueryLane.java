package io.ghanomaly.api.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the handlers that query the job's output on threads of their own. A query takes tens of
 * milliseconds to seconds; on Jetty's few request threads, a burst of them would hold every thread
 * and {@code /predict}, which takes microseconds, would wait behind them. Here they wait in a
 * bounded queue instead, and past it get a 503 to retry.
 */
public final class QueryLane implements AutoCloseable {
    private final ThreadPoolExecutor pool;
    private final int queue;

    /**
     * @param threads queries run at once (as many as DuckDB connections)
     * @param queue queries that may wait for a thread
     */
    public QueryLane(int threads, int queue) {
        AtomicInteger n = new AtomicInteger();
        this.queue = queue;
        this.pool =
                new ThreadPoolExecutor(
                        threads,
                        threads,
                        0,
                        TimeUnit.SECONDS,
                        new ArrayBlockingQueue<>(queue),
                        r -> {
                            Thread t = new Thread(r, "query-" + n.incrementAndGet());
                            t.setDaemon(true);
                            return t;
                        });
    }

    /** {@code handler}, run on this lane; Javalin answers when it is done. */
    public Handler of(Handler handler) {
        return ctx -> ctx.future(() -> submit(handler, ctx));
    }

    private CompletableFuture<Void> submit(Handler handler, Context ctx) {
        try {
            return CompletableFuture.runAsync(() -> run(handler, ctx), pool);
        } catch (RejectedExecutionException full) {
            return CompletableFuture.failedFuture(
                    new ApiError(
                            503,
                            "busy: "
                                    + queue
                                    + " queries of the output are already waiting; retry"
                                    + " shortly"));
        }
    }

    private static void run(Handler handler, Context ctx) {
        try {
            handler.handle(ctx);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new CompletionException(e); // Javalin hands the cause to its exception mappers
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
