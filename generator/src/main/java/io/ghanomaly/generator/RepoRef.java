package io.ghanomaly.generator;

/**
 * Packs a repository's owner and ordinal into one long, so a planned hour refers to 170k
 * repositories without creating an object for each.
 */
final class RepoRef {
    /** Owned by an account of the population. */
    static final int USER = 0;

    /** Owned by an organisation. */
    static final int ORG = 1;

    /** Owned by an account created in this hour. */
    static final int NEW_ACCOUNT = 2;

    /** Ordinals are kept in 8 bits. */
    static final int MAX_ORDINAL = 255;

    private RepoRef() {}

    static long of(int kind, int owner, int ordinal) {
        return ((long) kind << 40) | ((long) owner << 8) | ordinal;
    }

    static int kind(long ref) {
        return (int) (ref >>> 40);
    }

    static int owner(long ref) {
        return (int) ((ref >>> 8) & 0xFFFFFFFFL);
    }

    static int ordinal(long ref) {
        return (int) (ref & MAX_ORDINAL);
    }
}
