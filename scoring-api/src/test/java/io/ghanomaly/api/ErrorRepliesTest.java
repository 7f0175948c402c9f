package io.ghanomaly.api;

import static io.ghanomaly.api.testing.ApiTesting.answer;
import static io.ghanomaly.api.testing.ApiTesting.folders;
import static io.ghanomaly.api.testing.ApiTesting.get;
import static io.ghanomaly.api.testing.ApiTesting.post;
import static io.ghanomaly.api.testing.ApiTesting.postJson;
import static io.ghanomaly.api.testing.ApiTesting.serve;
import static org.assertj.core.api.Assertions.assertThat;

import io.ghanomaly.api.testing.ApiTesting.Answer;
import io.ghanomaly.core.feature.FeatureSet;
import io.ghanomaly.core.testing.TestBundles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every client mistake is a 4xx in the API's one error shape, never a 5xx. */
class ErrorRepliesTest {
    @TempDir Path dir;

    @Test
    void deepNestingAndInvalidUtf8Are400() throws Exception {
        serve(
                folders(dir, TestBundles.bundle("v1", FeatureSet.ALL)),
                (client, state) -> {
                    Answer deep = postJson(client, "/score", "[".repeat(100_000));
                    assertThat(deep.status()).isEqualTo(400);
                    assertThat(deep.error()).contains("not valid JSON");
                    Answer utf8 =
                            answer(
                                    post(
                                            client,
                                            "/score",
                                            new byte[] {
                                                '{', '"', (byte) 0xC3, '"', ':', '1', '}'
                                            }));
                    assertThat(utf8.status()).isEqualTo(400);
                    Answer utf32 =
                            answer(
                                    post(
                                            client,
                                            "/score",
                                            new byte[] {0, 0, 0, '{', 0, 0, 0, (byte) 0xFF}));
                    assertThat(utf32.status()).isEqualTo(400);
                });
    }

    @Test
    void aBodyOverTheLimitIs413WithOrWithoutAContentLength() throws Exception {
        serve(
                folders(dir, TestBundles.bundle("v1", FeatureSet.ALL)).withBodyLimit(1000),
                (client, state) -> {
                    String big = "[" + "{\"event_count\":1},".repeat(100) + "{}]";
                    Answer declared = postJson(client, "/score", big);
                    assertThat(declared.status()).isEqualTo(413);
                    assertThat(declared.json().get("status").asInt()).isEqualTo(413);
                    assertThat(declared.error()).contains("1000 bytes");

                    RequestBody chunked =
                            new RequestBody() {
                                @Override
                                public MediaType contentType() {
                                    return MediaType.get("application/json");
                                }

                                @Override
                                public long contentLength() {
                                    return -1; // sent chunked
                                }

                                @Override
                                public void writeTo(BufferedSink sink) throws java.io.IOException {
                                    sink.write(big.getBytes(StandardCharsets.UTF_8));
                                }
                            };
                    Answer streamed = answer(client.request("/score", b -> b.post(chunked)));
                    assertThat(streamed.status()).isEqualTo(413);
                    assertThat(postJson(client, "/score", "{\"event_count\":1}").status())
                            .isEqualTo(200);
                });
    }

    @Test
    void unknownPathsAre404AndWrongMethods405AsJson() throws Exception {
        serve(
                folders(dir),
                (client, state) -> {
                    Answer nowhere = get(client, "/nowhere");
                    assertThat(nowhere.status()).isEqualTo(404);
                    assertThat(nowhere.json().get("status").asInt()).isEqualTo(404);
                    assertThat(nowhere.error()).contains("/nowhere");
                    Answer method = get(client, "/predict");
                    assertThat(method.status()).isEqualTo(405);
                    assertThat(method.json().get("status").asInt()).isEqualTo(405);
                    Answer put = answer(client.put("/hours", "{}"));
                    assertThat(put.status()).isEqualTo(405);
                });
    }
}
