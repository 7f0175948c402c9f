package io.ghanomaly.job.sink;

import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.functions.sink.filesystem.BucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.SimpleVersionedStringSerializer;

/**
 * Puts each row in a folder named by its data, never by processing time: {@code
 * dt=YYYY-MM-DD/hour=H} for rows of an event hour, as Hive-style partitions that Spark, DuckDB and
 * Trino read as columns.
 */
public final class PartitionBucketAssigner<T> implements BucketAssigner<T, String> {
    private static final long serialVersionUID = 1L;

    /** The folder of a row, relative to the output path. */
    @FunctionalInterface
    public interface Partitioner<T> extends Serializable {
        String partitionOf(T row);
    }

    private final Partitioner<T> partitioner;

    public PartitionBucketAssigner(Partitioner<T> partitioner) {
        this.partitioner = partitioner;
    }

    /** Partitions by the UTC hour that contains the given epoch milliseconds. */
    public static String eventHour(long epochMillis) {
        ZonedDateTime t = Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC);
        return "dt=" + t.toLocalDate() + "/hour=" + t.getHour();
    }

    @Override
    public String getBucketId(T row, Context context) {
        return partitioner.partitionOf(row);
    }

    @Override
    public SimpleVersionedSerializer<String> getSerializer() {
        return SimpleVersionedStringSerializer.INSTANCE;
    }
}
