package io.ghanomaly.deploy;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Renders a kustomization with a real kustomize: {@code kubectl kustomize}, from Debian's
 * kubernetes-client (kubectl 1.20, kustomize v2) or any newer kubectl ($KUBECTL or the PATH).
 */
final class Kustomize {
    private Kustomize() {}

    static List<JsonNode> render(Path dir) {
        Path kubectl =
                Tools.require(
                        "kubectl",
                        "KUBECTL",
                        "install Debian's kubernetes-client (kubectl with kustomize built in)");
        Tools.Result r =
                Tools.run(
                        Repo.TARGET,
                        Duration.ofMinutes(1),
                        kubectl.toString(),
                        "kustomize",
                        dir.toString());
        if (r.exitCode() != 0) {
            fail("kubectl kustomize " + dir + " failed: " + r.both());
        }
        return Yaml.documents(r.stdout());
    }
}
