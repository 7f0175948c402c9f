package io.ghanomaly.trainer;

import io.ghanomaly.core.feature.Feature;
import io.ghanomaly.core.feature.FeatureSet;
import io.ghanomaly.core.feature.LowActivity;
import io.ghanomaly.core.model.ModelBundle;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./gh-anomaly evaluate}: plants labelled abuse into real hours and measures two models. */
@Command(
        name = "gh-anomaly evaluate",
        sortOptions = false,
        usageHelpWidth = 100,
        description = {
            "Plants eight kinds of abuse, loud and subtle, into real GH Archive hours by"
                    + " cloning real events of the same hour and type onto new actors; trains our"
                    + " model and the reference project's five-feature model on the same hours"
                    + " without them; scores the planted hour through the bundle's own code; prints"
                    + " per behaviour ROC AUC, precision at k, recall at the threshold and how"
                    + " often the explanation names a manipulated feature.",
            "A set of hours is one --input (a file, or a directory of .json.gz files). Training"
                    + " takes every hour of the set but the last, and half of the last hour's"
                    + " actors (by a hash of the login); the other half, with the planted actors,"
                    + " is what is ranked."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:evaluated", "1:an input could not be read", "2:the command line"})
public final class EvaluateCommand implements Callable<Integer> {
    private final PrintStream out;

    @Option(
            names = "--input",
            paramLabel = "PATH",
            description =
                    "a set of hours: a .json.gz file or a directory of them; repeat for more sets"
                            + " (default: every real set under --data)")
    private List<Path> inputs = new ArrayList<>();

    @Option(
            names = "--data",
            paramLabel = "DIR",
            defaultValue = "../shared/data",
            description = "where the default sets are (default: ${DEFAULT-VALUE})")
    private Path data;

    @Option(
            names = "--actors",
            paramLabel = "N",
            defaultValue = "25",
            description = "planted actors per behaviour and strength (default: ${DEFAULT-VALUE})")
    private int actors;

    @Option(
            names = "--feature-set",
            paramLabel = "SET",
            defaultValue = "default",
            description = "our model's features (default: ${DEFAULT-VALUE})")
    private String featureSet;

    @Option(
            names = "--scaling",
            paramLabel = "S",
            defaultValue = "log_counts",
            description =
                    "how our forests read counts: raw or log_counts (default: ${DEFAULT-VALUE})")
    private ModelBundle.Scaling scaling;

    @Option(
            names = "--trees",
            paramLabel = "N",
            defaultValue = "100",
            description = "trees per forest, both models (default: ${DEFAULT-VALUE})")
    private int trees;

    @Option(
            names = "--sample-size",
            paramLabel = "N",
            defaultValue = "4096",
            description =
                    "rows per tree of our forests (default: ${DEFAULT-VALUE}, as the trainer)")
    private int sampleSize;

    @Option(
            names = "--seed",
            paramLabel = "S",
            defaultValue = "42",
            description =
                    "seed of the forests, the split and the planting (default: ${DEFAULT-VALUE})")
    private long seed;

    @Option(
            names = "--kind-forests",
            description =
                    "also measure an ensemble: our model's forest and one forest per kind of"
                            + " action (stars, forks, issues, comments, pull requests, pushes,"
                            + " creations, new repositories: its count with the hour's pace),"
                            + " an actor-hour ranked by its rarest member (a lever weighed, not"
                            + " a model the job serves)")
    private boolean kindForests;

    @Option(
            names = "--show-top",
            paramLabel = "N",
            defaultValue = "0",
            description =
                    "print the N highest-scored real actor-hours of each set (default: ${DEFAULT-VALUE})")
    private int showTop;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = "work/evaluate",
            description = "where evaluation.csv goes (default: ${DEFAULT-VALUE})")
    private Path outDir;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "this text")
    private boolean help;

    EvaluateCommand(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(execute(args, System.out, System.err));
    }

    /** Parses, runs and returns the exit code; a usage error is one line on {@code stderr}. */
    static int execute(String[] args, PrintStream stdout, PrintStream stderr) {
        CommandLine cl = new CommandLine(new EvaluateCommand(stdout));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setOverwrittenOptionsAllowed(true); // the script gives --data and --out first
        cl.setOut(new PrintWriter(stdout, true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(stderr, true, StandardCharsets.UTF_8));
        cl.setParameterExceptionHandler(
                (e, a) -> {
                    e.getCommandLine()
                            .getErr()
                            .println(
                                    "gh-anomaly evaluate: "
                                            + e.getMessage().replaceAll("\\s*\\R\\s*", " ")
                                            + " (see ./gh-anomaly evaluate --help)");
                    return CommandLine.ExitCode.USAGE;
                });
        cl.setExecutionExceptionHandler(
                (e, c, p) -> {
                    c.getErr().println("gh-anomaly evaluate: " + e.getMessage());
                    return e instanceof IllegalArgumentException ? 2 : 1;
                });
        return cl.execute(args);
    }

    /** One model's figures on one set. */
    record ModelResult(String model, PlantedEvaluation evaluation) {}

    /**
     * One set's figures: every model's, and per plant and strength the real actor-hours that did as
     * much of it ({@link PlantedEvaluation#realAsMuch}).
     */
    record SetResult(List<ModelResult> models, Map<String, Integer> realAsMuch) {}

    @Override
    public Integer call() throws IOException {
        if (actors < 1 || trees < 1) {
            throw new IllegalArgumentException("--actors and --trees must be at least 1");
        }
        FeatureSet ours = FeatureSet.named(featureSet);
        List<List<Path>> sets = new ArrayList<>();
        if (inputs.isEmpty()) {
            sets.addAll(defaultSets());
        }
        for (Path p : inputs) {
            sets.add(files(p));
        }
        List<String> csv = new ArrayList<>();
        csv.add(
                "set,model,behaviour,strength,planted,real,auc,precision_at_k,recall_at_threshold,"
                        + "explained_top3,real_as_much");
        for (List<Path> set : sets) {
            String name = setName(set);
            SetResult result = evaluate(name, RealHours.readAll(set), ours);
            for (ModelResult r : result.models()) {
                for (PlantedEvaluation.Result x : r.evaluation().results()) {
                    csv.add(
                            String.format(
                                    Locale.ROOT,
                                    "\"%s\",%s,%s,%s,%d,%d,%.4f,%.4f,%s,%s,%d",
                                    name.replace("\"", "\"\""), // quoted: a path may hold commas
                                    r.model(),
                                    x.plant().name().toLowerCase(Locale.ROOT),
                                    x.strength().name().toLowerCase(Locale.ROOT),
                                    x.positives(),
                                    r.evaluation().negatives(),
                                    x.auc(),
                                    x.precisionAtK(),
                                    csvValue(x.recallAtThreshold()),
                                    csvValue(x.explained()),
                                    result.realAsMuch().get(x.label())));
                }
            }
        }
        Files.createDirectories(outDir);
        Path file = outDir.resolve("evaluation.csv");
        Files.write(file, csv);
        out.println("Wrote " + file);
        return 0;
    }

    private SetResult evaluate(String name, List<RealHours> hours, FeatureSet ours) {
        RealHours last = hours.get(hours.size() - 1);
        Map<ModelBundle.Population, List<double[]>> oursRows =
                new EnumMap<>(ModelBundle.Population.class);
        List<double[]> everyone = new ArrayList<>();
        List<double[]> negatives = new ArrayList<>();
        List<String> negativeLogins = new ArrayList<>();
        long events = 0;
        long bad = 0;
        LowActivity.Recency recency = new LowActivity.Recency();
        for (RealHours h : hours) {
            events += h.events().size();
            bad += h.badLines();
            for (Map.Entry<String, double[]> a : h.actorHours(recency).entrySet()) {
                if (h == last && heldBack(a.getKey())) {
                    negatives.add(a.getValue());
                    negativeLogins.add(a.getKey());
                    continue;
                }
                double[] v = a.getValue();
                oursRows.computeIfAbsent(population(v), k -> new ArrayList<>()).add(v);
                everyone.add(v);
            }
        }
        out.printf(
                "%n== %s: %d hour(s), %,d events%s, last hour %s; trained on %,d actor-hours;"
                        + " ranking %,d real actor-hours of the last hour against %d planted"
                        + " per behaviour%n",
                name,
                hours.size(),
                events,
                bad == 0 ? "" : String.format(Locale.ROOT, " (%,d unusable lines left out)", bad),
                Instant.ofEpochMilli(last.hourStartMillis()),
                everyone.size(),
                negatives.size(),
                actors);
        List<PlantedEvaluation.Planted> planted = plant(last);
        Instant from = Instant.ofEpochMilli(hours.get(0).hourStartMillis());
        Instant to = Instant.ofEpochMilli(last.hourStartMillis() + 3_600_000L);
        ModelTraining.ForestSpec oursSpec =
                new ModelTraining.ForestSpec(ours, trees, sampleSize, seed, 0.05, scaling);
        Map<ModelBundle.Population, double[][]> selected =
                new EnumMap<>(ModelBundle.Population.class);
        oursRows.forEach(
                (p, rows) -> {
                    if (rows.size() >= ModelTraining.MIN_TRAINING_ROWS) {
                        selected.put(p, rows.stream().map(ours::select).toArray(double[][]::new));
                    }
                });
        ModelBundle oursBundle =
                ModelTraining.bundle(
                        "evaluate-ours",
                        oursSpec,
                        ModelBundle.BotPolicy.SEPARATE,
                        selected,
                        from,
                        to);
        ModelBundle reference =
                ModelTraining.bundle(
                        "evaluate-reference",
                        new ModelTraining.ForestSpec(
                                FeatureSet.REFERENCE,
                                trees,
                                256,
                                seed,
                                0.05,
                                ModelBundle.Scaling.RAW),
                        ModelBundle.BotPolicy.TOGETHER,
                        Map.of(
                                ModelBundle.Population.EVERYONE,
                                everyone.stream()
                                        .map(FeatureSet.REFERENCE::select)
                                        .toArray(double[][]::new)),
                        from,
                        to);
        List<ModelResult> results = new ArrayList<>();
        results.add(new ModelResult("ours", PlantedEvaluation.of(oursBundle, negatives, planted)));
        results.add(
                new ModelResult("reference", PlantedEvaluation.of(reference, negatives, planted)));
        if (kindForests) {
            Map<ModelBundle.Population, List<double[]>> trained =
                    new EnumMap<>(ModelBundle.Population.class);
            oursRows.forEach(
                    (p, rows) -> {
                        if (rows.size() >= ModelTraining.MIN_TRAINING_ROWS) {
                            trained.put(p, rows);
                        }
                    });
            KindForests ensemble = KindForests.train(trained, oursSpec);
            results.add(
                    new ModelResult(
                            "kind_forests",
                            PlantedEvaluation.ranking(
                                    v -> ensemble.score(v, population(v)), negatives, planted)));
            out.printf(
                    Locale.ROOT,
                    "  scoring a real actor-hour (second pass over the %,d): ours %.1f µs,"
                            + " kind forests %.1f µs%n",
                    negatives.size(),
                    microsPerRow(negatives, v -> oursBundle.score(v, 0).score()),
                    microsPerRow(negatives, v -> ensemble.score(v, population(v))));
        }
        Map<String, Integer> asMuch = PlantedEvaluation.realAsMuch(negatives, planted);
        EvaluationReport report = new EvaluationReport(out);
        report.comparison(results);
        report.asMuch(asMuch);
        report.severity(oursBundle, negatives);
        report.top(oursBundle, negatives, negativeLogins, showTop);
        return new SetResult(results, asMuch);
    }

    /** Wall time per row of a scorer, on its second pass over the rows (the first warms it). */
    private static double microsPerRow(
            List<double[]> rows, java.util.function.ToDoubleFunction<double[]> scorer) {
        double sink = 0;
        long nanos = 0;
        for (int pass = 0; pass < 2; pass++) {
            long start = System.nanoTime();
            for (double[] v : rows) {
                sink += scorer.applyAsDouble(v);
            }
            nanos = System.nanoTime() - start;
        }
        if (sink == 42) { // keeps the loop from being optimised away
            System.out.print("");
        }
        return nanos / 1e3 / Math.max(1, rows.size());
    }

    /** A figure, or nothing for one a model does not have (an ensemble's recall). */
    private static String csvValue(double x) {
        return Double.isNaN(x) ? "" : String.format(Locale.ROOT, "%.4f", x);
    }

    /** Our models' population of a full feature vector: people and bots apart. */
    private static ModelBundle.Population population(double[] v) {
        return v[Feature.IS_BOT.ordinal()] > 0
                ? ModelBundle.Population.BOTS
                : ModelBundle.Population.PEOPLE;
    }

    /** Every plant the hour has the event types for, loud and subtle, on new actors. */
    private List<PlantedEvaluation.Planted> plant(RealHours hour) {
        return Planter.cloning(hour.events(), seed)
                .actorHours(
                        hour.hourStartMillis(),
                        actors,
                        (p, missing) ->
                                out.printf("  %s not planted: the hour has no %s%n", p, missing));
    }

    /** Half the actors, by a hash of the login that does not depend on the seed's forests. */
    private boolean heldBack(String login) {
        long h = (login.hashCode() ^ seed) * 0x9E3779B97F4A7C15L;
        return (h >>> 63) == 1;
    }

    /** Every era's real hours under --data, each era a set; 2015 is a pair of hours. */
    private List<List<Path>> defaultSets() {
        List<List<Path>> sets = new ArrayList<>();
        for (List<String> set :
                List.of(
                        List.of("gharchive/hours/2011-02-15-0.json.gz"),
                        List.of("gharchive/hours/2013-02-15-0.json.gz"),
                        List.of(
                                "gharchive/hours/2015-01-01-0.json.gz",
                                "gharchive/hours/2015-01-01-15.json.gz"),
                        List.of("gharchive/samples/2025-01-01-15.first-2048-events.json.gz"),
                        List.of(
                                "seed-parity/2025-07-08-15.seed-parity.json.gz",
                                "seed-parity/2025-07-10-15.seed-parity.json.gz"))) {
            List<Path> files = new ArrayList<>();
            for (String f : set) {
                Path p = data.resolve(f);
                if (!Files.exists(p)) {
                    throw new IllegalArgumentException(
                            p + " is absent: give --input, or --data pointing at ../shared/data");
                }
                files.add(p);
            }
            sets.add(files);
        }
        return sets;
    }

    /** A file, or a directory's .json.gz files. */
    private static List<Path> files(Path p) throws IOException {
        if (!Files.exists(p)) {
            throw new IllegalArgumentException("--input " + p + " does not exist");
        }
        if (!Files.isDirectory(p)) {
            return List.of(p);
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(p)) {
            files =
                    s.filter(f -> f.getFileName().toString().endsWith(".json.gz"))
                            .sorted()
                            .toList();
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException(p + " holds no .json.gz file");
        }
        return files;
    }

    private static String setName(List<Path> files) {
        return files.size() == 1
                ? files.get(0).getFileName().toString().replace(".json.gz", "")
                : files.get(0).getParent().getFileName()
                        + " ("
                        + files.stream()
                                .map(f -> f.getFileName().toString().replaceAll("\\..*", ""))
                                .collect(java.util.stream.Collectors.joining(" + "))
                        + ")";
    }
}
