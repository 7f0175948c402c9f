package io.ghanomaly.api.output;

import java.nio.file.Path;
import java.time.Instant;

/**
 * One committed Parquet file of the job's output and the UTC hour its partition folder names.
 *
 * @param path where it is
 * @param hour the start of the hour of its {@code dt=YYYY-MM-DD/hour=H} folder
 * @param size its length in bytes, so a file written again under the same name is read again
 * @param modifiedMillis its modification time, for the same reason
 */
public record CommittedFile(Path path, Instant hour, long size, long modifiedMillis) {}
