package io.ghanomaly.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.ghanomaly.api.testing.ApiTesting;
import io.ghanomaly.api.testing.FixtureRow;
import io.ghanomaly.api.testing.OutputFixture;
import io.ghanomaly.api.testing.RawHttp;
import io.ghanomaly.core.feature.Feature;
import io.ghanomaly.core.feature.FeatureSet;
import io.ghanomaly.core.testing.TestBundles;
import io.javalin.Javalin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Thousands of malformed requests (random bytes, random and wrongly typed JSON, huge numbers, deep
 * nesting, random methods, paths and query strings) against a running API over real Parquet and a
 * real model: none may get a 5xx.
 */
class MalformedRequestsFuzzTest {
    static final Instant HOUR = Instant.parse("2025-01-01T15:00:00Z");
    static final List<String> ENDPOINTS =
            List.of(
                    "/predict",
                    "/score",
                    "/anomalies",
                    "/actors/top",
                    "/actors/alice",
                    "/actors/",
                    "/hours",
                    "/model",
                    "/health",
                    "/ready",
                    "/metrics",
                    "/admin/reload",
                    "/openapi.json",
                    "/swagger",
                    "/");
    static final List<String> PARAMS = List.of("hour", "limit", "population", "min_score", "hours");
    static final AtomicInteger REQUESTS = new AtomicInteger();
    static final AtomicInteger SERVER_ERRORS = new AtomicInteger();
    static final AtomicInteger NO_ANSWER = new AtomicInteger();
    static final Map<Integer, AtomicInteger> BY_STATUS =
            new java.util.concurrent.ConcurrentSkipListMap<>();

    static Path dir;
    static ServingState state;
    static Javalin app;

    @BeforeContainer
    static void start() throws Exception {
        dir = Files.createTempDirectory("fuzz");
        ApiConfig config =
                ApiTesting.folders(dir, TestBundles.bundle("v1", FeatureSet.ALL))
                        .withBodyLimit(8192)
                        .withAdminToken("fuzz-token");
        OutputFixture.features(
                config.output(),
                HOUR,
                "part-0.parquet",
                List.of(
                        FixtureRow.scored(
                                "alice", HOUR, 0.8, true, Map.of(Feature.EVENT_COUNT, 4d)),
                        FixtureRow.unscored("bob", HOUR, Map.of())));
        state = ServingState.open(config);
        app = ScoringApp.create(config, state).start("127.0.0.1", 0);
    }

    @AfterContainer
    static void stop() throws Exception {
        app.stop();
        state.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        System.out.printf(
                "MalformedRequestsFuzzTest: %d requests, %d answered 5xx, %d closed without an"
                        + " answer; by status %s%n",
                REQUESTS.get(), SERVER_ERRORS.get(), NO_ANSWER.get(), BY_STATUS);
        assertThat(SERVER_ERRORS.get()).isZero();
    }

    static void assertNo5xx(String method, String target, String headers, byte[] body)
            throws IOException {
        int status =
                RawHttp.send(
                        app.port(), method, target.getBytes(StandardCharsets.UTF_8), headers, body);
        REQUESTS.incrementAndGet();
        BY_STATUS.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
        if (status < 0) {
            NO_ANSWER.incrementAndGet();
        }
        if (status >= 500) {
            SERVER_ERRORS.incrementAndGet();
        }
        assertThat(status).as("%s %s with %d bytes", method, target, body.length).isLessThan(500);
    }

    @Property(tries = 1500)
    void randomBytesAsABody(
            @ForAll("postEndpoints") String path,
            @ForAll("bytes") byte[] body,
            @ForAll boolean typed)
            throws IOException {
        assertNo5xx("POST", path, typed ? "Content-Type: application/json\r\n" : "", body);
    }

    @Property(tries = 2000)
    void randomJsonAsABody(@ForAll("postEndpoints") String path, @ForAll("json") String json)
            throws IOException {
        assertNo5xx("POST", path, "Content-Type: application/json\r\n", utf8(json));
    }

    @Property(tries = 1500)
    void wronglyTypedFeatures(@ForAll("json") String value, @ForAll("featureNames") String name)
            throws IOException {
        assertNo5xx("POST", "/predict", "", utf8("{\"features\":" + value + "}"));
        assertNo5xx("POST", "/predict", "", utf8("{\"features\":[" + value + ",0,0,0,0]}"));
        assertNo5xx("POST", "/score", "", utf8("{\"" + name + "\":" + value + "}"));
        assertNo5xx("POST", "/score", "", utf8("[{\"" + name + "\":" + value + "}]"));
    }

    @Property(tries = 200)
    void deepNesting(@ForAll("depths") int depth, @ForAll boolean objects) throws IOException {
        String open = objects ? "{\"event_count\":" : "[";
        String close = objects ? "}" : "]";
        String body = open.repeat(depth) + "1" + close.repeat(depth);
        assertNo5xx("POST", "/score", "", utf8(body));
        assertNo5xx("POST", "/predict", "", utf8("{\"features\":" + "[".repeat(depth)));
    }

    @Property(tries = 2500)
    void randomMethodsPathsAndQueries(
            @ForAll("methods") String method,
            @ForAll("paths") String path,
            @ForAll("queries") String query,
            @ForAll("authorization") String auth)
            throws IOException {
        assertNo5xx(method, path + query, auth, new byte[0]);
    }

    /** Found by randomMethodsPathsAndQueries: Javalin's lazy URL decoding threw, a 500. */
    @Example
    void aBadPercentEscapeInThePathOrQueryIs400() throws IOException {
        for (String target : List.of("/actors/%?=", "/actors/%25?hours=%", "/anomalies?hour=%zz")) {
            assertNo5xx("GET", target, "", new byte[0]);
        }
    }

    @Provide
    Arbitrary<String> postEndpoints() {
        return Arbitraries.of("/predict", "/score", "/admin/reload", "/score?x=1", "/hours");
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(10_000);
    }

    @Provide
    Arbitrary<String> featureNames() {
        return Arbitraries.oneOf(
                Arbitraries.of(FeatureSet.ALL.columnNames()),
                Arbitraries.strings()
                        .ofMaxLength(20)
                        .map(s -> s.replace("\"", "").replace("\\", "")));
    }

    @Provide
    Arbitrary<String> json() {
        return Arbitraries.recursive(this::scalars, this::containers, 0, 4);
    }

    private Arbitrary<String> scalars() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.longs().map(String::valueOf)),
                net.jqwik.api.Tuple.of(2, Arbitraries.doubles().map(String::valueOf)),
                net.jqwik.api.Tuple.of(
                        2,
                        Arbitraries.integers()
                                .between(1, 2000)
                                .map(n -> (n % 2 == 0 ? "-" : "") + "9".repeat(n))),
                net.jqwik.api.Tuple.of(
                        2,
                        Arbitraries.of(
                                "1e400",
                                "-1e400",
                                "1e-400",
                                "-0",
                                "0.0",
                                "1.5",
                                "NaN",
                                "Infinity",
                                "-Infinity",
                                "01",
                                "1.",
                                ".5",
                                "+1",
                                "0x10",
                                "'a'",
                                "true",
                                "false",
                                "null",
                                "\"\"",
                                "\"12\"",
                                "1e",
                                "--1",
                                "\"\\ud800\"",
                                "\"\\u0000\"",
                                "9007199254740993")),
                net.jqwik.api.Tuple.of(
                        1,
                        Arbitraries.strings()
                                .ofMaxLength(30)
                                .map(
                                        s ->
                                                '"'
                                                        + s.replace("\\", "\\\\")
                                                                .replace("\"", "\\\"")
                                                        + '"')),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().ofMaxLength(10)));
    }

    private Arbitrary<String> containers(Arbitrary<String> inner) {
        Arbitrary<String> array =
                inner.list().ofMaxSize(6).map(l -> "[" + String.join(",", l) + "]");
        Arbitrary<String> object =
                Combinators.combine(featureNames(), inner)
                        .as((k, v) -> '"' + k + "\":" + v)
                        .list()
                        .ofMaxSize(6)
                        .map(l -> "{" + String.join(",", l) + "}");
        Arbitrary<String> features =
                inner.list().ofMaxSize(7).map(l -> "{\"features\":[" + String.join(",", l) + "]}");
        return Arbitraries.oneOf(array, object, features);
    }

    @Provide
    Arbitrary<Integer> depths() {
        return Arbitraries.integers().between(1, 5000);
    }

    @Provide
    Arbitrary<String> methods() {
        return Arbitraries.of(
                "GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH", "TRACE", "FOO");
    }

    @Provide
    Arbitrary<String> paths() {
        Arbitrary<String> segment =
                Arbitraries.oneOf(
                        Arbitraries.strings()
                                .alpha()
                                .numeric()
                                .withChars("-_.~[]@!$&'()*+,;=:")
                                .ofMaxLength(15),
                        Arbitraries.of(
                                "%zz",
                                "%",
                                "%2F",
                                "%00",
                                "..",
                                ".",
                                "%2e%2e",
                                "ü",
                                "%C3",
                                "top",
                                "%5Bbot%5D",
                                ""));
        Arbitrary<String> random =
                segment.list().ofMinSize(1).ofMaxSize(5).map(l -> "/" + String.join("/", l));
        Arbitrary<String> known =
                Combinators.combine(Arbitraries.of(ENDPOINTS), segment)
                        .as((e, s) -> e.endsWith("/") ? e + s : e);
        return Arbitraries.oneOf(known, random, Arbitraries.of(ENDPOINTS));
    }

    @Provide
    Arbitrary<String> queries() {
        Arbitrary<String> value =
                Arbitraries.oneOf(
                        Arbitraries.strings().alpha().numeric().withChars("-:.+%").ofMaxLength(25),
                        Arbitraries.of(
                                "2025-01-01T15",
                                "2025-01-01",
                                "2025-01-01T15:00:00Z",
                                "-1",
                                "0",
                                "1001",
                                "99999999999999999999",
                                "NaN",
                                "1e400",
                                "people",
                                "bots",
                                "everyone",
                                "%zz",
                                "",
                                "2025-02-30T10",
                                "+999999999-01-01T00:00:00Z"));
        Arbitrary<String> pair =
                Combinators.combine(
                                Arbitraries.oneOf(
                                        Arbitraries.of(PARAMS),
                                        Arbitraries.strings().alpha().ofMaxLength(8)),
                                value)
                        .as((k, v) -> k + "=" + v);
        return pair.list().ofMaxSize(4).map(l -> l.isEmpty() ? "" : "?" + String.join("&", l));
    }

    @Provide
    Arbitrary<String> authorization() {
        return Arbitraries.of(
                "",
                "Authorization: Bearer fuzz-token\r\n",
                "Authorization: Bearer wrong\r\n",
                "Authorization: Basic Zm9vOmJhcg==\r\n",
                "Authorization: \r\n",
                "Content-Type: text/plain\r\n");
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
