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
    void sortedKeysAreAscendingAndDistinctAndOverlapCountsSharedOnes() {
        long[] a = RepoKeys.sorted(new String[] {"z/z", "a/a", "m/m", "a/a"});
        long[] b = RepoKeys.sorted(new String[] {"m/m", "q/q", "a/a"});

        assertThat(a).hasSize(3).isSorted();
        assertThat(RepoKeys.overlap(a, b)).isEqualTo(2);
        assertThat(RepoKeys.overlap(a, new long[0])).isZero();
    }
}
