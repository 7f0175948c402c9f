package io.ghanomaly.job.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.core.fs.Path;
import org.junit.jupiter.api.Test;

class OrderedSplitAssignerTest {
    @Test
    void handsOutFilesByTheUtcHourTheyHoldWhateverTheirNamesSortAs() {
        OrderedSplitAssigner assigner =
                OrderedSplitAssigner.oldestHourFirst(
                        List.of(
                                split("in/2015-01-01-10.json.gz"),
                                split("in/notes.json"),
                                split("in/2015-01-01-9.json.gz"),
                                split("in/2015-01-01-2.json.gz")));
        assigner.addSplits(List.of(split("in/2014-12-31-23.json.gz")));

        assertThat(assigner.remainingSplits())
                .extracting(s -> s.path().getName())
                .containsExactly( // 2014-12-31-23 is Pacific time: 07:00 UTC
                        "2015-01-01-2.json.gz",
                        "2014-12-31-23.json.gz",
                        "2015-01-01-9.json.gz",
                        "2015-01-01-10.json.gz",
                        "notes.json");
        List<String> order = new ArrayList<>();
        for (Optional<FileSourceSplit> s = assigner.getNext(null);
                s.isPresent();
                s = assigner.getNext(null)) {
            order.add(s.get().path().getName());
        }
        assertThat(order).startsWith("2015-01-01-2.json.gz").endsWith("notes.json").hasSize(5);
    }

    @Test
    void handsOutModelBundlesNewestFirst() {
        OrderedSplitAssigner assigner =
                OrderedSplitAssigner.newestNameFirst(
                        List.of(
                                split("m/model-20250101T000000Z-a.json"),
                                split("m/model-20250301T000000Z-c.json"),
                                split("m/model-20250201T000000Z-b.json")));
        assertThat(assigner.getNext(null).get().path().getName())
                .isEqualTo("model-20250301T000000Z-c.json");
    }

    private static FileSourceSplit split(String path) {
        return new FileSourceSplit(path, new Path(path), 0, 100, 0, 100);
    }
}
