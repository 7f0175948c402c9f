package io.ghanomaly.deploy;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * HashiCorp's hclfmt, built here from Debian's golang-github-hashicorp-hcl-v2-dev sources with
 * Debian's Go, offline (GOPATH mode, no module proxy): the same hclwrite.Format that {@code
 * terraform fmt} applies (terraform adds only rewrites of pre-0.12 syntax, which hcl2json rejects).
 */
final class HclFormatter {
    static final Path SOURCES =
            Path.of("/usr/share/gocode/src/github.com/hashicorp/hcl/v2/cmd/hclfmt");

    private static final String INSTALL =
            "install Debian's golang-go and golang-github-hashicorp-hcl-v2-dev";

    private static Path binary;

    private HclFormatter() {}

    /** The files hclfmt would change (empty: all are formatted). */
    static List<String> unformatted(List<Path> files) {
        Path hclfmt = build();
        List<String> changed = new ArrayList<>();
        for (Path f : files) {
            Tools.Result r =
                    Tools.run(
                            Repo.TARGET,
                            Duration.ofSeconds(30),
                            hclfmt.toString(),
                            "-require-no-change",
                            f.toString());
            if (r.exitCode() != 0) {
                changed.add(f + ": " + r.stderr().strip());
            }
        }
        return changed;
    }

    private static synchronized Path build() {
        if (binary != null) {
            return binary;
        }
        Path go = Tools.require("go", "GO", INSTALL, "/usr/lib/go/bin/go");
        if (!Files.isDirectory(SOURCES)) {
            Tools.missing("hclfmt's sources " + SOURCES, INSTALL);
        }
        Path out = Repo.TARGET.resolve("hclfmt");
        Path cache = Path.of(System.getProperty("user.home"), ".cache", "go-build");
        Tools.Result r =
                Tools.run(
                        Repo.TARGET,
                        Map.of(
                                "GOPATH", "/usr/share/gocode",
                                "GO111MODULE", "off",
                                "GOPROXY", "off",
                                "GOFLAGS", "",
                                "GOTOOLCHAIN", "local",
                                "GOCACHE", cache.toString()),
                        Duration.ofMinutes(3),
                        List.of(
                                go.toString(),
                                "build",
                                "-o",
                                out.toString(),
                                "github.com/hashicorp/hcl/v2/cmd/hclfmt"));
        if (r.exitCode() != 0) {
            fail("building hclfmt from Debian's sources failed: " + r.both());
        }
        binary = out;
        return binary;
    }
}
