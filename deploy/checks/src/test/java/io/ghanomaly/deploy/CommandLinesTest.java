package io.ghanomaly.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every flag that compose, Kubernetes and Terraform pass to the job, the API and the trainer is one
 * that program defines (JobConfig's and TrainerConfig's usage, ScoringApi's picocli options).
 */
class CommandLinesTest {
    private static final Pattern FLAG = Pattern.compile("(?<![\\w-])--[a-z][a-z-]*");

    private static Set<String> flagsIn(String text) {
        Set<String> flags = new TreeSet<>();
        Matcher m = FLAG.matcher(text);
        while (m.find()) {
            flags.add(m.group());
        }
        return flags;
    }

    static Set<String> jobFlags() {
        return flagsIn(Repo.read("flink-job/src/main/java/io/ghanomaly/job/JobConfig.java"));
    }

    static Set<String> apiFlags() {
        Set<String> flags = new TreeSet<>();
        Matcher m =
                Pattern.compile("names = \"(--[a-z-]+)\"")
                        .matcher(
                                Repo.read(
                                        "scoring-api/src/main/java/io/ghanomaly/api/ScoringApi.java"));
        while (m.find()) {
            flags.add(m.group(1));
        }
        return flags;
    }

    static Set<String> trainerFlags() {
        return flagsIn(
                Repo.read("model-trainer/src/main/java/io/ghanomaly/trainer/TrainerConfig.java"));
    }

    private static List<String> strings(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(a -> list.add(a.asText()));
        return list;
    }

    /** The flags of {@code args} that {@code known} lacks. */
    static Set<String> unknown(List<String> args, Set<String> known) {
        Set<String> flags = new TreeSet<>();
        args.forEach(a -> flags.addAll(flagsIn(a)));
        flags.removeAll(known);
        return flags;
    }

    @Test
    void theSourcesDefineTheFlags() {
        assertThat(jobFlags())
                .contains(
                        "--input",
                        "--output",
                        "--models",
                        "--follow",
                        "--checkpoint-dir",
                        "--dashboard-url");
        assertThat(apiFlags()).contains("--host", "--port", "--output", "--models");
        assertThat(trainerFlags()).contains("--features", "--raw", "--models", "--every");
    }

    @Test
    void composePassesOnlyFlagsTheProgramsDefine() {
        List<String> jm = strings(Compose.service("jobmanager").path("command"));
        assertThat(jm.subList(0, 3))
                .containsExactly(
                        "standalone-job", "--job-classname", "io.ghanomaly.job.GhAnomalyJob");
        assertThat(unknown(jm.subList(3, jm.size()), jobFlags())).isEmpty();
        assertThat(unknown(strings(Compose.service("scoring-api").path("command")), apiFlags()))
                .isEmpty();
        String trainer = Compose.service("trainer").path("command").get(0).asText();
        for (String run : trainer.split("io\\.ghanomaly\\.trainer\\.ModelTrainer", -1)) {
            String args = run.split("[;|]", -1)[0];
            assertThat(unknown(List.of(args), trainerFlags())).as(args).isEmpty();
        }
    }

    @Test
    void kubernetesAndTerraformPassOnlyFlagsTheProgramsDefine() {
        JsonNode job = Yaml.document(Repo.read("deploy/k8s/flink-deployment.yaml")).at("/spec/job");
        assertThat(unknown(strings(job.path("args")), jobFlags())).isEmpty();
        assertThat(unknown(strings(Terraform.flinkDeployment().at("/spec/job/args")), jobFlags()))
                .isEmpty();
        List<JsonNode> api = Yaml.documents(Repo.read("deploy/k8s/scoring-api.yaml"));
        assertThat(
                        unknown(
                                strings(api.get(0).at("/spec/template/spec/containers/0/args")),
                                apiFlags()))
                .isEmpty();
        JsonNode cron = Yaml.document(Repo.read("deploy/k8s/trainer-cronjob.yaml"));
        assertThat(
                        unknown(
                                strings(
                                        cron.at(
                                                "/spec/jobTemplate/spec/template/spec/containers/0/args")),
                                trainerFlags()))
                .isEmpty();
        assertThat(unknown(List.of(Repo.read("terraform/modules/gh-anomaly/api.tf")), apiFlags()))
                .isEmpty();
        assertThat(
                        unknown(
                                List.of(Repo.read("terraform/modules/gh-anomaly/trainer.tf")),
                                trainerFlags()))
                .isEmpty();
    }

    @Test
    void theJobsJarAndMainClassAreWhereTheImagePutsThem() {
        JsonNode job = Yaml.document(Repo.read("deploy/k8s/flink-deployment.yaml")).at("/spec/job");
        String jar = job.path("jarURI").asText();
        assertThat(jar).startsWith("local://");
        assertThat(Repo.read("deploy/docker/job.Dockerfile"))
                .contains(" " + jar.substring("local://".length()) + "\n");
        String entry = job.path("entryClass").asText();
        assertThat(Repo.path("flink-job/src/main/java/" + entry.replace('.', '/') + ".java"))
                .exists();
    }

    @Test
    void aFlagNoProgramDefinesIsCaught() {
        Set<String> unknown =
                unknown(
                        List.of("--input", "x", "--checkpoint-directory", "y", "--folow"),
                        jobFlags());
        unknown.forEach(u -> System.out.println("caught as intended: unknown job flag " + u));
        assertThat(unknown).containsExactly("--checkpoint-directory", "--folow");
    }
}
