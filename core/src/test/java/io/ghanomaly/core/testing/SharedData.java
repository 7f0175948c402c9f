package io.ghanomaly.core.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Finds the real data in {@code ../shared/data}; a test that needs it is skipped, with a message
 * saying so, when a clone has no such folder beside it, and fails instead when {@code CI=true}, so
 * that CI never passes by skipping.
 */
public final class SharedData {
    private SharedData() {}

    /**
     * {@code ../shared/data/<relative>}; when it is absent the calling test is skipped, or fails
     * under {@code CI=true}.
     */
    public static Path require(String relative) {
        String configured = System.getProperty("ghanomaly.shared.data");
        Path root = Path.of(configured != null ? configured : "../shared/data").normalize();
        Path p = root.resolve(relative);
        String absent =
                "real data "
                        + p.toAbsolutePath()
                        + " is absent (../shared/data beside the project root; see README)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            assertTrue(Files.exists(p), "CI=true and " + absent);
        }
        assumeTrue(Files.exists(p), "skipped: " + absent);
        return p;
    }

    /** Every line of a gzipped JSON-lines file. */
    public static List<String> gzipLines(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader r =
                new BufferedReader(
                        new InputStreamReader(
                                new GZIPInputStream(Files.newInputStream(file), 1 << 16),
                                StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lines.add(line);
            }
        }
        return lines;
    }

    /**
     * How many newline-terminated lines {@code gzip -dc} gets out of a damaged file: an oracle for
     * "every complete line before the damage" that shares no code with ours.
     */
    public static int completeLinesByGzip(Path file) throws IOException, InterruptedException {
        Process gzip =
                new ProcessBuilder("gzip", "-dc", file.toString())
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
        int lines = 0;
        try (InputStream out = gzip.getInputStream()) {
            byte[] buf = new byte[1 << 16];
            for (int n = out.read(buf); n >= 0; n = out.read(buf)) {
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        if (gzip.waitFor() == 0) {
            throw new IllegalStateException(file + " is not damaged: gzip read it whole");
        }
        return lines;
    }
}
