package io.ghanomaly.job.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * Fails unless both outputs hold the same rows, each in the same partition, column for column
     * (as a multiset: the order of rows and files may differ); says how many differ, with examples.
     */
    public static void assertSameRows(Path expectedDir, Path actualDir) {
        List<String> expected = rowTexts(expectedDir);
        List<String> actual = rowTexts(actualDir);
        List<String> missing = without(expected, actual);
        List<String> extra = without(actual, expected);
        assertThat(missing.size() + extra.size())
                .as(
                        "%s: of %,d rows, %,d are missing from %s (e.g. %s), %,d are only there"
                                + " (e.g. %s)",
                        expectedDir.getFileName(),
                        expected.size(),
                        missing.size(),
                        actualDir,
                        missing.stream().limit(2).toList(),
                        extra.size(),
                        extra.stream().limit(2).toList())
                .isZero();
        assertThat(actual).hasSameSizeAs(expected);
    }

    /** Every row of an output as its partition and its columns' text. */
    private static List<String> rowTexts(Path dir) {
        return rows(dir).stream().map(r -> r.partition() + " " + r.record()).toList();
    }

    /** {@code rows} less one of each of {@code others} (a multiset difference). */
    private static List<String> without(List<String> rows, List<String> others) {
        Map<String, Long> left = new HashMap<>();
        for (String o : others) {
            left.merge(o, 1L, Long::sum);
        }
        List<String> out = new ArrayList<>();
        for (String r : rows) {
            if (left.merge(r, -1L, Long::sum) < 0) {
                out.add(r);
            }
        }
        return out;
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

        /** A list of strings column, such as a campaign's members. */
        public List<String> getStrings(String column) {
            List<String> out = new ArrayList<>();
            for (Object o : (List<?>) record.get(column)) {
                out.add(o.toString());
            }
            return out;
        }
    }
}
