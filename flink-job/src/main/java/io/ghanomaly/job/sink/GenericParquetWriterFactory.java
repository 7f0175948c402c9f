package io.ghanomaly.job.sink;

import java.io.IOException;
import java.io.Serializable;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.formats.parquet.ParquetWriterFactory;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Writes rows of type T to Parquet through an Avro schema, converting each row on the way, so the
 * stream carries compact POJOs and only the sink knows about Avro; pages are compressed with {@link
 * #CODEC}.
 */
public final class GenericParquetWriterFactory<T> implements BulkWriter.Factory<T> {
    private static final long serialVersionUID = 1L;

    /**
     * GZIP halves the features output (README, Output) through Hadoop's built-in codec on the JDK's
     * zlib: no native library and no extra jar, and every Parquet reader reads it. ZSTD was as
     * small but needs zstd-jni (7 MB of native code); SNAPPY and LZ4_RAW saved less. At a few MB an
     * hour the codec's CPU cost did not show in the job's wall time.
     */
    static final CompressionCodecName CODEC = CompressionCodecName.GZIP;

    /** How a row becomes a record of the schema. */
    @FunctionalInterface
    public interface RowConverter<T> extends Serializable {
        GenericRecord toRecord(T row, Schema schema);
    }

    /** A bloom filter's false-positive rate: 1%, about 9.6 bits a distinct value. */
    static final double BLOOM_FPP = 0.01;

    /** Distinct values a bloom filter is sized for: a modern hour's actors (about 60,000). */
    static final long BLOOM_NDV = 100_000;

    private final String schemaJson; // Avro's Schema is not serializable across versions
    private final RowConverter<T> converter;
    private final String bloomColumn;

    public GenericParquetWriterFactory(Schema schema, RowConverter<T> converter) {
        this(schema, converter, null);
    }

    /**
     * @param bloomColumn a column whose row groups carry a bloom filter, so that a reader looking
     *     for one value (the API's {@code /actors/{login}}) skips the files without it
     */
    public GenericParquetWriterFactory(
            Schema schema, RowConverter<T> converter, String bloomColumn) {
        this.schemaJson = schema.toString();
        this.converter = converter;
        this.bloomColumn = bloomColumn;
    }

    @Override
    public BulkWriter<T> create(FSDataOutputStream out) throws IOException {
        Schema schema = new Schema.Parser().parse(schemaJson);
        BulkWriter<GenericRecord> parquet = parquetWriter(schema, out, bloomColumn);
        return new BulkWriter<>() {
            @Override
            public void addElement(T row) throws IOException {
                parquet.addElement(converter.toRecord(row, schema));
            }

            @Override
            public void flush() throws IOException {
                parquet.flush();
            }

            @Override
            public void finish() throws IOException {
                parquet.finish();
            }
        };
    }

    /**
     * Builds the writer with this class's loader as the thread's context loader. Parquet keeps each
     * codec, with a Hadoop Configuration that remembers the context loader, in a static map for the
     * life of the JVM. Built on a task thread, it would remember the job's user-code loader, which
     * Flink closes when the job ends, and the next compressed read or write in that JVM (the
     * trainer after the job in a test, a Parquet library shared by several jobs) would fail with
     * "Trying to access closed classloader". On a cluster this class's loader is the job's own, so
     * nothing changes there.
     */
    private static BulkWriter<GenericRecord> parquetWriter(
            Schema schema, FSDataOutputStream out, String bloomColumn) throws IOException {
        Thread thread = Thread.currentThread();
        ClassLoader taskLoader = thread.getContextClassLoader();
        thread.setContextClassLoader(GenericParquetWriterFactory.class.getClassLoader());
        try {
            return new ParquetWriterFactory<GenericRecord>(
                            file -> {
                                var builder =
                                        AvroParquetWriter.<GenericRecord>builder(file)
                                                .withSchema(schema)
                                                .withDataModel(GenericData.get())
                                                .withCompressionCodec(CODEC);
                                if (bloomColumn != null) {
                                    builder.withBloomFilterEnabled(bloomColumn, true)
                                            .withBloomFilterNDV(bloomColumn, BLOOM_NDV)
                                            .withBloomFilterFPP(bloomColumn, BLOOM_FPP);
                                }
                                return builder.build();
                            })
                    .create(out);
        } finally {
            thread.setContextClassLoader(taskLoader);
        }
    }
}
