package io.ghanomaly.api.http;

import io.ghanomaly.api.http.Responses.NamedValue;
import io.ghanomaly.api.http.Responses.PredictResult;
import io.ghanomaly.core.feature.Feature;
import io.ghanomaly.core.feature.FeatureSet;
import io.ghanomaly.core.model.ModelBundle;
import java.util.List;
import java.util.Locale;

/** Scores a full feature vector with a bundle, as the job does, and says it as the API does. */
@SuppressWarnings("EnumOrdinal") // a full vector is in Feature order: that order is the contract
public final class Verdicts {
    /** Explaining features per answer, as the job writes by default. */
    static final int TOP_FEATURES = 3;

    private Verdicts() {}

    public static PredictResult score(ModelBundle bundle, double[] full, String where) {
        ModelBundle.Verdict v = bundle.score(full, TOP_FEATURES);
        boolean isBot = full[Feature.IS_BOT.ordinal()] > 0;
        ModelBundle.Segment segment = bundle.segmentFor(isBot);
        if (v.population() == null || segment == null) {
            throw new ApiError(
                    422,
                    where
                            + "model "
                            + bundle.version()
                            + " does not score "
                            + (isBot ? "bots" : "people")
                            + " (bot policy "
                            + label(bundle.botPolicy())
                            + ", or too few of them to train on)");
        }
        List<NamedValue> top =
                v.topFeatures().stream()
                        .map(name -> new NamedValue(name, valueOf(full, name)))
                        .toList();
        return new PredictResult(
                segment.threshold() - v.score(),
                v.score(),
                v.anomalous(),
                bundle.version(),
                label(v.population()),
                top,
                v.severity().columnValue());
    }

    static Number valueOf(double[] full, String column) {
        Feature f = FeatureSet.byColumn(column);
        double v = full[f.ordinal()];
        return switch (f.kind()) {
            case COUNT -> (long) v;
            case FLAG -> (int) v;
            case RATIO, RATE -> v;
        };
    }

    public static String label(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
