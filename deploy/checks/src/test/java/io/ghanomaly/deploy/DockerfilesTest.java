package io.ghanomaly.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/docker's Dockerfiles pass dockerfile-utils (the linter of VS Code's Docker support, from
 * npm) and the project's rules ({@link Dockerfiles}); no Docker engine is needed.
 */
class DockerfilesTest {
    private static final List<Path> DOCKERFILES =
            Repo.files(Repo.path("deploy/docker"), ".Dockerfile");

    static List<String> lint(List<Path> files) {
        List<String> findings = new ArrayList<>();
        for (JsonNode f : NodeTools.lint("dockerfile", files)) {
            findings.add(
                    Path.of(f.path("file").asText()).getFileName()
                            + ":"
                            + f.path("line").asInt()
                            + ": "
                            + f.path("message").asText());
        }
        return findings;
    }

    @Test
    void thereIsOneDockerfilePerImage() {
        assertThat(DOCKERFILES.stream().map(p -> p.getFileName().toString()))
                .containsExactly("job.Dockerfile", "scoring-api.Dockerfile", "trainer.Dockerfile");
    }

    @Test
    void theLinterFindsNothing() {
        assertThat(lint(DOCKERFILES)).isEmpty();
    }

    @Test
    void everyDockerfileFollowsTheProjectsRules() {
        for (Path d : DOCKERFILES) {
            assertThat(Dockerfiles.problems(d, Repo.ROOT)).as(d.getFileName().toString()).isEmpty();
        }
    }

    @Test
    void theDockerignoreLetsInOnlyWhatTheImageCopies() {
        List<String> ignore =
                Dockerfiles.ignoreFile(Repo.path("deploy/docker/scoring-api.Dockerfile"));
        assertThat(Dockerfiles.admitted(ignore, "scoring-api/target/lib/duckdb_jdbc-1.4.4.0.jar"))
                .isTrue();
        assertThat(
                        Dockerfiles.admitted(
                                ignore,
                                "scoring-api/target/classes/io/ghanomaly/api/ScoringApi.class"))
                .isTrue();
        assertThat(
                        Dockerfiles.admitted(
                                ignore,
                                "scoring-api/src/main/java/io/ghanomaly/api/ScoringApi.java"))
                .isFalse();
        assertThat(Dockerfiles.admitted(ignore, "work/hours/2025-01-01-0.json.gz")).isFalse();
        assertThat(Dockerfiles.admitted(ignore, ".git/config")).isFalse();
    }

    @Test
    void aBrokenDockerfileIsCaught(@TempDir Path tmp) {
        Path bad = tmp.resolve("bad.Dockerfile");
        Repo.write(
                bad,
                """
                FROM eclipse-temurin:latest
                COPY scoring-api/target/libs/ /opt/gh-anomaly/lib/
                HEALTHCHECK --intervall=30s CMD curl -f http://127.0.0.1:8080/health || exit 1
                ENTRYPOINT ["java", "io.ghanomaly.api.ScoringAPI"]
                """);
        Repo.write(tmp.resolve("bad.Dockerfile.dockerignore"), "*\n!scoring-api/target/lib\n");
        List<String> problems = new ArrayList<>(lint(List.of(bad)));
        problems.addAll(Dockerfiles.problems(bad, Repo.ROOT));
        problems.forEach(p -> System.out.println("caught as intended: " + p));
        assertThat(problems)
                .anyMatch(p -> p.contains("Unknown flag: intervall"))
                .anyMatch(p -> p.contains("eclipse-temurin:latest is not pinned"))
                .anyMatch(p -> p.contains("runs as root"))
                .anyMatch(p -> p.contains("libs/ is left out of the context"))
                .anyMatch(p -> p.contains("libs/ is not something scoring-api's build makes"))
                .anyMatch(p -> p.contains("ScoringAPI is in no module"));
    }
}
