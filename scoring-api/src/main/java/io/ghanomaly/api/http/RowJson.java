package io.ghanomaly.api.http;

import io.ghanomaly.api.http.Responses.NamedValue;
import io.ghanomaly.api.http.Responses.Row;
import io.ghanomaly.api.model.ModelStore;
import io.ghanomaly.api.output.StoredRow;
import io.ghanomaly.core.feature.Feature;
import io.ghanomaly.core.model.ModelBundle;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A stored actor-hour as the API shows it. */
final class RowJson {
    private RowJson() {}

    static List<Row> of(List<StoredRow> rows, ModelStore models) {
        return rows.stream().map(r -> of(r, models)).toList();
    }

    static Row of(StoredRow r, ModelStore models) {
        Map<String, Number> features = new LinkedHashMap<>();
        for (Feature f : Feature.values()) {
            features.put(f.columnName(), r.value(f));
        }
        List<NamedValue> top =
                r.topFeatures().stream()
                        .map(name -> new NamedValue(name, features.get(name)))
                        .toList();
        return new Row(
                r.actorLogin(),
                r.actorId(),
                Instant.ofEpochMilli(r.hourStartMillis()).toString(),
                r.score(),
                r.anomalous(),
                r.modelVersion(),
                population(r, models),
                r.isBot(),
                r.severity(),
                top,
                features);
    }

    /**
     * The population whose model scored the row: by the bot policy of the bundle that scored it
     * when this API has read that bundle, else by is_bot as the default policy separates them.
     */
    private static String population(StoredRow r, ModelStore models) {
        if (r.score() == null || r.modelVersion() == null) {
            return null;
        }
        ModelBundle.BotPolicy policy =
                models.policyOf(r.modelVersion()).orElse(ModelBundle.BotPolicy.SEPARATE);
        ModelBundle.Population p =
                switch (policy) {
                    case SEPARATE ->
                            r.isBot() ? ModelBundle.Population.BOTS : ModelBundle.Population.PEOPLE;
                    case EXCLUDE -> ModelBundle.Population.PEOPLE;
                    case TOGETHER -> ModelBundle.Population.EVERYONE;
                };
        return Verdicts.label(p);
    }
}
