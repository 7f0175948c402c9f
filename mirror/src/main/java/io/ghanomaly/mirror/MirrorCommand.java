package io.ghanomaly.mirror;

import io.ghanomaly.core.archive.ArchiveHour;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ./gh-anomaly mirror}: the command line of the mirror. */
@Command(
        name = "gh-anomaly mirror",
        sortOptions = false,
        usageHelpWidth = 100,
        description = {
            "Downloads GH Archive hours (BASE-URL/YYYY-MM-DD-H.json.gz) for a UTC range, or keeps"
                    + " following the archive, into the directory the job watches.",
            "Each file is written as .NAME.part (resumed with a Range request after a broken"
                    + " try or run), checked by decompressing it whole, then renamed to NAME, in"
                    + " hour order. A 404 is recorded as a hole in DIR/_mirror-holes.tsv."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every file is there, or a recorded hole",
            "1:some file failed (see its FAILED line); run again to resume",
            "2:the command line is wrong (the message says what to fix)"
        })
public final class MirrorCommand implements Callable<Integer> {
    private static final Instant FIRST_ARCHIVE_HOUR = Instant.parse("2011-02-12T00:00:00Z");

    @Spec private CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = "work/hours",
            description = "where the hours go (default: ${DEFAULT-VALUE}; the script: $WORK/hours)")
    private Path out;

    @Option(
            names = "--from",
            paramLabel = "HOUR",
            description =
                    "first UTC hour, 2025-01-01T15 (or 2025-01-01 for its hour 00); with --follow,"
                            + " where to start (default there: the newest hour that is due)")
    private Instant from;

    @Option(
            names = "--to",
            paramLabel = "HOUR",
            description =
                    "first UTC hour NOT to fetch (the end is exclusive); with --follow, where to"
                            + " stop (default there: never)")
    private Instant to;

    @Option(
            names = "--follow",
            description =
                    "keep fetching each new hour once it is due, and retry it until it is there"
                            + " (default: off)")
    private boolean follow;

    @Option(
            names = "--parallel",
            paramLabel = "N",
            defaultValue = "4",
            description = "at most N downloads at once (default: ${DEFAULT-VALUE})")
    private int parallel;

    @Option(
            names = "--base-url",
            paramLabel = "URL",
            defaultValue = "https://data.gharchive.org",
            description = "where the archive is (default: ${DEFAULT-VALUE})")
    private URI baseUrl;

    @Option(
            names = "--retries",
            paramLabel = "N",
            defaultValue = "5",
            description =
                    "tries again after a network error, time-out, 5xx, 429 or corrupt file"
                            + " (default: ${DEFAULT-VALUE})")
    private int retries;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "30s",
            description =
                    "longest wait for a response's headers, and for the next bytes of its body"
                            + " (default: ${DEFAULT-VALUE})")
    private Duration timeout;

    @Option(
            names = "--backoff",
            paramLabel = "DURATION",
            defaultValue = "2s",
            description =
                    "wait before the first retry, doubled for each next one (at most 2min), plus"
                            + " jitter; a Retry-After header wins (default: ${DEFAULT-VALUE})")
    private Duration backoff;

    @Option(
            names = "--delay",
            paramLabel = "DURATION",
            defaultValue = "10min",
            description =
                    "follow: how long after an hour's end to first try it"
                            + " (default: ${DEFAULT-VALUE})")
    private Duration delay;

    @Option(
            names = "--poll",
            paramLabel = "DURATION",
            defaultValue = "1min",
            description =
                    "follow: how often to try again an hour that is not there yet"
                            + " (default: ${DEFAULT-VALUE})")
    private Duration poll;

    @Option(
            names = "--hole-after",
            paramLabel = "DURATION",
            defaultValue = "6h",
            description =
                    "a 404 for an hour that ended longer ago than this is a hole; before, the"
                            + " hour is not published yet (default: ${DEFAULT-VALUE})")
    private Duration holeAfter;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "this help")
    @SuppressWarnings("UnusedVariable") // picocli reads it
    private boolean help;

    private final PrintStream stdout;
    private final Clock clock;

    MirrorCommand(PrintStream stdout, Clock clock) {
        this.stdout = stdout;
        this.clock = clock;
    }

    public static void main(String[] args) {
        Thread main = Thread.currentThread();
        StopOnSignal stop = new StopOnSignal(main);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::stop, "mirror-stop"));
        int code = execute(args, System.out, System.err, Clock.systemUTC());
        stop.finished();
        if (!stop.stopping()) {
            System.exit(code);
        }
    }

    /** Parses, runs and returns the exit code; every usage error is one line on {@code stderr}. */
    static int execute(String[] args, PrintStream stdout, PrintStream stderr, Clock clock) {
        CommandLine cl = new CommandLine(new MirrorCommand(stdout, clock));
        cl.registerConverter(Instant.class, MirrorCommand::utcHour);
        cl.registerConverter(Duration.class, MirrorCommand::duration);
        cl.setOut(new PrintWriter(stdout, true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(stderr, true, StandardCharsets.UTF_8));
        cl.setParameterExceptionHandler(
                (e, a) -> {
                    e.getCommandLine()
                            .getErr()
                            .println(
                                    "gh-anomaly mirror: "
                                            + e.getMessage().replaceAll("\\s*\\R\\s*", " ")
                                            + " (see ./gh-anomaly mirror --help)");
                    return CommandLine.ExitCode.USAGE;
                });
        return cl.execute(args);
    }

    @Override
    public Integer call() throws InterruptedException {
        MirrorConfig config = config();
        prepare(config.out());
        List<ArchiveHour> files = List.of();
        if (!config.follow()) {
            files = Mirror.filesFor(config.from(), config.to(), stdout::println);
            stdout.printf(
                    "Mirroring %d files for UTC hours [%s, %s) from %s into %s%n",
                    files.size(), config.from(), config.to(), config.baseUrl(), config.out());
        }
        MirrorReport report = new MirrorReport(stdout, files.size());
        Mirror mirror = Mirror.create(config, clock, report);
        if (config.follow()) {
            new Follower(config, mirror, report, clock).run();
        } else {
            try {
                mirror.fetchAll(files, false);
            } catch (InterruptedException e) {
                stdout.println("Stopped; partial files stay for the next run to resume");
            }
        }
        MirrorReport.Summary summary = report.summary();
        stdout.println(summary.line());
        return summary.failed() > 0 ? 1 : 0;
    }

    private MirrorConfig config() {
        if (!follow && from == null && to == null) {
            throw usage("give a range (--from 2025-01-01T00 --to 2025-01-01T03) or --follow");
        }
        if (!follow && (from == null || to == null)) {
            throw usage(
                    (from == null ? "--to needs --from" : "--from needs --to")
                            + " (the range is [from, to)), or add --follow");
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw usage(
                    "--from "
                            + from
                            + " is not before --to "
                            + to
                            + ": the end is exclusive, so --to must be later");
        }
        if (from != null && from.isBefore(FIRST_ARCHIVE_HOUR)) {
            throw usage(
                    "--from "
                            + from
                            + " is before the archive begins ("
                            + FIRST_ARCHIVE_HOUR
                            + ")");
        }
        if (!follow && to.isAfter(clock.instant())) {
            throw usage(
                    "--to "
                            + to
                            + " is in the future: an hour is published after it ends; use"
                            + " --follow to wait for new hours");
        }
        if (parallel < 1 || parallel > 64) {
            throw usage("--parallel must be 1 to 64, not " + parallel);
        }
        if (retries < 0) {
            throw usage("--retries must be 0 or more, not " + retries);
        }
        if (!positive(timeout) || !positive(poll)) {
            throw usage("--timeout and --poll must be longer than 0");
        }
        if (backoff.isNegative() || delay.isNegative() || holeAfter.isNegative()) {
            throw usage("--backoff, --delay and --hole-after cannot be negative");
        }
        String scheme = baseUrl.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
            throw usage("--base-url must be an http:// or https:// URL, not " + baseUrl);
        }
        return new MirrorConfig(
                out, from, to, follow, parallel, baseUrl, retries, timeout, backoff, delay, poll,
                holeAfter);
    }

    /** Creates the output directory and proves it writable before any download starts. */
    private void prepare(Path dir) {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".mirror-", ".probe");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw usage(
                    "cannot write to --out "
                            + dir
                            + " ("
                            + FileFetcher.describe(e)
                            + "): choose a directory you can write to");
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private static boolean positive(Duration d) {
        return !d.isNegative() && !d.isZero();
    }

    private static Duration duration(String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    /** An hour as people type it; see {@link ArchiveHour#parse}. */
    static Instant utcHour(String text) {
        String howTo =
                "'" + text + "' is not a UTC hour: write 2025-01-01T15 (hour 00-23) or 2025-01-01";
        Instant hour;
        try {
            hour = ArchiveHour.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException(howTo);
        }
        if (!hour.truncatedTo(ChronoUnit.HOURS).equals(hour)) {
            throw new CommandLine.TypeConversionException(howTo + " (the start of an hour)");
        }
        return hour;
    }
}
