package io.ghanomaly.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Where the checked files are: the repository around this module, and its build folder. */
final class Repo {
    /** Surefire runs in the module's folder, deploy/checks. */
    static final Path MODULE = Path.of("").toAbsolutePath();

    static final Path ROOT = MODULE.resolve("../..").normalize();

    static final Path TARGET = MODULE.resolve("target");

    private Repo() {}

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(String relative) {
        return read(path(relative));
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The regular files below {@code dir} whose names end with {@code suffix}, sorted. */
    static List<Path> files(Path dir, String suffix) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(suffix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a folder of the repository into {@code to}, for a deliberately broken variant. */
    static Path copy(String relative, Path to) {
        Path from = path(relative);
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.sorted(Comparator.naturalOrder()).toList()) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(q);
                } else {
                    Files.copy(p, q);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return to;
    }

    /**
     * Replaces exactly one occurrence of {@code from} in {@code file}, so a test breaks what it
     * means.
     */
    static void replaceOnce(Path file, String from, String to) {
        String text = read(file);
        int at = text.indexOf(from);
        if (at < 0 || text.indexOf(from, at + 1) >= 0) {
            throw new IllegalStateException(
                    "'" + from + "' is not in " + file + " exactly once; the test needs updating");
        }
        write(file, text.substring(0, at) + to + text.substring(at + from.length()));
    }
}
