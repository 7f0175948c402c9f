package io.ghanomaly.generator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * What the generator tests need of one line of an hour file, read with jackson-core's streaming
 * parser: the top-level field names in order and the scalar fields one level down.
 */
record ArchiveLine(
        List<String> fields,
        String id,
        String type,
        long actorId,
        String login,
        String displayLogin,
        String repo,
        Instant createdAt,
        String action,
        String refType) {

    private static final JsonFactory JSON = new JsonFactory();

    static List<ArchiveLine> readGzipped(byte[] gzipped) throws IOException {
        List<ArchiveLine> lines = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped));
                BufferedReader reader =
                        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(parse(line));
            }
        }
        return lines;
    }

    /** Parses one line, failing the test unless it is exactly one JSON object. */
    static ArchiveLine parse(String line) throws IOException {
        List<String> fields = new ArrayList<>();
        Map<String, String> values = new HashMap<>();
        try (JsonParser parser = JSON.createParser(line)) {
            assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                fields.add(field);
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    values.put(field, parser.getValueAsString());
                    continue;
                }
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String inner = field + "." + parser.currentName();
                    if (parser.nextToken().isScalarValue()) {
                        values.put(inner, parser.getValueAsString());
                    } else {
                        parser.skipChildren();
                    }
                }
            }
            assertThat(parser.nextToken()).as("anything after the object").isNull();
        }
        assertThat(values)
                .containsKeys("id", "type", "actor.id", "actor.login", "repo.name", "created_at");
        return new ArchiveLine(
                fields,
                values.get("id"),
                values.get("type"),
                Long.parseLong(values.get("actor.id")),
                values.get("actor.login"),
                values.get("actor.display_login"),
                values.get("repo.name"),
                Instant.parse(values.get("created_at")),
                values.get("payload.action"),
                values.get("payload.ref_type"));
    }

    boolean isByBot() {
        return login.endsWith("[bot]") || login.equals("Copilot");
    }
}
