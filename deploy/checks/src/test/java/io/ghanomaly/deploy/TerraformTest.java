package io.ghanomaly.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * terraform/ parses (hcl2json), is formatted as terraform fmt would (hclfmt), and its variables,
 * module arguments and FlinkDeployment add up. terraform itself is on neither Debian, npm nor Maven
 * Central, so init, validate and plan are not run.
 */
class TerraformTest {
    /** Declared but unused, and used but undeclared, variables of one folder. */
    static List<String> variableProblems(Map<Path, JsonNode> files, Path dir) {
        Set<String> declared = Terraform.blocks(files, dir, "variable").keySet();
        Set<String> used = Terraform.referencedVariables(files, dir);
        List<String> problems = new ArrayList<>();
        declared.stream()
                .filter(v -> !used.contains(v))
                .forEach(
                        v ->
                                problems.add(
                                        dir.getFileName() + ": variable " + v + " is never used"));
        used.stream()
                .filter(v -> !declared.contains(v))
                .forEach(v -> problems.add(dir.getFileName() + ": var." + v + " is not declared"));
        return problems;
    }

    @Test
    void everyFileParses() {
        assertThat(Terraform.repository()).hasSizeGreaterThanOrEqualTo(13);
    }

    @Test
    void everyFileIsFormatted() {
        assertThat(HclFormatter.unformatted(new ArrayList<>(Terraform.repository().keySet())))
                .isEmpty();
    }

    @Test
    void everyVariableIsDeclaredAndUsed() {
        Map<Path, JsonNode> files = Terraform.repository();
        assertThat(variableProblems(files, Terraform.MODULE)).isEmpty();
        assertThat(variableProblems(files, Terraform.EXAMPLE)).isEmpty();
    }

    @Test
    void theExamplePassesTheModuleWhatItNeedsAndNothingElse() {
        Map<Path, JsonNode> files = Terraform.repository();
        JsonNode call =
                Terraform.blocks(files, Terraform.EXAMPLE, "module").get("gh_anomaly").path(0);
        assertThat(Terraform.EXAMPLE.resolve(call.path("source").asText()).normalize())
                .isEqualTo(Terraform.MODULE);
        Map<String, JsonNode> variables = Terraform.blocks(files, Terraform.MODULE, "variable");
        Set<String> given = new TreeSet<>();
        call.fieldNames().forEachRemaining(given::add);
        given.remove("source");
        assertThat(variables.keySet()).containsAll(given);
        Set<String> required = new TreeSet<>();
        variables.forEach(
                (name, v) -> {
                    if (!v.path(0).has("default")) required.add(name);
                });
        assertThat(given).containsAll(required);
    }

    @Test
    void theOperatorComesFromApachesHelmRepository() {
        JsonNode operator =
                Terraform.blocks(Terraform.repository(), Terraform.MODULE, "resource")
                        .get("helm_release")
                        .path("flink_operator")
                        .path(0);
        assertThat(operator.path("chart").asText()).isEqualTo("flink-kubernetes-operator");
        assertThat(operator.path("repository").asText())
                .isEqualTo(
                        "https://downloads.apache.org/flink/flink-kubernetes-operator-${var.operator_version}/");
    }

    @Test
    void mistakesInABrokenCopyAreCaught(@TempDir Path tmp) {
        Path module = Repo.copy("terraform/modules/gh-anomaly", tmp.resolve("gh-anomaly"));
        Repo.replaceOnce(
                module.resolve("flink.tf"),
                "parallelism = var.parallelism",
                "parallelism = var.paralelism");
        Repo.replaceOnce(
                module.resolve("flink.tf"),
                "upgradeMode = \"savepoint\"",
                "upgradeMod  = \"savepoint\"");
        Repo.replaceOnce(
                module.resolve("outputs.tf"),
                "  value       = kubernetes_namespace_v1",
                "  value = kubernetes_namespace_v1");
        Repo.replaceOnce(
                module.resolve("storage.tf"),
                "name      = \"gh-anomaly-output\"",
                "name      = \"gh-anomaly-output");
        List<Path> files = Repo.files(module, ".tf");
        Map<Path, JsonNode> parsed = Terraform.parse(files);
        List<String> problems = new ArrayList<>();
        parsed.forEach(
                (f, json) -> {
                    if (json.has("error")) problems.add(json.path("error").asText());
                });
        Map<Path, JsonNode> ok = new java.util.LinkedHashMap<>(parsed);
        ok.values().removeIf(json -> json.has("error"));
        problems.addAll(variableProblems(ok, module));
        JsonNode manifest =
                Terraform.blocks(ok, module, "resource")
                        .get("kubernetes_manifest")
                        .path("flink_deployment")
                        .path(0)
                        .path("manifest");
        problems.addAll(KubernetesSchemas.flinkDeploymentProblemsInTerraform(manifest));
        problems.addAll(HclFormatter.unformatted(List.of(module.resolve("outputs.tf"))));
        problems.forEach(p -> System.out.println("caught as intended: " + p));
        assertThat(problems)
                .anyMatch(p -> p.contains("storage.tf"))
                .anyMatch(p -> p.contains("var.paralelism is not declared"))
                .anyMatch(p -> p.contains("variable parallelism is never used"))
                .anyMatch(p -> p.contains("upgradeMod"))
                .anyMatch(p -> p.contains("outputs.tf"));
        assertThat(new HashSet<>(problems)).hasSameSizeAs(problems);
    }
}
