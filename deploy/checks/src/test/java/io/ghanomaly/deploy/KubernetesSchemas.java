package io.ghanomaly.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Judges a Kubernetes object against the real API: a built-in kind through the Kubernetes Java
 * client's models (generated from Kubernetes 1.33's OpenAPI description, they reject unknown
 * fields, missing required ones and wrong types), a FlinkDeployment against the operator's CRD
 * schema.
 */
final class KubernetesSchemas {
    /** The CRD as the operator-api jar on Maven Central ships it (1.10.0, the newest there). */
    static final String CRD = "META-INF/fabric8/flinkdeployments.flink.apache.org-v1.yml";

    /**
     * The one difference from the 1.13 operator's CRD that our object meets: 1.13 added Flink 2's
     * versions to this enum. (Otherwise 1.13 and 1.15 add job.autoscalerResetNonce, pod-spec fields
     * of newer Kubernetes, and let flinkConfiguration hold any YAML, where 1.10 wants strings.)
     */
    static final List<String> FLINK_2_VERSIONS = List.of("v2_0", "v2_1", "v2_2");

    private static JsonSchema flinkDeployment;

    private KubernetesSchemas() {}

    /**
     * The CRD's complaints about a FlinkDeployment written in Terraform (as hcl2json reads it):
     * unknown and missing fields count, a type does not where the value is an expression such as
     * {@code ${var.parallelism}}, which only Terraform can evaluate.
     */
    static List<String> flinkDeploymentProblemsInTerraform(JsonNode manifest) {
        List<String> problems = new ArrayList<>();
        for (ValidationMessage m : flinkDeploymentSchema().validate(manifest)) {
            JsonNode value = m.getInstanceNode();
            boolean expression =
                    value != null && value.isTextual() && value.asText().startsWith("${");
            if (!(expression && m.getType().equals("type"))) {
                problems.add(m.getMessage());
            }
        }
        return problems;
    }

    /** What is wrong with {@code object}; empty when the API would take it. */
    static List<String> problems(JsonNode object) {
        String kind = object.path("kind").asText();
        String apiVersion = object.path("apiVersion").asText();
        if (kind.equals("FlinkDeployment") && apiVersion.equals("flink.apache.org/v1beta1")) {
            List<String> problems = new ArrayList<>();
            for (ValidationMessage m : flinkDeploymentSchema().validate(object)) {
                problems.add(m.getMessage());
            }
            ObjectNode pod = object.path("spec").path("podTemplate").deepCopy();
            pod.put("apiVersion", "v1").put("kind", "Pod");
            problems.addAll(builtIn("v1", "Pod", pod));
            problems.addAll(
                    model(
                            "io.kubernetes.client.openapi.models.V1ObjectMeta",
                            object.path("metadata")));
            return problems;
        }
        return builtIn(apiVersion, kind, object);
    }

    /** The client's model class of a built-in kind: apps/v1 Deployment is V1Deployment. */
    static Class<?> modelClass(String apiVersion, String kind) throws ClassNotFoundException {
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        return Class.forName(
                "io.kubernetes.client.openapi.models."
                        + version.substring(0, 1).toUpperCase(Locale.ROOT)
                        + version.substring(1)
                        + kind);
    }

    private static List<String> builtIn(String apiVersion, String kind, JsonNode object) {
        Class<?> model;
        try {
            model = modelClass(apiVersion, kind);
        } catch (ClassNotFoundException e) {
            return List.of(apiVersion + " " + kind + " is not a kind of Kubernetes 1.33's API");
        }
        return model(model.getName(), object).stream()
                .map(p -> apiVersion + " " + kind + ": " + p)
                .toList();
    }

    /** Parses {@code object} into the client's model class, which checks it on the way. */
    private static List<String> model(String className, JsonNode object) {
        try {
            Method fromJson = Class.forName(className).getMethod("fromJson", String.class);
            fromJson.invoke(null, object.toString());
            return List.of();
        } catch (InvocationTargetException e) {
            String message = String.valueOf(e.getCause().getMessage());
            int json = message.indexOf(" JSON: "); // the client appends the whole object
            return List.of(json < 0 ? message : message.substring(0, json));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static synchronized JsonSchema flinkDeploymentSchema() {
        if (flinkDeployment == null) {
            JsonNode crd;
            try (InputStream in =
                    KubernetesSchemas.class.getClassLoader().getResourceAsStream(CRD)) {
                if (in == null) {
                    throw new IllegalStateException(CRD + " is not on the test class path");
                }
                crd = Yaml.document(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            JsonNode schema = null;
            for (JsonNode v : crd.path("spec").path("versions")) {
                if (v.path("name").asText().equals("v1beta1")) {
                    schema = v.path("schema").path("openAPIV3Schema").deepCopy();
                }
            }
            if (schema == null) {
                throw new IllegalStateException("no v1beta1 in " + CRD);
            }
            ArrayNode versions =
                    (ArrayNode)
                            schema.path("properties")
                                    .path("spec")
                                    .path("properties")
                                    .path("flinkVersion")
                                    .path("enum");
            FLINK_2_VERSIONS.forEach(versions::add);
            // The API server adds these to every CRD's schema; metadata is checked as ObjectMeta.
            ObjectNode root = (ObjectNode) schema.path("properties");
            root.putObject("apiVersion").put("type", "string");
            root.putObject("kind").put("type", "string");
            root.putObject("metadata").put("type", "object");
            strict(schema);
            flinkDeployment =
                    JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schema);
        }
        return flinkDeployment;
    }

    /**
     * Turns an OpenAPI v3 structural schema into a JSON schema that rejects unknown fields, as the
     * API server's strict field validation does: every object with properties and no
     * x-kubernetes-preserve-unknown-fields gets additionalProperties false.
     */
    static void strict(JsonNode node) {
        if (!(node instanceof ObjectNode o)) {
            return;
        }
        if (o.path("x-kubernetes-int-or-string").asBoolean()) {
            o.putArray("type").add("integer").add("string");
        }
        if (o.path("nullable").asBoolean() && o.path("type").isTextual()) {
            o.putArray("type").add(o.get("type").asText()).add("null");
        }
        if (o.has("properties")
                && !o.has("additionalProperties")
                && !o.path("x-kubernetes-preserve-unknown-fields").asBoolean()) {
            o.put("additionalProperties", false);
        }
        List<String> notJsonSchema = new ArrayList<>(List.of("format", "nullable"));
        o.fieldNames()
                .forEachRemaining(
                        n -> {
                            if (n.startsWith("x-kubernetes-")) {
                                notJsonSchema.add(n);
                            }
                        });
        o.remove(notJsonSchema);
        for (Iterator<JsonNode> it = o.path("properties").elements(); it.hasNext(); ) {
            strict(it.next());
        }
        strict(o.get("items"));
        strict(o.get("additionalProperties"));
        for (String each : List.of("allOf", "anyOf", "oneOf")) {
            o.path(each).forEach(KubernetesSchemas::strict);
        }
    }
}
