package io.ghanomaly.generator;

/**
 * Stable 64-bit mixing, so the traits of accounts and repositories follow from the seed alone and
 * need not be stored.
 */
final class StableHash {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private StableHash() {}

    /** The SplitMix64 finaliser: every input bit affects every output bit. */
    static long finish(long value) {
        long z = value;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static long mix(long first, long second) {
        return finish(finish(first) + (second + 1) * GOLDEN_GAMMA);
    }

    static long mix(long first, long second, long third) {
        return mix(mix(first, second), third);
    }

    /** A value in [0, bound) taken from the hash's high bits. */
    static int below(long hash, int bound) {
        return (int) ((hash >>> 33) % bound);
    }

    /** A value in [0, 1) taken from the hash's high bits. */
    static double unit(long hash) {
        return (hash >>> 11) * 0x1.0p-53;
    }
}
