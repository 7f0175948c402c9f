package io.ghanomaly.api.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads request bodies: at most the body limit (413 beyond it, chunked or not), strictly parsed
 * JSON (no NaN or Infinity, no duplicate keys, nothing after the document), and says what is wrong
 * when it is not.
 */
public final class JsonBodies {
    /** The API's one JSON mapper, for bodies and answers. */
    public static final ObjectMapper MAPPER =
            JsonMapper.builder()
                    .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .build();

    private JsonBodies() {}

    /** The body as a JSON tree; a 400 or 413 ApiError when it is not one within the limit. */
    public static JsonNode tree(Context ctx, long limit) {
        byte[] body = bytes(ctx, limit);
        if (body.length == 0) {
            throw ApiError.badRequest("the body is empty; send a JSON document");
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw ApiError.badRequest("the body holds no JSON document");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) { // invalid UTF-8/UTF-32 byte sequences
            throw ApiError.badRequest("the body is not valid JSON: " + e.getMessage());
        }
    }

    /**
     * Answers with {@code value} as JSON, written straight to the response: Javalin's {@code
     * ctx.json} makes a String, then bytes, then copies them through a fresh buffer, and that
     * garbage was most of {@code /predict}'s allocation (and of its GC pauses). The value is
     * serialized before the first byte is written, so a failure is still a clean error reply.
     */
    public static void send(Context ctx, Object value) {
        byte[] json;
        try {
            json = MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an answer could not be written as JSON", e);
        }
        ctx.contentType(ContentType.APPLICATION_JSON);
        try {
            ctx.outputStream().write(json);
        } catch (IOException e) {
            throw new UncheckedIOException("the client went away while being answered", e);
        }
    }

    /** At most {@code limit} bytes of the body. */
    static byte[] bytes(Context ctx, long limit) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > limit) {
            throw tooLarge(limit);
        }
        try (InputStream in = ctx.req().getInputStream()) {
            if (declared >= 0) { // the usual case: exactly that many bytes, one array
                byte[] body = in.readNBytes((int) declared);
                if (body.length < declared) {
                    throw ApiError.badRequest(
                            "the body ended after "
                                    + body.length
                                    + " of its "
                                    + declared
                                    + " declared bytes");
                }
                return body;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            long total = 0;
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                total += n;
                if (total > limit) {
                    throw tooLarge(limit);
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw ApiError.badRequest("the body could not be read: " + e.getMessage());
        }
    }

    private static ApiError tooLarge(long limit) {
        return new ApiError(
                413, "the body is larger than " + limit + " bytes; send fewer rows per request");
    }
}
