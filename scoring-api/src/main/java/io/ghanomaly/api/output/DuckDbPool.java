package io.ghanomaly.api.output;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.duckdb.DuckDBConnection;

/**
 * A few connections to one in-memory DuckDB database that holds no data: every query reads the
 * job's Parquet files in place. A DuckDB connection is not safe for concurrent use, so each query
 * borrows one; DuckDB itself runs each query on its own threads.
 */
public final class DuckDbPool implements AutoCloseable {
    private final DuckDBConnection root;
    private final BlockingQueue<Connection> idle;
    private final List<Connection> all = new ArrayList<>();

    /**
     * @param connections how many queries may run at once
     * @param memoryLimit DuckDB's memory limit, e.g. {@code 512MB}
     * @param threads DuckDB's worker threads
     */
    public DuckDbPool(int connections, String memoryLimit, int threads) throws SQLException {
        if (!memoryLimit.matches("[0-9]+(\\.[0-9]+)?\\s*[KMGT]i?B")) {
            throw new IllegalArgumentException("not a memory size: " + memoryLimit);
        }
        root = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = root.createStatement()) {
            s.execute("SET memory_limit = '" + memoryLimit + "'");
            s.execute("SET threads = " + threads);
            // Committed files never change; their footers are read once.
            s.execute("SET parquet_metadata_cache = true");
            s.execute("SET preserve_insertion_order = false");
            s.execute("SET enable_progress_bar = false");
        }
        idle = new ArrayBlockingQueue<>(connections);
        for (int i = 0; i < connections; i++) {
            Connection c = root.duplicate();
            all.add(c);
            idle.add(c);
        }
    }

    /** Something to do with a borrowed connection. */
    @FunctionalInterface
    public interface Query<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs the query on a free connection, waiting up to 30 s for one. */
    public <T> T query(Query<T> query) throws SQLException {
        Connection c;
        try {
            c = idle.poll(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a connection", e);
        }
        if (c == null) {
            throw new SQLException("no DuckDB connection free after 30 s");
        }
        try {
            return query.run(c);
        } finally {
            idle.add(c);
        }
    }

    @Override
    public void close() throws SQLException {
        for (Connection c : all) {
            c.close();
        }
        root.close();
    }
}
