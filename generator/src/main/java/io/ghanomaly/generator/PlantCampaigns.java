package io.ghanomaly.generator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghanomaly.core.archive.ArchiveHour;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Plants coordinated campaigns of several shapes, and organic look-alikes that must not be taken
 * for one, into a directory of hours (generated or real, of 2015 or later), and writes the copies
 * with {@code campaigns.csv}: which accounts and repositories each shape holds.
 *
 * <p>Every planted event is a real event of the same hour and type (payload and all) cloned onto
 * the planted account and repository at the planted second, so the job reads the planted actions as
 * it reads the archive's own. A shape spans at most as many hours as there are.
 */
public final class PlantCampaigns {
    static final String USAGE =
            """
            Usage: PlantCampaigns --in DIR --out DIR [--seed N]

              --in DIR    hours (YYYY-MM-DD-H.json.gz) of 2015 or later, generated or real
              --out DIR   the same hours with campaigns and look-alikes planted, and
                          campaigns.csv (shape,kind,role,name): kind campaign or lookalike,
                          role account or repo
              --seed N    (default 42)
            """;

    private static final long HOUR = 3_600_000L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> ACTIONS =
            Map.of(
                    "WatchEvent", "started",
                    "PullRequestEvent", "opened",
                    "IssueCommentEvent", "created");

    /**
     * A planted shape: accounts acting on targets, each on a share of them, over some hours, and
     * each also acting on {@code ownOtherTargets} repositories of its own choosing (a star, or
     * every third a push), as accounts that are not only a campaign's do.
     */
    record Shape(
            String name,
            boolean campaign,
            int accounts,
            int targets,
            double share,
            List<String> types,
            int spanHours,
            int ownOtherTargets) {}

    /** The shapes planted, campaigns first. */
    static final List<Shape> SHAPES =
            List.of(
                    // name, campaign?, accounts, targets, share, types, hours, own other targets
                    shape("paid-star-ring", true, 80, 30, 0.7, "WatchEvent", 72, 0),
                    shape("fork-farm", true, 60, 15, 0.8, "ForkEvent", 48, 0),
                    shape("comment-spam-ring", true, 55, 12, 0.75, "IssueCommentEvent", 24, 0),
                    shape("small-tight-group", true, 50, 10, 1.0, "WatchEvent", 2, 0),
                    shape(
                            "ring-with-normal-activity",
                            true,
                            70,
                            20,
                            0.65,
                            "WatchEvent,ForkEvent",
                            96,
                            12),
                    shape("front-page-repo", false, 1_500, 1, 1.0, "WatchEvent", 1, 9),
                    shape("class-assignment", false, 40, 1, 1.0, "ForkEvent", 2, 9),
                    shape("release-day", false, 400, 1, 1.0, "WatchEvent,IssueCommentEvent", 3, 9),
                    shape("hacktoberfest", false, 600, 300, 4.0 / 300, "PullRequestEvent", 48, 9),
                    shape("trending-co-stars", false, 400, 10, 0.3, "WatchEvent", 72, 9),
                    shape(
                            "organisation-team",
                            false,
                            60,
                            12,
                            0.7,
                            "IssueCommentEvent,PullRequestEvent",
                            48,
                            3));

    private static Shape shape(
            String name,
            boolean campaign,
            int accounts,
            int targets,
            double share,
            String types,
            int spanHours,
            int ownOtherTargets) {
        return new Shape(
                name,
                campaign,
                accounts,
                targets,
                share,
                List.of(types.split(",")),
                spanHours,
                ownOtherTargets);
    }

    private PlantCampaigns() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Path in = null;
        Path outDir = null;
        long seed = 42;
        try {
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--help") || args[i].equals("-h")) {
                    out.print(USAGE);
                    return 0;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                String v = args[++i];
                switch (args[i - 1]) {
                    case "--in" -> in = Path.of(v);
                    case "--out" -> outDir = Path.of(v);
                    case "--seed" -> seed = Long.parseLong(v);
                    default -> throw new IllegalArgumentException("unknown option " + args[i - 1]);
                }
            }
            if (in == null || outDir == null) {
                throw new IllegalArgumentException("--in DIR and --out DIR are required");
            }
            if (!Files.isDirectory(in)) {
                throw new IllegalArgumentException("--in " + in + " is not a directory");
            }
            if (in.toAbsolutePath().normalize().equals(outDir.toAbsolutePath().normalize())) {
                throw new IllegalArgumentException("--out must not be --in");
            }
            int planted = plant(in, outDir, seed, err);
            out.printf("planted %,d events of %d shapes into %s%n", planted, SHAPES.size(), outDir);
            return 0;
        } catch (NumberFormatException e) {
            err.println("PlantCampaigns: --seed is not a whole number");
            err.print(USAGE);
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("PlantCampaigns: " + e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (IOException e) {
            err.println("PlantCampaigns: failed: " + e);
            return 1;
        }
    }

    /** Plants every shape into the hours of {@code in}; returns the events planted. */
    public static int plant(Path in, Path out, long seed, PrintStream progress) throws IOException {
        List<Path> hours;
        try (Stream<Path> s = Files.list(in)) {
            hours =
                    s.filter(p -> ArchiveHour.ofPath(p.toString()).isPresent())
                            .sorted(
                                    (a, b) ->
                                            ArchiveHour.READ_ORDER.compare(
                                                    ArchiveHour.ofPath(a.toString()).get(),
                                                    ArchiveHour.ofPath(b.toString()).get()))
                            .toList();
        }
        if (hours.isEmpty()) {
            throw new IllegalArgumentException("no YYYY-MM-DD-H.json.gz hours in " + in);
        }
        for (Path h : hours) {
            if (ArchiveHour.ofPath(h.toString())
                    .get()
                    .start()
                    .isBefore(Instant.parse("2015-01-01T00:00:00Z"))) {
                throw new IllegalArgumentException(
                        h.getFileName()
                                + " is of the Timeline era (before 2015), whose events have"
                                + " another shape; plant into hours of 2015 or later");
            }
        }
        Files.createDirectories(out);
        SplittableRandom random = new SplittableRandom(seed);
        List<List<String[]>> actionsByHour =
                new ArrayList<>(); // per hour: type, login, repo, second
        for (int i = 0; i < hours.size(); i++) {
            actionsByHour.add(new ArrayList<>());
        }
        try (Writer labels = Files.newBufferedWriter(out.resolve("campaigns.csv"))) {
            labels.write("shape,kind,role,name\n");
            for (Shape shape : SHAPES) {
                plan(shape, hours.size(), random, actionsByHour, labels);
            }
        }
        int planted = 0;
        for (int i = 0; i < hours.size(); i++) {
            planted +=
                    rewrite(
                            hours.get(i),
                            out.resolve(hours.get(i).getFileName()),
                            actionsByHour.get(i),
                            random);
            progress.printf(
                    "%s: %,d events planted%n",
                    hours.get(i).getFileName(), actionsByHour.get(i).size());
        }
        return planted;
    }

    /**
     * Adds the shape's actions to the hours they fall in, and its accounts and targets to labels.
     */
    private static void plan(
            Shape shape,
            int hourCount,
            SplittableRandom random,
            List<List<String[]>> actionsByHour,
            Writer labels)
            throws IOException {
        int span = Math.min(shape.spanHours(), hourCount);
        int firstHour = random.nextInt(hourCount - span + 1);
        String kind = shape.campaign() ? "campaign" : "lookalike";
        List<String> targets = new ArrayList<>();
        Set<String> owners = new LinkedHashSet<>();
        // an organisation's team works on its own repositories: two owners; every other shape
        // acts on repositories of as many owners as there are repositories
        int ownerCount = shape.name().equals("organisation-team") ? 2 : shape.targets();
        while (owners.size() < ownerCount) {
            owners.add(TextSource.login(random));
        }
        List<String> ownerList = new ArrayList<>(owners);
        Set<String> names = new LinkedHashSet<>();
        while (targets.size() < shape.targets()) {
            String repo =
                    ownerList.get(targets.size() % ownerList.size())
                            + "/"
                            + TextSource.repoName(random.nextLong());
            if (names.add(repo)) {
                targets.add(repo);
            }
        }
        for (String t : targets) {
            labels.write(shape.name() + "," + kind + ",repo," + t + "\n");
        }
        int perAccount = Math.max(1, (int) Math.round(shape.targets() * shape.share()));
        for (int a = 0; a < shape.accounts(); a++) {
            String login =
                    TextSource.login(random) + "-" + Integer.toString(random.nextInt(1 << 20), 36);
            labels.write(shape.name() + "," + kind + ",account," + login + "\n");
            List<String> mine = new ArrayList<>(targets);
            for (int i = mine.size() - 1; i > 0; i--) { // a shuffle of the targets
                int j = random.nextInt(i + 1);
                String x = mine.get(i);
                mine.set(i, mine.get(j));
                mine.set(j, x);
            }
            for (String repo : mine.subList(0, perAccount)) {
                for (String type : shape.types()) {
                    add(actionsByHour, firstHour + random.nextInt(span), type, login, repo, random);
                }
            }
            for (int k = 0; k < shape.ownOtherTargets(); k++) { // what the account does besides
                String other =
                        TextSource.login(random) + "/" + TextSource.repoName(random.nextLong());
                add(
                        actionsByHour,
                        firstHour + random.nextInt(span),
                        k % 3 == 2 ? "PushEvent" : "WatchEvent",
                        login,
                        other,
                        random);
            }
        }
    }

    private static void add(
            List<List<String[]>> actionsByHour,
            int hour,
            String type,
            String login,
            String repo,
            SplittableRandom random) {
        actionsByHour
                .get(hour)
                .add(new String[] {type, login, repo, Integer.toString(random.nextInt(3600))});
    }

    /**
     * Copies the hour with its planted actions appended, each cloned from a real event of its type:
     * the file's bytes as they are, then a second gzip member of the planted events (a reader of
     * the archive reads every member). Only the lines up to one of each type planted are
     * decompressed, for the templates; an hour with nothing planted is linked, not copied.
     */
    private static int rewrite(Path from, Path to, List<String[]> actions, SplittableRandom random)
            throws IOException {
        if (actions.isEmpty()) {
            linkOrCopy(from, to);
            return 0;
        }
        long hourStart = ArchiveHour.ofPath(from.toString()).get().start().toEpochMilli();
        Set<String> types = new HashSet<>();
        actions.forEach(a -> types.add(a[0]));
        Map<String, String> template = templates(from, types);
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        int planted = 0;
        try (OutputStream raw =
                        Files.newOutputStream(
                                to, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                GZIPOutputStream gz = new GZIPOutputStream(raw, 1 << 16)) {
            for (String[] a : actions) {
                String line = template.get(a[0]);
                ObjectNode e = line == null ? minimal(a[0]) : (ObjectNode) JSON.readTree(line);
                e.put("id", Long.toString(9_000_000_000_000L + random.nextLong(1L << 40)));
                e.put("type", a[0]);
                ObjectNode actor = e.putObject("actor");
                actor.put("login", a[1]);
                ObjectNode repo = e.putObject("repo");
                repo.put("name", a[2]);
                e.remove("org");
                String action = ACTIONS.get(a[0]);
                if (action != null) { // what the archive writes for the action planted
                    (e.get("payload") instanceof ObjectNode p ? p : e.putObject("payload"))
                            .put("action", action);
                }
                e.put(
                        "created_at",
                        Instant.ofEpochMilli(hourStart + Long.parseLong(a[3]) * 1000).toString());
                gz.write(JSON.writeValueAsBytes(e));
                gz.write('\n');
                planted++;
            }
        }
        return planted;
    }

    /** The first line of each of these types in the hour, read until all are found. */
    private static Map<String, String> templates(Path hour, Set<String> types) throws IOException {
        Map<String, String> template = new HashMap<>();
        try (BufferedReader r =
                new BufferedReader(
                        new InputStreamReader(
                                new GZIPInputStream(Files.newInputStream(hour), 1 << 16),
                                StandardCharsets.UTF_8))) {
            for (String line; template.size() < types.size() && (line = r.readLine()) != null; ) {
                int at = line.indexOf("\"type\":\"");
                if (at >= 0) {
                    int end = line.indexOf('"', at + 8);
                    String type = line.substring(at + 8, end);
                    if (types.contains(type)) {
                        template.putIfAbsent(type, line);
                    }
                }
            }
        }
        return template;
    }

    private static void linkOrCopy(Path from, Path to) throws IOException {
        Files.deleteIfExists(to);
        try {
            Files.createLink(to, from);
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(from, to); // another file system, or no hard links
        }
    }

    /** An event of a type the hour has none of: the fields the archive always has, no payload. */
    private static ObjectNode minimal(String type) {
        ObjectNode e = JSON.createObjectNode();
        e.put("type", type);
        e.put("public", true);
        return e;
    }
}
