package io.ghanomaly.core.label;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * States that an actor showed a planted behaviour in an hour: the answer key for evaluating a
 * detector on generated data.
 *
 * @param actorLogin the actor's login as it appears in {@code actor.login}
 * @param hour the start of the UTC hour the behaviour was planted in
 * @param behaviour what was planted
 */
public record GroundTruthLabel(String actorLogin, Instant hour, PlantedBehaviour behaviour) {

    /** The first line of every labels CSV. */
    public static final String CSV_HEADER = "actor,hour,behaviour";

    public GroundTruthLabel {
        Objects.requireNonNull(actorLogin, "actorLogin");
        Objects.requireNonNull(hour, "hour");
        Objects.requireNonNull(behaviour, "behaviour");
        if (actorLogin.isEmpty()) {
            throw new IllegalArgumentException("actorLogin must not be empty");
        }
        // Logins are letters, digits, hyphens and "[bot]", so the CSV needs no quoting; a login
        // that would need it is a bug upstream and must not corrupt the file silently.
        for (int i = 0; i < actorLogin.length(); i++) {
            char c = actorLogin.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                throw new IllegalArgumentException(
                        "actorLogin must not contain commas, quotes or line breaks: " + actorLogin);
            }
        }
        if (hour.getNano() != 0 || hour.getEpochSecond() % 3600 != 0) {
            throw new IllegalArgumentException("hour must be the start of a UTC hour: " + hour);
        }
    }

    /** Writes the labels as UTF-8 CSV with the header {@value #CSV_HEADER}, one label a line. */
    public static void writeCsv(List<GroundTruthLabel> labels, Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(CSV_HEADER);
            out.write('\n');
            for (GroundTruthLabel label : labels) {
                out.write(label.actorLogin());
                out.write(',');
                out.write(label.hour().toString());
                out.write(',');
                out.write(label.behaviour().name());
                out.write('\n');
            }
        }
    }

    /**
     * Reads labels written by {@link #writeCsv}; blank lines are skipped.
     *
     * @throws IOException if the file cannot be read, or names the line that is malformed
     */
    public static List<GroundTruthLabel> readCsv(Path file) throws IOException {
        List<GroundTruthLabel> labels = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null || !header.strip().equals(CSV_HEADER)) {
                throw new IOException(
                        file
                                + " line 1: expected the header '"
                                + CSV_HEADER
                                + "', found '"
                                + header
                                + "'");
            }
            int lineNumber = 1;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNumber++;
                if (!line.isBlank()) {
                    labels.add(parseLine(line.strip(), file, lineNumber));
                }
            }
        }
        return labels;
    }

    private static GroundTruthLabel parseLine(String line, Path file, int lineNumber)
            throws IOException {
        int firstComma = line.indexOf(',');
        int secondComma = firstComma < 0 ? -1 : line.indexOf(',', firstComma + 1);
        if (secondComma < 0 || line.indexOf(',', secondComma + 1) >= 0) {
            throw malformed(file, lineNumber, "expected 3 fields actor,hour,behaviour", line);
        }
        String login = line.substring(0, firstComma);
        String hourText = line.substring(firstComma + 1, secondComma);
        String behaviourText = line.substring(secondComma + 1);
        Instant hour;
        try {
            hour = Instant.parse(hourText);
        } catch (DateTimeParseException e) {
            throw malformed(
                    file, lineNumber, "hour is not an ISO instant like 2025-01-01T15:00:00Z", line);
        }
        PlantedBehaviour behaviour;
        try {
            behaviour = PlantedBehaviour.valueOf(behaviourText);
        } catch (IllegalArgumentException e) {
            throw malformed(file, lineNumber, "unknown behaviour '" + behaviourText + "'", line);
        }
        try {
            return new GroundTruthLabel(login, hour, behaviour);
        } catch (IllegalArgumentException e) {
            throw malformed(file, lineNumber, e.getMessage(), line);
        }
    }

    private static IOException malformed(Path file, int lineNumber, String problem, String line) {
        return new IOException(file + " line " + lineNumber + ": " + problem + ": '" + line + "'");
    }
}
