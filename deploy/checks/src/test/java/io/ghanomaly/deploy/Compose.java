package io.ghanomaly.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The compose file, read as Compose reads it (anchors and merge keys resolved). */
final class Compose {
    static final Path FILE = Repo.path("deploy/compose/compose.yaml");

    private Compose() {}

    static JsonNode read(Path file) {
        return Yaml.document(Repo.read(file));
    }

    static JsonNode read() {
        return read(FILE);
    }

    static JsonNode service(String name) {
        return read().path("services").path(name);
    }

    /** The Flink settings of a service: its FLINK_PROPERTIES, one {@code key: value} a line. */
    static Map<String, String> flinkProperties(JsonNode service) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String line : service.at("/environment/FLINK_PROPERTIES").asText().split("\n", -1)) {
            if (!line.isBlank()) {
                int colon = line.indexOf(':');
                settings.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        return settings;
    }
}
