package io.ghanomaly.api.output;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers of row queries, least recently used out first, at most {@code maxRows} rows in all. A
 * committed file never changes, so an answer is exact for as long as its query names the same
 * files: the key holds them (path, size, modification time), and a new file of the hour is a new
 * key. The dashboard asking for the latest hour every few seconds is the case this is for.
 */
final class AnswerCache {
    record Key(String sql, List<Object> params, List<CommittedFile> files) {}

    private final int maxRows;
    private final LinkedHashMap<Key, List<StoredRow>> answers =
            new LinkedHashMap<>(64, 0.75f, true);
    private int rows;
    private long hits;
    private long misses;

    /**
     * @param maxRows rows kept in all (about 1 KB each); 0 keeps nothing
     */
    AnswerCache(int maxRows) {
        if (maxRows < 0) {
            throw new IllegalArgumentException("a cache of " + maxRows + " rows");
        }
        this.maxRows = maxRows;
    }

    /** The answer, or null when it is not kept. */
    synchronized List<StoredRow> get(Key key) {
        List<StoredRow> answer = answers.get(key);
        if (answer == null) {
            misses++;
        } else {
            hits++;
        }
        return answer;
    }

    synchronized void put(Key key, List<StoredRow> answer) {
        if (weight(answer) > maxRows / 4 || answers.containsKey(key)) {
            return; // one answer never takes more than a quarter of the room
        }
        answers.put(key, List.copyOf(answer));
        rows += weight(answer);
        for (Iterator<Map.Entry<Key, List<StoredRow>>> oldest = answers.entrySet().iterator();
                rows > maxRows && oldest.hasNext(); ) {
            rows -= weight(oldest.next().getValue());
            oldest.remove();
        }
    }

    /** An empty answer (an unknown login) weighs a row too, or they would pile up unbounded. */
    private static int weight(List<StoredRow> answer) {
        return answer.size() + 1;
    }

    synchronized long hits() {
        return hits;
    }

    synchronized long misses() {
        return misses;
    }
}
