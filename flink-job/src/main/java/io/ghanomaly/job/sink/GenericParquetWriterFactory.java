package io.ghanomaly.job.sink;

import java.io.IOException;
import java.io.Serializable;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.formats.parquet.avro.AvroParquetWriters;

/**
 * Writes rows of type T to Parquet through an Avro schema, converting each row on the way, so the
 * stream carries compact POJOs and only the sink knows about Avro.
 */
public final class GenericParquetWriterFactory<T> implements BulkWriter.Factory<T> {
    private static final long serialVersionUID = 1L;

    /** How a row becomes a record of the schema. */
    @FunctionalInterface
    public interface RowConverter<T> extends Serializable {
        GenericRecord toRecord(T row, Schema schema);
    }

    private final String schemaJson; // Avro's Schema is not serializable across versions
    private final RowConverter<T> converter;

    public GenericParquetWriterFactory(Schema schema, RowConverter<T> converter) {
        this.schemaJson = schema.toString();
        this.converter = converter;
    }

    @Override
    public BulkWriter<T> create(FSDataOutputStream out) throws IOException {
        Schema schema = new Schema.Parser().parse(schemaJson);
        BulkWriter<GenericRecord> parquet = AvroParquetWriters.forGenericRecord(schema).create(out);
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
}
