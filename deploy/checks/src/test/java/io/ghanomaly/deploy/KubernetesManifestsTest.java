package io.ghanomaly.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/k8s renders with kustomize, every object it renders is one the Kubernetes API (or, for the
 * FlinkDeployment, the operator's CRD) accepts, and the objects refer to each other correctly.
 */
class KubernetesManifestsTest {
    private static List<JsonNode> rendered;

    /** Rendered once; in each test, so that a missing kubectl skips (or fails) each by name. */
    private static synchronized List<JsonNode> rendered() {
        if (rendered == null) {
            rendered = Kustomize.render(Repo.path("deploy/k8s"));
        }
        return rendered;
    }

    /**
     * The problems of a deliberately broken copy, printed so that the report shows what was caught.
     */
    static List<String> caught(List<JsonNode> objects) {
        List<String> problems = problemsOf(objects);
        problems.forEach(p -> System.out.println("caught as intended: " + p));
        return problems;
    }

    static List<String> problemsOf(List<JsonNode> objects) {
        List<String> problems = new ArrayList<>();
        for (JsonNode o : objects) {
            for (String p : KubernetesSchemas.problems(o)) {
                problems.add(
                        o.path("kind").asText() + " " + o.at("/metadata/name").asText() + ": " + p);
            }
        }
        return problems;
    }

    static JsonNode only(List<JsonNode> objects, String kind) {
        List<JsonNode> found =
                objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
        assertThat(found).as("rendered %s objects", kind).hasSize(1);
        return found.get(0);
    }

    @Test
    void rendersEveryPartOfTheDeployment() {
        assertThat(rendered().stream().map(o -> o.path("kind").asText()))
                .contains(
                        "Namespace",
                        "FlinkDeployment",
                        "Deployment",
                        "Service",
                        "CronJob",
                        "PersistentVolumeClaim",
                        "ConfigMap",
                        "ServiceAccount",
                        "Role",
                        "RoleBinding");
        assertThat(rendered())
                .filteredOn(o -> !o.path("kind").asText().equals("Namespace"))
                .allSatisfy(
                        o ->
                                assertThat(o.at("/metadata/namespace").asText())
                                        .isEqualTo("gh-anomaly"));
    }

    @Test
    void everyImageOfTheKustomizationReachesAContainer() {
        JsonNode kustomization = Yaml.document(Repo.read("deploy/k8s/kustomization.yaml"));
        Set<String> images = new HashSet<>();
        for (JsonNode pod : podSpecs()) {
            pod.path("containers").forEach(c -> images.add(c.path("image").asText()));
        }
        for (JsonNode i : kustomization.path("images")) {
            assertThat(images)
                    .contains(i.path("newName").asText() + ":" + i.path("newTag").asText());
        }
    }

    @Test
    void everyRenderedObjectIsOneTheApiAccepts() {
        assertThat(problemsOf(rendered())).isEmpty();
    }

    @Test
    void theSecretsPlaceholderOutsideTheKustomizationIsValidToo() {
        List<JsonNode> example =
                Yaml.documents(Repo.read("deploy/k8s/alerting-secrets.example.yaml"));
        assertThat(example).hasSize(1);
        assertThat(problemsOf(example)).isEmpty();
        String name = example.get(0).at("/metadata/name").asText();
        assertThat(referencedSecrets(only(rendered(), "FlinkDeployment"))).contains(name);
    }

    @Test
    void aMisspeltFieldOfTheFlinkDeploymentIsCaught(@TempDir Path tmp) {
        Path k8s = Repo.copy("deploy/k8s", tmp.resolve("k8s"));
        Repo.replaceOnce(k8s.resolve("flink-deployment.yaml"), "upgradeMode:", "upgradeMod:");
        assertThat(caught(Kustomize.render(k8s))).anyMatch(p -> p.contains("upgradeMod"));
    }

    @Test
    void aFieldInTheWrongPlaceOfTheFlinkDeploymentIsCaught(@TempDir Path tmp) {
        Path k8s = Repo.copy("deploy/k8s", tmp.resolve("k8s"));
        // parallelism belongs to spec.job, not spec
        Repo.replaceOnce(
                k8s.resolve("flink-deployment.yaml"),
                "  flinkVersion: v2_2\n",
                "  flinkVersion: v2_2\n  parallelism: 2\n");
        assertThat(caught(Kustomize.render(k8s))).anyMatch(p -> p.contains("parallelism"));
    }

    @Test
    void aMisspeltFieldOfABuiltInKindIsCaught(@TempDir Path tmp) {
        Path k8s = Repo.copy("deploy/k8s", tmp.resolve("k8s"));
        Repo.replaceOnce(k8s.resolve("scoring-api.yaml"), "readinessProbe:", "readinesProbe:");
        Repo.replaceOnce(
                k8s.resolve("trainer-cronjob.yaml"), "concurrencyPolicy:", "concurrencyPolicyy:");
        List<String> problems = caught(Kustomize.render(k8s));
        assertThat(problems).anyMatch(p -> p.contains("readinesProbe"));
        assertThat(problems).anyMatch(p -> p.contains("concurrencyPolicyy"));
    }

    @Test
    void podsMountOnlyVolumesTheyDeclareAndClaimsThatExist() {
        Set<String> claims = names("PersistentVolumeClaim");
        for (JsonNode pod : podSpecs()) {
            Set<String> volumes = new HashSet<>();
            pod.path("volumes").forEach(v -> volumes.add(v.path("name").asText()));
            for (JsonNode c : pod.path("containers")) {
                c.path("volumeMounts")
                        .forEach(m -> assertThat(volumes).contains(m.path("name").asText()));
            }
            pod.path("volumes")
                    .forEach(
                            v -> {
                                if (v.has("persistentVolumeClaim")) {
                                    assertThat(claims)
                                            .contains(
                                                    v.at("/persistentVolumeClaim/claimName")
                                                            .asText());
                                }
                            });
            assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean())
                    .as("runAsNonRoot")
                    .isTrue();
        }
    }

    @Test
    void requiredConfigMapsAndSecretsAndTheServiceAccountExist() {
        Set<String> configMaps = names("ConfigMap");
        Set<String> secrets = names("Secret");
        for (JsonNode pod : podSpecs()) {
            for (JsonNode c : pod.path("containers")) {
                for (JsonNode from : c.path("envFrom")) {
                    if (from.has("configMapRef")
                            && !from.at("/configMapRef/optional").asBoolean()) {
                        assertThat(configMaps).contains(from.at("/configMapRef/name").asText());
                    }
                    if (from.has("secretRef") && !from.at("/secretRef/optional").asBoolean()) {
                        assertThat(secrets).contains(from.at("/secretRef/name").asText());
                    }
                }
            }
        }
        JsonNode flink = only(rendered(), "FlinkDeployment");
        assertThat(names("ServiceAccount")).contains(flink.at("/spec/serviceAccount").asText());
        JsonNode binding = only(rendered(), "RoleBinding");
        assertThat(binding.at("/subjects/0/namespace").asText()).isEqualTo("gh-anomaly");
        assertThat(names("Role")).contains(binding.at("/roleRef/name").asText());
    }

    @Test
    void everyServiceSelectsTheDeploymentItNamesAndItsPort() {
        for (JsonNode service : kinds("Service")) {
            JsonNode selector = service.at("/spec/selector");
            List<JsonNode> selected =
                    kinds("Deployment").stream()
                            .filter(d -> contains(d.at("/spec/template/metadata/labels"), selector))
                            .toList();
            assertThat(selected)
                    .as("Deployments selected by Service %s", service.at("/metadata/name"))
                    .hasSize(1);
            Set<String> ports = new HashSet<>();
            selected.get(0)
                    .at("/spec/template/spec/containers/0/ports")
                    .forEach(p -> ports.add(p.path("name").asText()));
            service.at("/spec/ports")
                    .forEach(p -> assertThat(ports).contains(p.path("targetPort").asText()));
        }
    }

    @Test
    void deploymentsSelectTheirOwnPods() {
        for (JsonNode d : kinds("Deployment")) {
            assertThat(
                            contains(
                                    d.at("/spec/template/metadata/labels"),
                                    d.at("/spec/selector/matchLabels")))
                    .as("%s selects its pods", d.at("/metadata/name"))
                    .isTrue();
        }
    }

    private static boolean contains(JsonNode labels, JsonNode selector) {
        for (var it = selector.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!labels.path(e.getKey()).asText().equals(e.getValue().asText())) {
                return false;
            }
        }
        return selector.size() > 0;
    }

    private static Set<String> referencedSecrets(JsonNode flinkDeployment) {
        Set<String> s = new HashSet<>();
        flinkDeployment
                .at("/spec/podTemplate/spec/containers")
                .forEach(
                        c ->
                                c.path("envFrom")
                                        .forEach(f -> s.add(f.at("/secretRef/name").asText())));
        return s;
    }

    private static List<JsonNode> kinds(String kind) {
        return rendered().stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
    }

    private static Set<String> names(String kind) {
        Set<String> s = new HashSet<>();
        kinds(kind).forEach(o -> s.add(o.at("/metadata/name").asText()));
        return s;
    }

    /** The pod specs of every Deployment, CronJob and the FlinkDeployment's pod template. */
    private static List<JsonNode> podSpecs() {
        List<JsonNode> pods = new ArrayList<>();
        kinds("Deployment").forEach(d -> pods.add(d.at("/spec/template/spec")));
        kinds("CronJob").forEach(c -> pods.add(c.at("/spec/jobTemplate/spec/template/spec")));
        kinds("FlinkDeployment").forEach(f -> pods.add(f.at("/spec/podTemplate/spec")));
        return pods;
    }
}
