package io.ghanomaly.mirror;

import io.ghanomaly.core.archive.ArchiveHour;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The archive's holes as we found them: one line per 404 taken as a hole, in {@code
 * OUT/_mirror-holes.tsv} (the job ignores names that start with "_"), so that a missing hour can be
 * told from one never asked for.
 */
final class HoleLog {
    static final String FILE_NAME = "_mirror-holes.tsv";
    static final String HEADER = "name\tutc_hour\tchecked";

    private final Path file;

    HoleLog(Path outputDirectory) {
        this.file = outputDirectory.resolve(FILE_NAME);
    }

    Path file() {
        return file;
    }

    /** Appends a line: the file's name, the UTC hour it would hold, when the 404 came. */
    synchronized void record(ArchiveHour hole, Instant checked) throws IOException {
        boolean fresh = !Files.exists(file);
        try (Writer w =
                Files.newBufferedWriter(
                        file,
                        StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND)) {
            if (fresh) {
                w.write(HEADER + "\n");
            }
            w.write(
                    hole.fileName()
                            + "\t"
                            + hole.start()
                            + "\t"
                            + checked.truncatedTo(ChronoUnit.SECONDS)
                            + "\n");
        }
    }
}
