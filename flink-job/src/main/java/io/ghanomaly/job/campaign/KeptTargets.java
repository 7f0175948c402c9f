package io.ghanomaly.job.campaign;

import java.util.List;
import java.util.Map;

/**
 * An actor's targets within the window as one state value, the newest first: what {@link
 * ActorTargets} reads and writes once per hour the actor acted in.
 */
public record KeptTargets(String[] repos, Target[] targets) {

    public static KeptTargets of(List<Map.Entry<String, Target>> newestFirst) {
        return new KeptTargets(
                newestFirst.stream().map(Map.Entry::getKey).toArray(String[]::new),
                newestFirst.stream().map(Map.Entry::getValue).toArray(Target[]::new));
    }

    public int size() {
        return repos.length;
    }
}
