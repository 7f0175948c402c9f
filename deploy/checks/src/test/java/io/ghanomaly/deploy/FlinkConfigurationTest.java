package io.ghanomaly.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.junit.jupiter.api.Test;

/**
 * The Flink settings of the three deployments (compose, Kubernetes, Terraform) are Flink 2.2
 * options with valid values, agree with the job's own flags and with each other, and name the Flink
 * release the job is built against.
 */
class FlinkConfigurationTest {
    private static final String FLINK = EnvironmentInformation.getVersion();

    private static JsonNode kubernetes() {
        return Yaml.document(Repo.read("deploy/k8s/flink-deployment.yaml"));
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> m = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
        return m;
    }

    /** The value after {@code flag} in a job's argument list. */
    private static String flag(JsonNode args, String flag) {
        List<String> list = new ArrayList<>();
        args.forEach(a -> list.add(a.asText()));
        int at = list.indexOf(flag);
        assertThat(at).as("%s in %s", flag, list).isNotNegative();
        return list.get(at + 1);
    }

    @Test
    void everySettingIsAFlinkOptionWithAValidValue() {
        assertThat(FLINK).isEqualTo("2.2.0");
        assertThat(FlinkOptions.problems(strings(kubernetes().at("/spec/flinkConfiguration"))))
                .isEmpty();
        assertThat(FlinkOptions.problems(Compose.flinkProperties(Compose.service("jobmanager"))))
                .isEmpty();
        assertThat(
                        FlinkOptions.problems(
                                strings(
                                        Terraform.flinkDeployment()
                                                .at("/spec/flinkConfiguration"))))
                .isEmpty();
    }

    @Test
    void misspeltDeprecatedAndInvalidSettingsAreCaught() {
        Map<String, String> broken = new LinkedHashMap<>();
        broken.put("state.backend.typ", "rocksdb");
        broken.put("state.backend.incremental", "true");
        broken.put("restart-strategy.exponential-delay.max-backoff", "five minutes");
        broken.put("metrics.reporters", "prom");
        broken.put("metrics.reporter.prom.prot", "9249");
        List<String> problems = FlinkOptions.problems(broken);
        problems.forEach(p -> System.out.println("caught as intended: " + p));
        assertThat(problems)
                .anyMatch(p -> p.startsWith("state.backend.typ is not"))
                .anyMatch(p -> p.contains("use execution.checkpointing.incremental"))
                .anyMatch(p -> p.startsWith("restart-strategy.exponential-delay.max-backoff:"))
                .anyMatch(p -> p.startsWith("metrics.reporter.prom.prot"));
    }

    @Test
    void theJobCheckpointsWhereTheClusterIsToldTo() {
        // The job sets its checkpoint storage from --checkpoint-dir, over the cluster's setting.
        JsonNode k8s = kubernetes();
        assertThat(flag(k8s.at("/spec/job/args"), "--checkpoint-dir"))
                .isEqualTo(k8s.at("/spec/flinkConfiguration/execution.checkpointing.dir").asText());
        JsonNode jm = Compose.service("jobmanager");
        assertThat(flag(jm.path("command"), "--checkpoint-dir"))
                .isEqualTo(Compose.flinkProperties(jm).get("execution.checkpointing.dir"));
        JsonNode tf = Terraform.flinkDeployment();
        assertThat(flag(tf.at("/spec/job/args"), "--checkpoint-dir"))
                .isEqualTo(tf.at("/spec/flinkConfiguration/execution.checkpointing.dir").asText());
    }

    @Test
    void theTaskManagersReadTheSameSettingsAsTheJobManager() {
        assertThat(Compose.flinkProperties(Compose.service("taskmanager")))
                .isEqualTo(Compose.flinkProperties(Compose.service("jobmanager")));
    }

    @Test
    void kubernetesAndTerraformDeployTheSameJob() {
        JsonNode k8s = kubernetes();
        JsonNode tf = Terraform.flinkDeployment();
        assertThat(strings(tf.at("/spec/flinkConfiguration")).keySet())
                .isEqualTo(strings(k8s.at("/spec/flinkConfiguration")).keySet());
        List<String> k8sFlags = new ArrayList<>();
        k8s.at("/spec/job/args")
                .forEach(
                        a -> {
                            if (a.asText().startsWith("--")) k8sFlags.add(a.asText());
                        });
        List<String> tfFlags = new ArrayList<>();
        tf.at("/spec/job/args")
                .forEach(
                        a -> {
                            if (a.asText().startsWith("--")) tfFlags.add(a.asText());
                        });
        assertThat(tfFlags).isEqualTo(k8sFlags);
        for (String field :
                List.of(
                        "/spec/flinkVersion",
                        "/spec/job/jarURI",
                        "/spec/job/entryClass",
                        "/spec/job/upgradeMode")) {
            assertThat(tf.at(field).asText()).as(field).isEqualTo(k8s.at(field).asText());
        }
    }

    @Test
    void theTerraformFlinkDeploymentMatchesTheOperatorsCrd() {
        assertThat(
                        KubernetesSchemas.flinkDeploymentProblemsInTerraform(
                                Terraform.flinkDeployment()))
                .isEmpty();
    }

    @Test
    void everyPlaceNamesTheFlinkReleaseTheJobIsBuiltAgainst() {
        String minor = FLINK.substring(0, FLINK.lastIndexOf('.'));
        assertThat(Repo.read("deploy/docker/job.Dockerfile"))
                .contains("FROM flink:" + FLINK + "-java17\n");
        String plugin = "flink-s3-fs-hadoop-" + FLINK + ".jar";
        assertThat(Repo.read("deploy/k8s/flink-deployment.yaml")).contains(plugin);
        assertThat(Repo.read("terraform/modules/gh-anomaly/flink.tf")).contains(plugin);
        String version = "v" + minor.replace('.', '_');
        assertThat(kubernetes().at("/spec/flinkVersion").asText()).isEqualTo(version);
        assertThat(Terraform.flinkDeployment().at("/spec/flinkVersion").asText())
                .isEqualTo(version);
        assertThat(Repo.read("pom.xml")).contains("<flink.version>" + FLINK + "</flink.version>");
    }
}
