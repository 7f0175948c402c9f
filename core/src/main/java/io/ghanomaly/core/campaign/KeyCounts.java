package io.ghanomaly.core.campaign;

import java.util.ArrayList;
import java.util.List;

/**
 * How many times each {@link RepoKeys} key was added: an open-addressing table of primitives, so
 * that a search counts and looks up a repository without boxing it. Sized once, for at least as
 * many keys as will be added (it does not grow); the keys are hashes already, so their low bits
 * place them.
 */
final class KeyCounts {
    private final long[] keys;
    private final int[] counts;
    private final int mask;

    KeyCounts(int expected) {
        int capacity = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
        keys = new long[capacity];
        counts = new int[capacity];
        mask = capacity - 1;
    }

    static KeyCounts of(long[] keys) {
        KeyCounts t = new KeyCounts(keys.length);
        for (long k : keys) {
            t.add(k);
        }
        return t;
    }

    void add(long key) {
        int i = slot(key);
        if (counts[i] == 0) {
            keys[i] = key;
        }
        counts[i]++;
    }

    int count(long key) {
        return counts[slot(key)];
    }

    /** How many of these keys were added. */
    int overlap(long[] of) {
        int n = 0;
        for (long k : of) {
            if (counts[slot(k)] > 0) {
                n++;
            }
        }
        return n;
    }

    /** The keys added at least {@code min} times, as {@code {key, count}} pairs. */
    List<long[]> atLeast(int min) {
        List<long[]> out = new ArrayList<>();
        for (int i = 0; i < keys.length; i++) {
            if (counts[i] >= min) {
                out.add(new long[] {keys[i], counts[i]});
            }
        }
        return out;
    }

    private int slot(long key) {
        int i = (int) key & mask;
        while (counts[i] != 0 && keys[i] != key) {
            i = (i + 1) & mask;
        }
        return i;
    }
}
