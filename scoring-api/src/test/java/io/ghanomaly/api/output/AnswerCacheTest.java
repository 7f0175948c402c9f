package io.ghanomaly.api.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerCacheTest {
    private static final CommittedFile FILE =
            new CommittedFile(Path.of("features/part-0.parquet"), Instant.EPOCH, 10, 1);

    @Test
    void aNewFileOfTheHourIsANewQuestion() {
        AnswerCache cache = new AnswerCache(100);
        AnswerCache.Key before = key("LIMIT ?", List.of(FILE));
        cache.put(before, rows(3));

        CommittedFile rewritten = new CommittedFile(FILE.path(), FILE.hour(), 11, 2);
        CommittedFile another =
                new CommittedFile(Path.of("features/part-1.parquet"), Instant.EPOCH, 10, 1);

        assertThat(cache.get(key("LIMIT ?", List.of(FILE)))).hasSize(3);
        assertThat(cache.get(key("LIMIT ?", List.of(FILE, another)))).isNull();
        assertThat(cache.get(key("LIMIT ?", List.of(rewritten)))).isNull();
        assertThat(cache.get(new AnswerCache.Key("LIMIT ?", List.of(51), List.of(FILE)))).isNull();
        assertThat(cache.hits()).isEqualTo(1);
        assertThat(cache.misses()).isEqualTo(3);
    }

    @Test
    void keepsAtMostMaxRowsLeastRecentlyUsedOutFirst() {
        AnswerCache cache = new AnswerCache(100);
        for (int i = 0; i < 4; i++) {
            cache.put(key("q" + i, List.of(FILE)), rows(24)); // 25 with its own weight
        }
        cache.get(key("q0", List.of(FILE))); // q1 is now the least recently used
        cache.put(key("q4", List.of(FILE)), rows(24));

        assertThat(cache.get(key("q1", List.of(FILE)))).isNull();
        for (String kept : List.of("q0", "q2", "q3", "q4")) {
            assertThat(cache.get(key(kept, List.of(FILE)))).as(kept).hasSize(24);
        }
    }

    @Test
    void anAnswerOverAQuarterOfTheRoomIsNotKept() {
        AnswerCache cache = new AnswerCache(100);
        cache.put(key("big", List.of(FILE)), rows(25));
        cache.put(key("fits", List.of(FILE)), rows(24));

        assertThat(cache.get(key("big", List.of(FILE)))).isNull();
        assertThat(cache.get(key("fits", List.of(FILE)))).hasSize(24);
    }

    @Test
    void emptyAnswersAreKeptButCounted() {
        AnswerCache cache = new AnswerCache(8);
        for (int i = 0; i < 100; i++) {
            cache.put(key("nobody" + i, List.of(FILE)), rows(0));
        }
        int kept = 0;
        for (int i = 0; i < 100; i++) {
            kept += cache.get(key("nobody" + i, List.of(FILE))) == null ? 0 : 1;
        }
        assertThat(kept).isEqualTo(8);
    }

    @Test
    void zeroRowsKeepsNothing() {
        AnswerCache cache = new AnswerCache(0);
        cache.put(key("q", List.of(FILE)), rows(0));

        assertThat(cache.get(key("q", List.of(FILE)))).isNull();
    }

    private static AnswerCache.Key key(String sql, List<CommittedFile> files) {
        return new AnswerCache.Key(sql, List.of(50), files);
    }

    private static List<StoredRow> rows(int n) {
        List<StoredRow> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(new StoredRow("a" + i, i, 0, "v", 0.5, false, List.of(), List.of(1L), null));
        }
        return rows;
    }
}
