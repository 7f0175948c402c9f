package io.ghanomaly.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The project's own rules for its Dockerfiles, beside the linter's: a base image pinned to a tag, a
 * non-root user, a health check, and COPY sources that the repository or its build provides and
 * that the Dockerfile's .dockerignore lets into the build context.
 */
final class Dockerfiles {
    /** One instruction, continuation lines joined. */
    record Instruction(int line, String keyword, String arguments) {}

    private static final Pattern MAIN_CLASS =
            Pattern.compile("\"(io\\.ghanomaly\\.[A-Za-z0-9_.]+)\"");

    private Dockerfiles() {}

    static List<Instruction> parse(String text) {
        List<Instruction> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            int start = i;
            StringBuilder b = new StringBuilder();
            while (l.endsWith("\\") && i + 1 < lines.length) {
                b.append(l, 0, l.length() - 1).append(' ');
                l = lines[++i].strip();
            }
            b.append(l);
            String[] kw = b.toString().split("\\s+", 2);
            out.add(
                    new Instruction(
                            start + 1,
                            kw[0].toUpperCase(java.util.Locale.ROOT),
                            kw.length > 1 ? kw[1] : ""));
        }
        return out;
    }

    /** What breaks our rules in {@code dockerfile}, whose build context is {@code context}. */
    static List<String> problems(Path dockerfile, Path context) {
        List<Instruction> all = parse(Repo.read(dockerfile));
        List<String> problems = new ArrayList<>();
        String user = null;
        boolean healthcheck = false;
        List<String> ignore = ignoreFile(dockerfile);
        for (Instruction i : all) {
            switch (i.keyword()) {
                case "FROM" -> {
                    String image = i.arguments().split("\\s+", -1)[0];
                    String tag =
                            image.contains(":") ? image.substring(image.lastIndexOf(':') + 1) : "";
                    if (tag.isEmpty() || tag.equals("latest") || image.contains("$")) {
                        problems.add(
                                "line "
                                        + i.line()
                                        + ": base image "
                                        + image
                                        + " is not pinned to a tag");
                    }
                }
                case "USER" -> user = i.arguments().split(":", -1)[0].trim();
                case "HEALTHCHECK" -> healthcheck = !i.arguments().trim().equalsIgnoreCase("NONE");
                case "COPY", "ADD" -> {
                    List<String> words =
                            new ArrayList<>(List.of(i.arguments().trim().split("\\s+", -1)));
                    words.removeIf(w -> w.startsWith("--"));
                    for (String source : words.subList(0, words.size() - 1)) {
                        problems.addAll(sourceProblems(i.line(), source, context, ignore));
                    }
                }
                default -> {}
            }
        }
        if (user == null || user.equals("root") || user.equals("0")) {
            problems.add("the image runs as root: end with USER and a non-root user");
        }
        if (!healthcheck) {
            problems.add("no HEALTHCHECK");
        }
        Matcher m = MAIN_CLASS.matcher(Repo.read(dockerfile));
        while (m.find()) {
            if (!classExists(m.group(1))) {
                problems.add("main class " + m.group(1) + " is in no module's src/main/java");
            }
        }
        return problems;
    }

    private static List<String> sourceProblems(
            int line, String source, Path context, List<String> ignore) {
        List<String> problems = new ArrayList<>();
        String path = source.endsWith("/") ? source.substring(0, source.length() - 1) : source;
        if (!admitted(ignore, path)) {
            problems.add(
                    "line "
                            + line
                            + ": "
                            + source
                            + " is left out of the context by the .dockerignore");
        }
        String[] parts = path.split("/", -1);
        if (parts.length >= 3 && parts[1].equals("target")) {
            String pom =
                    Files.exists(context.resolve(parts[0] + "/pom.xml"))
                            ? Repo.read(context.resolve(parts[0] + "/pom.xml"))
                            : "";
            String output = parts[2];
            boolean classes =
                    output.equals("classes")
                            && Files.isDirectory(context.resolve(parts[0] + "/src/main/java"));
            boolean copied =
                    pom.contains(
                            "<outputDirectory>${project.build.directory}/"
                                    + output
                                    + "</outputDirectory>");
            boolean jar =
                    output.endsWith(".jar")
                            && pom.contains(
                                    "<finalName>"
                                            + output.substring(0, output.length() - 4)
                                            + "</finalName>");
            boolean built = classes || copied || jar;
            if (!built) {
                problems.add(
                        "line "
                                + line
                                + ": "
                                + source
                                + " is not something "
                                + parts[0]
                                + "'s build makes");
            }
        } else if (!Files.exists(context.resolve(path))) {
            problems.add("line " + line + ": " + source + " does not exist");
        }
        return problems;
    }

    /** The patterns of {@code <Dockerfile>.dockerignore} (BuildKit's), or of none. */
    static List<String> ignoreFile(Path dockerfile) {
        Path file = dockerfile.resolveSibling(dockerfile.getFileName() + ".dockerignore");
        if (!Files.exists(file)) {
            return List.of();
        }
        return Repo.read(file)
                .lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
    }

    /**
     * Whether a path reaches the build context: the last pattern that matches it or one of its
     * parents decides, {@code !} letting it in (Docker's rule).
     */
    static boolean admitted(List<String> patterns, String path) {
        boolean in = true;
        for (String p : patterns) {
            boolean exception = p.startsWith("!");
            String glob = exception ? p.substring(1) : p;
            glob = glob.endsWith("/") ? glob.substring(0, glob.length() - 1) : glob;
            Pattern regex = Pattern.compile(globToRegex(glob));
            for (String prefix = path;
                    prefix != null;
                    prefix =
                            prefix.contains("/")
                                    ? prefix.substring(0, prefix.lastIndexOf('/'))
                                    : null) {
                if (regex.matcher(prefix).matches()) {
                    in = exception;
                    break;
                }
            }
        }
        return in;
    }

    private static String globToRegex(String glob) {
        StringBuilder r = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                r.append(".*");
                i++;
            } else if (c == '*') {
                r.append("[^/]*");
            } else if (c == '?') {
                r.append("[^/]");
            } else {
                r.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return r.toString();
    }

    private static boolean classExists(String className) {
        String file = "src/main/java/" + className.replace('.', '/') + ".java";
        try (var modules = Files.list(Repo.ROOT)) {
            return modules.anyMatch(m -> Files.exists(m.resolve(file)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
