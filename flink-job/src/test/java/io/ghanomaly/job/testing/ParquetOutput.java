package io.ghanomaly.job.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;

/** Reads what the job committed, with a plain Parquet reader, as any consumer would. */
public final class ParquetOutput {
    private ParquetOutput() {}

    /** Every committed Parquet file under dir (in-progress files are hidden and skipped). */
    public static List<Path> committedFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".parquet"))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every row of every committed file under dir, with the partition folder as "partition". */
    public static List<Row> rows(Path dir) {
        List<Row> rows = new ArrayList<>();
        for (Path file : committedFiles(dir)) {
            String partition = dir.relativize(file.getParent()).toString();
            try (ParquetReader<GenericRecord> reader =
                    AvroParquetReader.<GenericRecord>builder(new LocalInputFile(file))
                            .withConf(new PlainParquetConfiguration())
                            .build()) {
                for (GenericRecord r = reader.read(); r != null; r = reader.read()) {
                    rows.add(new Row(partition, r));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return rows;
    }

    /** One row and the partition folder it was found in. */
    public record Row(String partition, GenericRecord record) {
        public long getLong(String column) {
            return ((Number) record.get(column)).longValue();
        }

        public String getString(String column) {
            Object v = record.get(column);
            return v == null ? null : v.toString();
        }
    }
}
