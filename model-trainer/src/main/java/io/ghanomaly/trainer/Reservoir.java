package io.ghanomaly.trainer;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A uniform random sample of at most {@code capacity} items from a stream of unknown length
 * (Vitter's algorithm R), so a long history is sampled in one pass and bounded memory.
 */
final class Reservoir<T> {
    private final int capacity;
    private final SplittableRandom random;
    private final List<T> items = new ArrayList<>();
    private long seen;

    Reservoir(int capacity, long seed) {
        this.capacity = capacity;
        this.random = new SplittableRandom(seed);
    }

    void add(T item) {
        seen++;
        if (items.size() < capacity) {
            items.add(item);
            return;
        }
        long slot = random.nextLong(seen);
        if (slot < capacity) {
            items.set((int) slot, item);
        }
    }

    List<T> items() {
        return items;
    }

    long seen() {
        return seen;
    }
}
