package io.ghanomaly.core.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RepoKeysTest {

    @Test
    void repositoriesOfOneOwnerShareTheOwnersPart() {
        assertThat(RepoKeys.owner(RepoKeys.of("octo/a")))
                .isEqualTo(RepoKeys.owner(RepoKeys.of("octo/b")));
        assertThat(RepoKeys.owner(RepoKeys.of("octo/a")))
                .isNotEqualTo(RepoKeys.owner(RepoKeys.of("cat/a")));
        assertThat(RepoKeys.of("octo/a")).isNotEqualTo(RepoKeys.of("octo/b"));
        assertThat(LockstepSearch.owners(RepoKeys.sorted(new String[] {"o/a", "o/b", "p/a"})))
                .isEqualTo(2);
    }

    @Test
    void aTableCountsKeysAndTheOverlapOfAProfile() {
        long[] a = RepoKeys.sorted(new String[] {"a/a", "m/m", "z/z"});
        KeyCounts t = new KeyCounts(4);
        for (long k : a) {
            t.add(k);
        }
        t.add(a[0]);

        assertThat(t.count(a[0])).isEqualTo(2);
        assertThat(t.count(RepoKeys.of("q/q"))).isZero();
        assertThat(t.overlap(RepoKeys.sorted(new String[] {"m/m", "q/q", "a/a"}))).isEqualTo(2);
        assertThat(t.atLeast(2)).hasSize(1);
        assertThat(KeyCounts.of(new long[0]).overlap(a)).isZero();
    }

    /** The names String.hashCode confuses ("Aa" and "BB") and a million generated ones differ. */
    @Test
    void distinctNamesGetDistinctKeys() {
        assertThat(RepoKeys.of("o/Aa")).isNotEqualTo(RepoKeys.of("o/BB"));
        Set<Long> keys = new HashSet<>();
        for (int i = 0; i < 1_000_000; i++) {
            keys.add(RepoKeys.of("owner" + (i % 1_000) + "/repo-" + i));
        }
        assertThat(keys).hasSize(1_000_000);
    }

    @Test
    void sortedKeysAreAscendingAndDistinct() {
        long[] a = RepoKeys.sorted(new String[] {"z/z", "a/a", "m/m", "a/a"});

        assertThat(a).hasSize(3).isSorted();
    }
}
