package io.ghanomaly.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GhEventParserTest {
    private final GhEventParser parser = new GhEventParser();

    @Test
    void readsAModernEventAndSkipsWhatItDoesNotNeed() throws Exception {
        GhEvent e =
                parser.parse(
                        "{\"id\":\"1\",\"type\":\"PushEvent\",\"actor\":{\"id\":7,\"login\":\"a\","
                                + "\"extra\":{\"deep\":[1,2,{\"x\":null}]}},"
                                + "\"repo\":{\"id\":3,\"name\":\"a/r\"},"
                                + "\"payload\":{\"size\":4,\"commits\":[{},{}],"
                                + "\"pull_request\":{\"body\":\"x\",\"labels\":[]}},"
                                + "\"public\":true,\"created_at\":\"2025-07-10T15:00:01Z\"}");
        assertThat(e)
                .isEqualTo(
                        new GhEvent(
                                Instant.parse("2025-07-10T15:00:01Z").toEpochMilli(),
                                "PushEvent",
                                7,
                                "a",
                                "a/r",
                                null,
                                null,
                                4));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "2025-07-10T15:00:01Z|2025-07-10T15:00:01Z",
                "2013-02-15T00:00:39-08:00|2013-02-15T08:00:39Z",
                "2012-03-10T23:59:59+05:30|2012-03-10T18:29:59Z",
                "2024-02-29T12:00:00Z|2024-02-29T12:00:00Z",
                "2025-07-10T15:00:01.250Z|2025-07-10T15:00:01.250Z",
            })
    void readsEveryTimestampShape(String createdAt, String utc) throws Exception {
        GhEvent e = parser.parse(event("\"created_at\":\"" + createdAt + "\""));
        assertThat(e.createdAt()).isEqualTo(Instant.parse(utc));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"type\":\"PushEvent\",|MALFORMED_JSON",
                "not json at all|MALFORMED_JSON",
                "{\"type\":\"PushEvent\",\"actor\":{\"login\":\"a\"},"
                        + "\"created_at\":\"2025-07-10T15:00:01Z\"} {}|MALFORMED_JSON",
                "[1,2,3]|NOT_AN_OBJECT",
                "{\"actor\":{\"login\":\"a\"},\"created_at\":\"2025-07-10T15:00:01Z\"}|MISSING_TYPE",
                "{\"type\":\"PushEvent\",\"created_at\":\"2025-07-10T15:00:01Z\"}|MISSING_ACTOR",
                "{\"type\":\"PushEvent\",\"actor\":{\"id\":1},"
                        + "\"created_at\":\"2025-07-10T15:00:01Z\"}|MISSING_ACTOR",
                "{\"type\":\"PushEvent\",\"actor\":{\"login\":\"a\"}}|MISSING_TIMESTAMP",
                "{\"type\":\"PushEvent\",\"actor\":{\"login\":\"a\"},"
                        + "\"created_at\":\"yesterday\"}|BAD_TIMESTAMP",
                "{\"type\":\"PushEvent\",\"actor\":{\"login\":\"a\"},"
                        + "\"created_at\":\"2025-02-30T15:00:01Z\"}|BAD_TIMESTAMP",
                "{\"type\":7,\"actor\":{\"login\":\"a\"},"
                        + "\"created_at\":\"2025-07-10T15:00:01Z\"}|WRONG_FIELD_TYPE",
                "{\"type\":\"PushEvent\",\"actor\":[\"a\"],"
                        + "\"created_at\":\"2025-07-10T15:00:01Z\"}|WRONG_FIELD_TYPE",
                "{\"type\":\"PushEvent\",\"actor\":{\"login\":\"a\"},"
                        + "\"created_at\":1436540401}|WRONG_FIELD_TYPE",
            })
    void namesTheReasonOfEveryBadLine(String line, DeadLetterReason reason) {
        assertThatThrownBy(() -> parser.parse(line))
                .isInstanceOfSatisfying(
                        MalformedEventException.class,
                        e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    void rejectsInvalidUtf8AsMalformed() {
        byte[] bytes = event("\"created_at\":\"2025-07-10T15:00:01Z\"").getBytes();
        bytes[10] = (byte) 0xC3; // a lead byte without its continuation
        bytes[11] = (byte) '"';
        assertThatThrownBy(() -> parser.parse(bytes, 0, bytes.length))
                .isInstanceOf(MalformedEventException.class);
    }

    private static String event(String createdAtField) {
        return "{\"type\":\"WatchEvent\",\"actor\":{\"login\":\"a\"},\"repo\":{\"name\":\"b/c\"},"
                + createdAtField
                + "}";
    }
}
