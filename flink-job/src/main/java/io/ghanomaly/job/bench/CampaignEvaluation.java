package io.ghanomaly.job.bench;

import io.ghanomaly.core.campaign.CampaignColumns;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;

/**
 * Holds the job's campaigns/ output against the planted ground truth ({@code campaigns.csv} of the
 * generator's PlantCampaigns): per campaign shape the share of its accounts and repositories found,
 * per look-alike the accounts wrongly flagged, and the precision over every flagged account
 * (planted look-alikes and the hours' own actors included).
 */
public final class CampaignEvaluation {
    /** What one shape of the ground truth came to. */
    public record ShapeResult(
            String shape,
            boolean campaign,
            int accounts,
            int accountsFound,
            int repos,
            int reposFound,
            int campaigns,
            double singlePurposeShare,
            double lowActivityShare) {
        public double accountRecall() {
            return accounts == 0 ? 0 : (double) accountsFound / accounts;
        }

        public double repoRecall() {
            return repos == 0 ? 0 : (double) reposFound / repos;
        }
    }

    /** Every shape, and the accounts flagged in all. */
    public record Result(
            List<ShapeResult> shapes, int flaggedAccounts, int flaggedCampaignAccounts) {
        public double precision() {
            return flaggedAccounts == 0 ? 1 : (double) flaggedCampaignAccounts / flaggedAccounts;
        }

        public ShapeResult shape(String name) {
            return shapes.stream().filter(s -> s.shape().equals(name)).findFirst().orElseThrow();
        }
    }

    private CampaignEvaluation() {}

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("Usage: CampaignEvaluation CAMPAIGNS_CSV OUTPUT_DIR");
            System.exit(2);
        }
        print(evaluate(Path.of(args[0]), Path.of(args[1]).resolve("campaigns")), System.out);
    }

    public static Result evaluate(Path labels, Path campaignsDir) {
        Map<String, List<String>> members = new HashMap<>(); // campaign id -> newest members
        Map<String, List<String>> repos = new HashMap<>();
        Map<String, Long> newest = new HashMap<>();
        Map<String, double[]> shares = new HashMap<>(); // single-purpose, low-activity
        for (GenericRecord r : rows(campaignsDir)) {
            String id = r.get(CampaignColumns.ID).toString();
            long hour = (Long) r.get(CampaignColumns.HOUR_START_MS);
            if (newest.getOrDefault(id, Long.MIN_VALUE) < hour) {
                newest.put(id, hour);
                members.put(id, strings(r.get(CampaignColumns.MEMBERS)));
                repos.put(id, strings(r.get(CampaignColumns.REPOS)));
                shares.put(
                        id,
                        new double[] {
                            (Double) r.get(CampaignColumns.SINGLE_PURPOSE_SHARE),
                            (Double) r.get(CampaignColumns.LOW_ACTIVITY_SHARE)
                        });
            }
        }
        Map<String, Set<String>> campaignsOfAccount = new HashMap<>();
        members.forEach(
                (id, logins) ->
                        logins.forEach(
                                l ->
                                        campaignsOfAccount
                                                .computeIfAbsent(l, k -> new HashSet<>())
                                                .add(id)));
        Set<String> flaggedRepos = new HashSet<>();
        repos.values().forEach(flaggedRepos::addAll);

        Map<String, Boolean> isCampaign = new LinkedHashMap<>();
        Map<String, List<String>> accountsOf = new LinkedHashMap<>();
        Map<String, List<String>> reposOf = new LinkedHashMap<>();
        Set<String> campaignAccounts = new HashSet<>();
        try (Stream<String> lines = Files.lines(labels)) {
            for (String line : (Iterable<String>) lines.skip(1)::iterator) {
                String[] f = line.split(",", 4);
                isCampaign.put(f[0], f[1].equals("campaign"));
                (f[2].equals("account") ? accountsOf : reposOf)
                        .computeIfAbsent(f[0], k -> new ArrayList<>())
                        .add(f[3]);
                if (f[1].equals("campaign") && f[2].equals("account")) {
                    campaignAccounts.add(f[3]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<ShapeResult> shapes = new ArrayList<>();
        for (String shape : isCampaign.keySet()) {
            List<String> accounts = accountsOf.getOrDefault(shape, List.of());
            List<String> targets = reposOf.getOrDefault(shape, List.of());
            Set<String> ids = new HashSet<>();
            int found = 0;
            for (String a : accounts) {
                Set<String> of = campaignsOfAccount.get(a);
                if (of != null) {
                    found++;
                    ids.addAll(of);
                }
            }
            int reposFound = (int) targets.stream().filter(flaggedRepos::contains).count();
            double singlePurpose =
                    ids.stream().mapToDouble(id -> shares.get(id)[0]).average().orElse(Double.NaN);
            double lowActivity =
                    ids.stream().mapToDouble(id -> shares.get(id)[1]).average().orElse(Double.NaN);
            shapes.add(
                    new ShapeResult(
                            shape,
                            isCampaign.get(shape),
                            accounts.size(),
                            found,
                            targets.size(),
                            reposFound,
                            ids.size(),
                            singlePurpose,
                            lowActivity));
        }
        int flagged = campaignsOfAccount.size();
        int right =
                (int)
                        campaignsOfAccount.keySet().stream()
                                .filter(campaignAccounts::contains)
                                .count();
        return new Result(shapes, flagged, right);
    }

    public static void print(Result r, PrintStream out) {
        out.printf(
                "%-28s %-10s %9s %9s %8s %7s %7s %8s %10s %9s %9s%n",
                "shape",
                "kind",
                "accounts",
                "found",
                "recall",
                "repos",
                "found",
                "recall",
                "campaigns",
                "1-purpose",
                "low-act.");
        for (ShapeResult s : r.shapes()) {
            out.printf(
                    "%-28s %-10s %,9d %,9d %8.3f %,7d %,7d %8.3f %10d %9s %9s%n",
                    s.shape(),
                    s.campaign() ? "campaign" : "look-alike",
                    s.accounts(),
                    s.accountsFound(),
                    s.accountRecall(),
                    s.repos(),
                    s.reposFound(),
                    s.repoRecall(),
                    s.campaigns(),
                    share(s.singlePurposeShare()),
                    share(s.lowActivityShare()));
        }
        out.printf(
                "accounts flagged: %,d, of them planted campaign accounts: %,d, precision %.3f%n",
                r.flaggedAccounts(), r.flaggedCampaignAccounts(), r.precision());
        out.println(
                "(found: in a campaign of campaigns/; for a look-alike, found accounts are false"
                        + " alarms; campaigns: how many campaign ids its accounts are spread over;"
                        + " 1-purpose, low-act.: the shares of the campaign's members that acted"
                        + " on its repositories only, and that did so within one day)");
    }

    private static String share(double v) {
        return Double.isNaN(v) ? "-" : String.format(java.util.Locale.ROOT, "%.2f", v);
    }

    private static List<String> strings(Object list) {
        List<String> out = new ArrayList<>();
        for (Object o : (List<?>) list) {
            out.add(o.toString());
        }
        return out;
    }

    private static List<GenericRecord> rows(Path dir) {
        List<GenericRecord> rows = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return rows;
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files =
                    s.filter(p -> p.getFileName().toString().endsWith(".parquet"))
                            .filter(p -> !p.getFileName().toString().startsWith("."))
                            .sorted()
                            .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path file : files) {
            try (ParquetReader<GenericRecord> reader =
                    AvroParquetReader.<GenericRecord>builder(new LocalInputFile(file))
                            .withConf(new PlainParquetConfiguration())
                            .build()) {
                for (GenericRecord r = reader.read(); r != null; r = reader.read()) {
                    rows.add(r);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return rows;
    }
}
