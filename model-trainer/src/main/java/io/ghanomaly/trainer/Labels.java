package io.ghanomaly.trainer;

import io.ghanomaly.core.label.GroundTruthLabel;
import io.ghanomaly.core.label.PlantedBehaviour;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Which actor-hours carry a planted behaviour, from the generator's labels.csv. */
final class Labels {
    private final Map<String, PlantedBehaviour> byActorHour = new HashMap<>();

    static Labels none() {
        return new Labels();
    }

    static Labels read(Path file) throws IOException {
        Labels l = new Labels();
        for (GroundTruthLabel g : GroundTruthLabel.readCsv(file)) {
            l.byActorHour.put(key(g.actorLogin(), g.hour().toEpochMilli()), g.behaviour());
        }
        return l;
    }

    /** The planted behaviour of an actor-hour, or null. */
    PlantedBehaviour of(String actor, long hourStartMillis) {
        return byActorHour.get(key(actor, hourStartMillis));
    }

    boolean isEmpty() {
        return byActorHour.isEmpty();
    }

    Set<PlantedBehaviour> behaviours() {
        return byActorHour.isEmpty()
                ? EnumSet.noneOf(PlantedBehaviour.class)
                : EnumSet.copyOf(byActorHour.values());
    }

    private static String key(String actor, long hourStartMillis) {
        return actor + '\n' + hourStartMillis;
    }
}
