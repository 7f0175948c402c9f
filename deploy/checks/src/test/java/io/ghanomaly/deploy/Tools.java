package io.ghanomaly.deploy;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds and runs the command-line tools the checks need. A missing tool fails the check under
 * {@code CI=true}, so that CI cannot pass by skipping; elsewhere the check is skipped with a loud
 * reason that says which package brings the tool.
 */
final class Tools {
    static final boolean CI = "true".equalsIgnoreCase(System.getenv("CI"));

    private Tools() {}

    /** What a finished command printed, and how it ended. */
    record Result(int exitCode, String stdout, String stderr) {
        String both() {
            return stdout + stderr;
        }
    }

    /**
     * The executable {@code name}: the one the environment variable {@code override} names, else
     * the first on the PATH, else the first existing {@code fallbacks}; otherwise a failure or a
     * skip that says {@code install}.
     */
    static Path require(String name, String override, String install, String... fallbacks) {
        return find(name, override, fallbacks).orElseGet(() -> missing(name, install));
    }

    static Optional<Path> find(String name, String override, String... fallbacks) {
        String given = override == null ? null : System.getenv(override);
        if (given != null && !given.isBlank()) {
            // named on purpose: not there is an answer too, never a fall back to another one
            return Optional.of(Path.of(given)).filter(Files::isExecutable);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator, -1)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        for (String f : fallbacks) {
            if (Files.isExecutable(Path.of(f))) {
                return Optional.of(Path.of(f));
            }
        }
        return Optional.empty();
    }

    /** Fails under CI, skips elsewhere; never returns. */
    static Path missing(String what, String install) {
        String message =
                what
                        + " is missing, so this deploy check cannot run: "
                        + install
                        + " (.ci/run does)";
        if (CI) {
            throw new AssertionError(message + "; with CI=true a missing tool fails the check");
        }
        System.err.println("SKIPPED, NOT CHECKED: " + message);
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }

    static Result run(Path dir, Map<String, String> env, Duration timeout, List<String> command) {
        try {
            Path out = Files.createTempFile(Repo.TARGET, "tool", ".out");
            Path err = Files.createTempFile(Repo.TARGET, "tool", ".err");
            ProcessBuilder pb =
                    new ProcessBuilder(new ArrayList<>(command))
                            .directory(dir.toFile())
                            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                            .redirectOutput(out.toFile())
                            .redirectError(err.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                fail(command + " did not finish within " + timeout);
            }
            Result r =
                    new Result(
                            p.exitValue(),
                            Files.readString(out, StandardCharsets.UTF_8),
                            Files.readString(err, StandardCharsets.UTF_8));
            Files.delete(out);
            Files.delete(err);
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Result run(Path dir, Duration timeout, String... command) {
        return run(dir, Map.of(), timeout, List.of(command));
    }
}
