package io.ghanomaly.api;

import static io.ghanomaly.api.testing.ApiTesting.folders;
import static io.ghanomaly.api.testing.ApiTesting.postJson;
import static io.ghanomaly.api.testing.ApiTesting.serve;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghanomaly.api.testing.ApiTesting.Answer;
import io.ghanomaly.core.feature.Feature;
import io.ghanomaly.core.feature.FeatureSet;
import io.ghanomaly.core.model.ModelBundle;
import io.ghanomaly.core.testing.TestBundles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SuppressWarnings("EnumOrdinal") // a full vector is in Feature order: that order is the contract
class ScoringEndpointsTest {
    @TempDir Path dir;

    @Test
    void predictTakesTheReferenceProjectsFiveFeaturesInOrder() throws Exception {
        ModelBundle bundle = TestBundles.bundle("20250108T060000Z-ref", FeatureSet.REFERENCE);
        serve(
                folders(dir, bundle),
                (client, state) -> {
                    Answer a = postJson(client, "/predict", "{\"features\":[12,0,1,0,4]}");
                    assertThat(a.status()).isEqualTo(200);
                    double[] full = new double[Feature.count()];
                    full[Feature.EVENT_COUNT.ordinal()] = 12;
                    full[Feature.ISSUE_OPEN_COUNT.ordinal()] = 1;
                    full[Feature.REPO_DIVERSITY.ordinal()] = 4;
                    ModelBundle.Verdict v = bundle.score(full, 3);
                    double threshold = bundle.segmentFor(false).threshold();
                    JsonNode j = a.json();
                    assertThat(j.get("score").asDouble()).isEqualTo(v.score());
                    assertThat(j.get("anomaly_score").asDouble())
                            .isCloseTo(threshold - v.score(), within(1e-12));
                    assertThat(j.get("is_anomaly").asBoolean()).isEqualTo(v.anomalous());
                    assertThat(j.get("is_anomaly").asBoolean())
                            .isEqualTo(j.get("anomaly_score").asDouble() <= 0);
                    assertThat(j.get("model_version").asText()).isEqualTo(bundle.version());
                    assertThat(j.get("population").asText()).isEqualTo("people");
                    assertThat(j.get("top_features")).hasSize(3);
                    JsonNode first = j.get("top_features").get(0);
                    assertThat(first.get("value").asDouble())
                            .isEqualTo(
                                    full[
                                            FeatureSet.byColumn(first.get("name").asText())
                                                    .ordinal()]);
                });
    }

    @Test
    void predictRefusesAVectorOfTheWrongLengthSayingTheOrder() throws Exception {
        serve(
                folders(dir, TestBundles.bundle("v1", FeatureSet.REFERENCE)),
                (client, state) -> {
                    Answer a = postJson(client, "/predict", "{\"features\":[12,0,1,0]}");
                    assertThat(a.status()).isEqualTo(400);
                    assertThat(a.json().get("status").asInt()).isEqualTo(400);
                    assertThat(a.error())
                            .contains("4 values", "takes 5", "event_count", "repo_diversity");
                });
    }

    @Test
    void predictRefusesNonNumbersNegativesFractionalCountsAndHugeNumbers() throws Exception {
        serve(
                folders(dir, TestBundles.bundle("v1", FeatureSet.REFERENCE)),
                (client, state) -> {
                    String[][] cases = {
                        {
                            "{\"features\":[12,0,\"1\",0,4]}",
                            "features[2] (issue_open_count) must be a number"
                        },
                        {"{\"features\":[12,0,-1,0,4]}", "negative"},
                        {"{\"features\":[12.5,0,1,0,4]}", "whole number"},
                        {"{\"features\":[1e400,0,1,0,4]}", "too large"},
                        {"{\"features\":[NaN,0,1,0,4]}", "not valid JSON"},
                        {"{\"features\":[Infinity,0,1,0,4]}", "not valid JSON"},
                        {"{\"features\":[null,0,1,0,4]}", "must be a number, not null"},
                        {"{\"features\":[12,0,1,0,4],\"extra\":1}", "unknown field 'extra'"},
                        {"{\"features\":[12,0,1,0,4]} {}", "not valid JSON"},
                        {"{\"features\":[12,0,1,0,4],\"features\":[1,1,1,1,1]}", "Duplicate field"},
                        {"[12,0,1,0,4]", "send a JSON object"},
                        {"{\"features\":{}}", "must be an array of 5 numbers"},
                        {"", "empty"},
                        {"{\"features\":[12,0,1,0,", "not valid JSON"},
                    };
                    for (String[] c : cases) {
                        Answer a = postJson(client, "/predict", c[0]);
                        assertThat(a.status()).as(c[0]).isEqualTo(400);
                        assertThat(a.error()).as(c[0]).contains(c[1]);
                    }
                });
    }

    @Test
    void scoreTakesFeaturesByNameWithMissingOnesZero() throws Exception {
        ModelBundle bundle = TestBundles.bundle("v1", FeatureSet.ALL);
        serve(
                folders(dir, bundle),
                (client, state) -> {
                    Answer a = postJson(client, "/score", "{\"event_count\":12,\"push_count\":10}");
                    assertThat(a.status()).isEqualTo(200);
                    double[] full = new double[Feature.count()];
                    full[Feature.EVENT_COUNT.ordinal()] = 12;
                    full[Feature.PUSH_COUNT.ordinal()] = 10;
                    assertThat(a.json().get("score").asDouble())
                            .isEqualTo(bundle.score(full, 3).score());
                    assertThat(a.json().get("population").asText()).isEqualTo("people");

                    Answer bot = postJson(client, "/score", "{\"event_count\":12,\"is_bot\":1}");
                    assertThat(bot.json().get("population").asText()).isEqualTo("bots");
                });
    }

    @Test
    void scoreAnswersAnArrayWithAnArrayInOrder() throws Exception {
        ModelBundle bundle = TestBundles.bundle("v1", FeatureSet.ALL);
        serve(
                folders(dir, bundle),
                (client, state) -> {
                    Answer a =
                            postJson(
                                    client,
                                    "/score",
                                    "[{\"event_count\":1},{\"event_count\":500,\"repos_created\":40},{}]");
                    assertThat(a.status()).isEqualTo(200);
                    assertThat(a.json()).hasSize(3);
                    double[] heavy = new double[Feature.count()];
                    heavy[Feature.EVENT_COUNT.ordinal()] = 500;
                    heavy[Feature.REPOS_CREATED.ordinal()] = 40;
                    assertThat(a.json().get(1).get("score").asDouble())
                            .isEqualTo(bundle.score(heavy, 3).score());
                });
    }

    @Test
    void scoreRefusesUnknownNamesBadValuesAndTooManyObjects() throws Exception {
        serve(
                folders(dir, TestBundles.bundle("v1", FeatureSet.ALL)),
                (client, state) -> {
                    Answer unknown =
                            postJson(client, "/score", "{\"event_count\":1,\"evnt_count\":2}");
                    assertThat(unknown.status()).isEqualTo(400);
                    assertThat(unknown.error())
                            .contains("unknown feature 'evnt_count'", "event_count");

                    Answer inArray =
                            postJson(client, "/score", "[{\"event_count\":1},{\"is_bot\":2}]");
                    assertThat(inArray.status()).isEqualTo(400);
                    assertThat(inArray.error()).startsWith("[1].is_bot").contains("0 or 1");

                    Answer share = postJson(client, "/score", "{\"own_repo_share\":1.5}");
                    assertThat(share.error()).contains("[0, 1]");

                    String many = "[" + "{},".repeat(1000) + "{}]";
                    Answer tooMany = postJson(client, "/score", many);
                    assertThat(tooMany.status()).isEqualTo(400);
                    assertThat(tooMany.error()).contains("1001 objects", "at most 1000");

                    assertThat(postJson(client, "/score", "[]").status()).isEqualTo(400);
                    assertThat(postJson(client, "/score", "[1]").error())
                            .contains("[0] must be an object");
                    assertThat(postJson(client, "/score", "\"x\"").status()).isEqualTo(400);
                });
    }

    @Test
    void withoutAModelScoringIs503AndAMalformedBodyStill400() throws Exception {
        serve(
                folders(dir),
                (client, state) -> {
                    Answer a = postJson(client, "/predict", "{\"features\":[1,2,3,4,5]}");
                    assertThat(a.status()).isEqualTo(503);
                    assertThat(a.error()).contains("no model");
                    assertThat(postJson(client, "/predict", "{nope").status()).isEqualTo(400);
                });
    }

    @Test
    void aModelThatExcludesBotsRefusesToScoreOneWith422() throws Exception {
        ModelBundle all = TestBundles.bundle("v1", FeatureSet.ALL);
        ModelBundle peopleOnly =
                new ModelBundle(
                        all.version(),
                        all.createdAt(),
                        all.featureVersion(),
                        all.featureSet(),
                        all.contamination(),
                        all.trainedFrom(),
                        all.trainedTo(),
                        ModelBundle.BotPolicy.EXCLUDE,
                        all.segments().stream()
                                .filter(s -> s.population() == ModelBundle.Population.PEOPLE)
                                .toList(),
                        all.metrics(),
                        all.scaling());
        serve(
                folders(dir, peopleOnly),
                (client, state) -> {
                    Answer a = postJson(client, "/score", "{\"is_bot\":1}");
                    assertThat(a.status()).isEqualTo(422);
                    assertThat(a.error()).contains("does not score bots");
                });
    }
}
