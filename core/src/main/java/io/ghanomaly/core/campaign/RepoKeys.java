package io.ghanomaly.core.campaign;

import java.util.Arrays;

/**
 * Repositories as the lockstep search compares them: a 64-bit key per {@code owner/name}, 24 bits
 * of the owner's hash above 40 of the whole name's, so that a search counts owners and compares
 * repositories without building a string. A repository's state keeps its profiles' keys beside
 * their names, and the search reads only the keys.
 *
 * <p>Two repositories of one owner share a key once in 2^40 pairs, of different owners once in
 * 2^64; two owners share an owner part once in 2^24 pairs, so that among the ten owners of a
 * group's repositories two count as one about once in 370,000 groups. A collision at worst counts
 * two repositories, or two owners, as one in a search.
 */
public final class RepoKeys {
    private static final int OWNER_BITS = 24;
    private static final long NAME_BITS = -1L >>> OWNER_BITS;

    private RepoKeys() {}

    public static long of(String repo) {
        int slash = repo.indexOf('/');
        long owner = hash(repo, slash < 0 ? repo.length() : slash);
        long name = hash(repo, repo.length());
        return (owner & ~NAME_BITS) | (name >>> OWNER_BITS);
    }

    /** The owner's part of a key. */
    static int owner(long key) {
        return (int) (key >>> (64 - OWNER_BITS));
    }

    /** The distinct keys of these repositories, ascending. */
    public static long[] sorted(String[] repos) {
        long[] keys = new long[repos.length];
        for (int i = 0; i < repos.length; i++) {
            keys[i] = of(repos[i]);
        }
        Arrays.sort(keys);
        int n = 0;
        for (int i = 0; i < keys.length; i++) {
            if (n == 0 || keys[i] != keys[n - 1]) {
                keys[n++] = keys[i];
            }
        }
        return n == keys.length ? keys : Arrays.copyOf(keys, n);
    }

    /**
     * The first {@code length} characters, each mixed in by a multiply and a shift (FNV's multiply
     * alone carries a difference only upwards: names a few characters apart shared 40 bits), then
     * MurmurHash3's 64-bit finalizer.
     */
    private static long hash(String s, int length) {
        long h = length;
        for (int i = 0; i < length; i++) {
            h = (h ^ s.charAt(i)) * 0x9E3779B97F4A7C15L;
            h ^= h >>> 29;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
