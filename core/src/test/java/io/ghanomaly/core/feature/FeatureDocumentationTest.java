package io.ghanomaly.core.feature;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's feature table is the user's documentation of {@link Feature}: keep them equal. */
class FeatureDocumentationTest {
    private static final Pattern ROW =
            Pattern.compile("^\\| `([a-z0-9_]+)` \\| ([a-z]+) \\| .+\\|$");

    @Test
    void readmeTableListsEveryFeatureInOrderWithItsKind() throws Exception {
        Path readme = Path.of(System.getProperty("ghanomaly.project.root", ".."), "README.md");
        List<String> documented = new ArrayList<>();
        boolean inSection = false;
        for (String line : Files.readAllLines(readme)) {
            if (line.startsWith("#")) {
                inSection = line.equals("### Features");
            }
            Matcher m = ROW.matcher(line);
            if (inSection && m.matches()) {
                documented.add(m.group(1) + ":" + m.group(2));
            }
        }
        List<String> defined =
                Arrays.stream(Feature.values())
                        .map(f -> f.columnName() + ":" + f.kind().name().toLowerCase(Locale.ROOT))
                        .toList();
        assertThat(documented).containsExactlyElementsOf(defined);
    }
}
