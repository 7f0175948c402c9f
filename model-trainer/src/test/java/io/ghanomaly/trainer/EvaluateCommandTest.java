package io.ghanomaly.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.ghanomaly.core.testing.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code ./gh-anomaly evaluate} on the real 2015 hours of ../shared/data. */
class EvaluateCommandTest {

    @Test
    void plantsEveryBehaviourIntoRealHoursAndBeatsTheReferenceOnAverage() throws Exception {
        Path hours = SharedData.require("gharchive/hours");
        Path out = Path.of("target/evaluate-test");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int code =
                EvaluateCommand.execute(
                        new String[] {
                            "--input", hours.resolve("2015-01-01-0.json.gz").toString(),
                            "--input", hours.resolve("2015-01-01-15.json.gz").toString(),
                            "--out", out.toString()
                        },
                        new PrintStream(stdout, true, StandardCharsets.UTF_8),
                        new PrintStream(stderr, true, StandardCharsets.UTF_8));

        String text = stdout.toString(StandardCharsets.UTF_8);
        assertThat(code).as(text + stderr).isZero();
        assertThat(text).contains("2015-01-01-15", "mean subtle", "severity of the real");
        List<String> csv = Files.readAllLines(out.resolve("evaluation.csv"));
        // 2 sets x 2 models x 8 behaviours x 2 strengths, and the header
        assertThat(csv).hasSize(1 + 2 * 2 * Plant.values().length * 2);
        double ours = meanAuc(csv, "ours");
        double reference = meanAuc(csv, "reference");
        assertThat(ours).isGreaterThan(reference);
    }

    @Test
    void measuresTheKindForestsBesideOursOnTheSameRows() throws Exception {
        Path hours = SharedData.require("gharchive/hours");
        Path out = Path.of("target/evaluate-kind-forests-test");
        Path pair = out.resolve("hours-2015"); // the README's set: the two 2015 hours as one
        Files.createDirectories(pair);
        for (String hour : List.of("2015-01-01-0.json.gz", "2015-01-01-15.json.gz")) {
            Files.deleteIfExists(pair.resolve(hour));
            Files.createSymbolicLink(pair.resolve(hour), hours.resolve(hour).toAbsolutePath());
        }
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        int code =
                EvaluateCommand.execute(
                        new String[] {
                            "--input", pair.toString(), "--kind-forests", "--out", out.toString()
                        },
                        new PrintStream(stdout, true, StandardCharsets.UTF_8),
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        String text = stdout.toString(StandardCharsets.UTF_8);
        assertThat(code).as(text).isZero();
        assertThat(text).contains("kind_forests: AUC  P@k", "kind forests");
        // one set, 3 models, 8 behaviours x 2 strengths, and the header
        List<String> csv = Files.readAllLines(out.resolve("evaluation.csv"));
        assertThat(csv).hasSize(1 + 3 * Plant.values().length * 2);
        // the ensemble has no threshold and no explanation: those cells are empty
        assertThat(csv.stream().filter(l -> l.contains(",kind_forests,")))
                .allSatisfy(l -> assertThat(l).matches(".*,,,\\d+"));
        // README: on the real 2015 hours it ranks subtle plants higher than our single forest
        assertThat(meanAuc(csv, "kind_forests", "subtle"))
                .isGreaterThan(meanAuc(csv, "ours", "subtle"));
    }

    @Test
    void saysWhatIsWrongWithTheCommandLine() {
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int code =
                EvaluateCommand.execute(
                        new String[] {"--input", "no/such/dir"},
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                        new PrintStream(stderr, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(stderr.toString(StandardCharsets.UTF_8))
                .contains("--input no/such/dir does not exist");
    }

    private static double meanAuc(List<String> csv, String model) {
        return meanAuc(csv, model, null);
    }

    private static double meanAuc(List<String> csv, String model, String strength) {
        return csv.stream()
                .skip(1)
                .map(l -> l.split(",", -1))
                .filter(f -> f[1].equals(model) && (strength == null || f[3].equals(strength)))
                .mapToDouble(f -> Double.parseDouble(f[6]))
                .average()
                .orElseThrow();
    }
}
