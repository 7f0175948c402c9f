package io.ghanomaly.mirror;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Whether a downloaded file is whole: it must decompress to the end, every member's CRC and length
 * included. Nothing less tells a truncated or damaged file from a sound one.
 */
final class GzipCheck {
    private GzipCheck() {}

    /**
     * Decompresses the whole file and returns its uncompressed length.
     *
     * @throws IOException when it is not a gzip file, breaks off or fails a CRC
     */
    static long verify(Path file) throws IOException {
        // Files.newInputStream reports the bytes left (available()), so GZIPInputStream also reads
        // every member of a multi-member file.
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
            byte[] buffer = new byte[1 << 16];
            long total = 0;
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                total += n;
            }
            return total;
        }
    }
}
