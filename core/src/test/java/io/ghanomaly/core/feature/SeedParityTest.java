package io.ghanomaly.core.feature;

import static org.assertj.core.api.Assertions.assertThat;

import io.ghanomaly.core.event.GhEvent;
import io.ghanomaly.core.event.GhEventParser;
import io.ghanomaly.core.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reference project's five features, reproduced row for row from its own inputs and outputs
 * (../shared/data/seed-parity).
 */
class SeedParityTest {

    @ParameterizedTest
    @ValueSource(strings = {"2025-07-08-15", "2025-07-10-15"})
    void reproducesEveryRowOfTheReferenceFeatures(String hour) throws Exception {
        Path events = SharedData.require("seed-parity/" + hour + ".seed-parity.json.gz");
        Path expected = SharedData.require("seed-parity/" + hour + ".seed-features.csv");

        GhEventParser parser = new GhEventParser();
        Map<String, ActorHourAccumulator> byActorHour = new HashMap<>();
        for (String line : SharedData.gzipLines(events)) {
            GhEvent e = parser.parse(line);
            long hourStart = e.createdAtMillis() - Math.floorMod(e.createdAtMillis(), 3_600_000L);
            byActorHour
                    .computeIfAbsent(
                            e.actorLogin() + "|" + hourStart, k -> new ActorHourAccumulator())
                    .add(e);
        }

        List<String> rows = Files.readAllLines(expected);
        assertThat(rows.get(0))
                .isEqualTo(
                        "actor,timestamp_hour,event_count,pr_count,issue_open_count,fork_count,"
                                + "repo_diversity");
        int matched = 0;
        for (String row : rows.subList(1, rows.size())) {
            String[] c = row.split(",", -1);
            long hourStart =
                    Instant.parse(c[1].replace(' ', 'T').replace("+00", "Z")).toEpochMilli();
            ActorHourAccumulator acc = byActorHour.get(c[0] + "|" + hourStart);
            assertThat(acc).as("actor %s has no features", c[0]).isNotNull();
            ActorHourFeatures f = acc.toFeatures(hourStart);
            double[] reference = new double[Feature.REFERENCE.size()];
            double[] ours = new double[Feature.REFERENCE.size()];
            for (int i = 0; i < reference.length; i++) {
                reference[i] = Long.parseLong(c[2 + i]);
                ours[i] = f.value(Feature.REFERENCE.get(i));
            }
            assertThat(ours).as("features of %s", c[0]).containsExactly(reference);
            matched++;
        }
        assertThat(matched).isEqualTo(byActorHour.size()).isEqualTo(rows.size() - 1);
    }
}
