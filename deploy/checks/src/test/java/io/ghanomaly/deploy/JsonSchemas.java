package io.ghanomaly.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.List;

/** Validation against a JSON schema (networknt json-schema-validator, Apache-2.0). */
final class JsonSchemas {
    private JsonSchemas() {}

    /**
     * The messages of validating {@code instance}; formats are annotations only (the Compose
     * schema's "duration" means Go's 10s, not ISO 8601's PT10S).
     */
    static List<String> problems(
            JsonNode schemaNode, SpecVersion.VersionFlag version, JsonNode instance) {
        SchemaValidatorsConfig config =
                SchemaValidatorsConfig.builder().formatAssertionsEnabled(false).build();
        JsonSchema schema = JsonSchemaFactory.getInstance(version).getSchema(schemaNode, config);
        return schema.validate(instance).stream()
                .map(ValidationMessage::getMessage)
                .sorted()
                .toList();
    }

    /**
     * Drops draft-4 style {@code id} annotations (string values; a property named id is an object).
     */
    static JsonNode withoutDraft4Ids(JsonNode node) {
        if (node instanceof ObjectNode o) {
            if (o.path("id").isTextual()) {
                o.remove("id");
            }
            o.elements().forEachRemaining(JsonSchemas::withoutDraft4Ids);
        } else if (node != null && node.isArray()) {
            node.forEach(JsonSchemas::withoutDraft4Ids);
        }
        return node;
    }
}
