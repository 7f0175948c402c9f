package io.ghanomaly.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Terraform files as hcl2json (HashiCorp's HCL parser, WASM, from npm) reads them. */
final class Terraform {
    static final Path MODULE = Repo.path("terraform/modules/gh-anomaly");
    static final Path EXAMPLE = Repo.path("terraform/examples/basic");

    private static final Pattern VAR = Pattern.compile("\\bvar\\.([A-Za-z_][A-Za-z0-9_-]*)");

    private static Map<Path, JsonNode> parsed;

    private Terraform() {}

    /** Every .tf file of a folder, parsed; a syntax error fails here with hcl2json's words. */
    static Map<Path, JsonNode> parse(List<Path> files) {
        JsonNode out = NodeTools.lint("hcl", files);
        Map<Path, JsonNode> result = new LinkedHashMap<>();
        for (Path f : files) {
            result.put(f, out.path(f.toAbsolutePath().toString()));
        }
        return result;
    }

    /** The repository's own files, parsed once. */
    static synchronized Map<Path, JsonNode> repository() {
        if (parsed == null) {
            parsed = parse(Repo.files(Repo.path("terraform"), ".tf"));
            parsed.forEach(
                    (f, json) ->
                            assertThat(json.path("error").asText())
                                    .as("hcl2json of %s", f)
                                    .isEmpty());
        }
        return parsed;
    }

    /** The blocks of one type ({@code variable}, {@code resource}, ...) over a folder's files. */
    static Map<String, JsonNode> blocks(Map<Path, JsonNode> files, Path dir, String type) {
        Map<String, JsonNode> blocks = new LinkedHashMap<>();
        files.forEach(
                (f, json) -> {
                    if (f.getParent().equals(dir)) {
                        json.path(type)
                                .fields()
                                .forEachRemaining(e -> blocks.put(e.getKey(), e.getValue()));
                    }
                });
        return blocks;
    }

    /** The names of every {@code var.NAME} in a folder's files. */
    static Set<String> referencedVariables(Map<Path, JsonNode> files, Path dir) {
        Set<String> names = new TreeSet<>();
        files.forEach(
                (f, json) -> {
                    if (f.getParent().equals(dir)) {
                        Matcher m = VAR.matcher(json.toString());
                        while (m.find()) {
                            names.add(m.group(1));
                        }
                    }
                });
        return names;
    }

    /**
     * The FlinkDeployment manifest of the module (resource kubernetes_manifest.flink_deployment).
     */
    static JsonNode flinkDeployment() {
        return blocks(repository(), MODULE, "resource")
                .get("kubernetes_manifest")
                .path("flink_deployment")
                .path(0)
                .path("manifest");
    }
}
