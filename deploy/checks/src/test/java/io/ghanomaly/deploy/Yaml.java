package io.ghanomaly.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * YAML as Jackson trees, through SnakeYAML: it resolves anchors, aliases and merge keys ({@code
 * <<}), which the compose file uses and Jackson's YAML reader does not.
 */
final class Yaml {
    static final ObjectMapper JSON = new ObjectMapper();

    private Yaml() {}

    /** Every document of a multi-document stream; empty documents are left out. */
    static List<JsonNode> documents(String text) {
        org.yaml.snakeyaml.Yaml yaml = new org.yaml.snakeyaml.Yaml(new SafeConstructor(options()));
        List<JsonNode> docs = new ArrayList<>();
        for (Object doc : yaml.loadAll(text)) {
            if (doc != null) {
                docs.add(JSON.valueToTree(doc));
            }
        }
        return docs;
    }

    static JsonNode document(String text) {
        List<JsonNode> docs = documents(text);
        if (docs.size() != 1) {
            throw new IllegalArgumentException("expected one YAML document, found " + docs.size());
        }
        return docs.get(0);
    }

    private static LoaderOptions options() {
        LoaderOptions o = new LoaderOptions();
        o.setAllowDuplicateKeys(false); // a key given twice is a mistake, not an override
        return o;
    }
}
