package io.ghanomaly.deploy;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The npm side of the checks: {@code npm ci} of deploy/checks/package-lock.json (exact versions, no
 * install scripts) into target/node-tools once per build, then tools/lint.cjs over files.
 */
final class NodeTools {
    static final Path DIR = Repo.TARGET.resolve("node-tools");

    private static final String INSTALL =
            "install Node.js 20 with npm (Debian: nodejs, npm; GitHub: actions/setup-node)";

    private static Path node;

    private NodeTools() {}

    /** The installed packages' folder (node_modules), installing them first if needed. */
    static synchronized Path modules() {
        if (node == null) {
            Path n = Tools.require("node", "NODE", INSTALL);
            Path npm = Tools.require("npm", "NPM", INSTALL);
            install(npm);
            node = n;
        }
        return DIR.resolve("node_modules");
    }

    /** Runs one linter of tools/lint.cjs over {@code files}; its JSON findings. */
    static JsonNode lint(String tool, List<Path> files) {
        modules();
        List<String> command = new ArrayList<>(List.of(node.toString(), "lint.cjs", tool));
        files.forEach(f -> command.add(f.toAbsolutePath().toString()));
        Tools.Result r = Tools.run(DIR, Map.of(), Duration.ofMinutes(2), command);
        if (r.exitCode() != 0) {
            fail("node lint.cjs " + tool + " failed (" + r.exitCode() + "): " + r.both());
        }
        try {
            return new ObjectMapper().readTree(r.stdout());
        } catch (IOException e) {
            throw new UncheckedIOException("lint.cjs " + tool + " printed no JSON: " + r.both(), e);
        }
    }

    private static void install(Path npm) {
        try {
            Files.createDirectories(DIR);
            String lock = Repo.read(Repo.MODULE.resolve("package-lock.json"));
            Files.copy(
                    Repo.MODULE.resolve("tools/lint.cjs"),
                    DIR.resolve("lint.cjs"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Path stamp = DIR.resolve("installed-lock.json");
            if (Files.exists(stamp)
                    && Repo.read(stamp).equals(lock)
                    && Files.isDirectory(DIR.resolve("node_modules"))) {
                return;
            }
            Files.copy(
                    Repo.MODULE.resolve("package.json"),
                    DIR.resolve("package.json"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Repo.write(DIR.resolve("package-lock.json"), lock);
            Tools.Result r =
                    Tools.run(
                            DIR,
                            Duration.ofMinutes(5),
                            npm.toString(),
                            "ci",
                            "--ignore-scripts",
                            "--no-audit",
                            "--no-fund",
                            "--loglevel=error");
            if (r.exitCode() != 0) {
                fail(
                        "npm ci of deploy/checks/package-lock.json failed (the npm registry must be"
                                + " reachable): "
                                + r.both());
            }
            Repo.write(stamp, lock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
