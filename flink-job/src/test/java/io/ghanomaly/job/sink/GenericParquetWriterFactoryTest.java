package io.ghanomaly.job.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.ghanomaly.core.feature.ActorHourFeatures;
import io.ghanomaly.core.feature.Feature;
import io.ghanomaly.core.feature.FeatureColumns;
import io.ghanomaly.job.scoring.ActorHourRow;
import io.ghanomaly.job.testing.ParquetOutput;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.local.LocalDataOutputStream;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenericParquetWriterFactoryTest {
    @TempDir Path dir;

    @Test
    void compressesEveryColumnWithGzipAndReadsBackWithAPlainParquetReader() throws Exception {
        Path file = dir.resolve("part-0.parquet");
        double[] values = new double[Feature.values().length];
        values[Feature.EVENT_COUNT.ordinal()] = 7;
        ActorHourRow row =
                ActorHourRow.unscored(new ActorHourFeatures("ann", 42, 1_735_689_600_000L, values));
        BulkWriter<ActorHourRow> writer =
                new GenericParquetWriterFactory<>(ParquetRows.FEATURES, ParquetRows::features)
                        .create(new LocalDataOutputStream(file.toFile()));
        writer.addElement(row);
        writer.finish();

        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            List<ColumnChunkMetaData> columns = reader.getFooter().getBlocks().get(0).getColumns();
            assertThat(columns)
                    .hasSize(ParquetRows.FEATURES.getFields().size())
                    .extracting(ColumnChunkMetaData::getCodec)
                    .containsOnly(CompressionCodecName.GZIP);
        }
        List<ParquetOutput.Row> rows = ParquetOutput.rows(dir);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getString(FeatureColumns.ACTOR_LOGIN)).isEqualTo("ann");
        assertThat(rows.get(0).getLong(Feature.EVENT_COUNT.columnName())).isEqualTo(7);
    }
}
