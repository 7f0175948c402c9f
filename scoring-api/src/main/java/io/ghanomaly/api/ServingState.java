package io.ghanomaly.api;

import io.ghanomaly.api.model.ModelStore;
import io.ghanomaly.api.output.DuckDbPool;
import io.ghanomaly.api.output.JobOutput;
import io.ghanomaly.api.output.OutputQueries;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the API serves: the current model and the job's committed output, scanned again every {@code
 * --refresh} and on an admin reload.
 */
public final class ServingState implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServingState.class);

    /** Queries that may run at once; more wait for a free connection. */
    public static final int CONNECTIONS = 4;

    private final ApiConfig config;
    private final DuckDbPool pool;
    private final JobOutput output;
    private final ModelStore models;
    private ScheduledExecutorService refresher;
    private ScheduledFuture<?> refreshing;

    private ServingState(ApiConfig config, DuckDbPool pool) {
        this.config = config;
        this.pool = pool;
        this.output = new JobOutput(config.output(), new OutputQueries(pool, config.cacheRows()));
        this.models = new ModelStore(config.models());
    }

    /** Opens DuckDB and scans the output and the models once. */
    public static ServingState open(ApiConfig config) throws SQLException {
        ServingState state =
                new ServingState(
                        config,
                        new DuckDbPool(
                                CONNECTIONS,
                                config.queryMemory(),
                                Math.max(1, config.queryThreads())));
        state.refresh();
        return state;
    }

    public JobOutput output() {
        return output;
    }

    public ModelStore models() {
        return models;
    }

    /** Scans the models and the output now. */
    public synchronized void refresh() throws SQLException {
        models.refresh();
        output.refresh();
    }

    /** Scans again every {@code --refresh} until closed. */
    public synchronized ServingState startRefreshing() {
        if (refresher == null) {
            refresher =
                    Executors.newSingleThreadScheduledExecutor(
                            r -> {
                                Thread t = new Thread(r, "output-refresh");
                                t.setDaemon(true);
                                return t;
                            });
            long every = config.refresh().toMillis();
            refreshing =
                    refresher.scheduleWithFixedDelay(
                            this::refreshQuietly, every, every, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Refresh failed, serving what was there before: {}", e.toString());
        }
    }

    @Override
    public synchronized void close() throws SQLException {
        if (refresher != null) {
            refreshing.cancel(false);
            refresher.shutdownNow();
        }
        pool.close();
    }
}
