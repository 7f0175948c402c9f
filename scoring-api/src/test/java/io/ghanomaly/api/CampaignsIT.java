package io.ghanomaly.api;

import static io.ghanomaly.api.testing.ApiTesting.get;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghanomaly.api.testing.ApiTesting;
import io.ghanomaly.core.campaign.CampaignColumns;
import io.ghanomaly.job.testing.JobRuns;
import io.ghanomaly.job.testing.ParquetOutput;
import io.ghanomaly.job.testing.ParquetOutput.Row;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.logging.Level;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The campaign endpoints over what the real job found in the real 2025 hours of ../shared/data with
 * campaigns and look-alikes planted into them: answers held against the planted ground truth and
 * against the campaigns/ Parquet read independently (parquet-avro, not DuckDB).
 */
class CampaignsIT {
    @RegisterExtension static final MiniClusterExtension FLINK = JobRuns.cluster();

    @TempDir static Path work;
    static ApiConfig config;

    /** Planted campaign shape -> role (account, repo) -> names. */
    static final Map<String, Map<String, List<String>>> planted = new LinkedHashMap<>();

    static final Set<String> lookAlikes = new TreeSet<>();

    /** Campaign id -> its rows, oldest hour first: one per hour it was found or grew. */
    static final Map<String, List<Row>> rowsById = new HashMap<>();

    @BeforeAll
    static void runTheJob() throws Exception {
        Path input = JobRuns.realHoursWithCampaigns(work, 11);
        List<String> labels = Files.readAllLines(input.resolve("campaigns.csv"));
        for (String line : labels.subList(1, labels.size())) {
            String[] f = line.split(",", 4); // shape, kind, role, name
            if (f[1].equals("campaign")) {
                planted.computeIfAbsent(f[0], s -> new HashMap<>())
                        .computeIfAbsent(f[2], r -> new ArrayList<>())
                        .add(f[3]);
            } else if (f[2].equals("account")) {
                lookAlikes.add(f[3]);
            }
        }
        Path output = work.resolve("output");
        JobRuns.bounded("CampaignsIT", input, output);
        config = ApiConfig.of(output, Files.createDirectories(work.resolve("models")));
        for (Row r : ParquetOutput.rows(output.resolve("campaigns"))) {
            rowsById.computeIfAbsent(r.getString(CampaignColumns.ID), id -> new ArrayList<>())
                    .add(r);
        }
        rowsById.values()
                .forEach(
                        rows ->
                                rows.sort(
                                        Comparator.comparingLong(
                                                r -> r.getLong(CampaignColumns.HOUR_START_MS))));
        assertThat(rowsById).hasSizeGreaterThanOrEqualTo(planted.size());
    }

    private static Row newest(String id) {
        List<Row> rows = rowsById.get(id);
        return rows.get(rows.size() - 1);
    }

    @Test
    void listsEveryCampaignAtItsNewestState() throws Exception {
        ApiTesting.serve(
                config,
                (client, state) -> {
                    JsonNode all = get(client, "/campaigns?limit=1000").json();
                    assertThat(all.get("total").asInt()).isEqualTo(rowsById.size());
                    List<String> hours = new ArrayList<>();
                    for (JsonNode c : all.get("campaigns")) {
                        Row r = newest(c.get("id").asText());
                        assertThat(c.get("accounts").asInt())
                                .isEqualTo(r.getStrings(CampaignColumns.MEMBERS).size());
                        assertThat(c.get("repositories").asInt())
                                .isEqualTo(r.getStrings(CampaignColumns.REPOS).size());
                        assertThat(c.get("status").asText())
                                .isEqualTo(r.getString(CampaignColumns.STATUS));
                        assertThat(c.get("single_purpose_share").asDouble())
                                .isEqualTo(r.record().get(CampaignColumns.SINGLE_PURPOSE_SHARE));
                        assertThat(c.get("low_activity_share").asDouble())
                                .isEqualTo(r.record().get(CampaignColumns.LOW_ACTIVITY_SHARE));
                        assertThat(c.get("example_members").get(0).asText())
                                .isEqualTo(r.getStrings(CampaignColumns.MEMBERS).get(0));
                        hours.add(c.get("hour").asText());
                    }
                    assertThat(hours).isSortedAccordingTo(Comparator.reverseOrder());

                    JsonNode one = get(client, "/campaigns?limit=1").json();
                    assertThat(one.get("campaigns")).hasSize(1);
                    assertThat(one.get("total").asInt()).isEqualTo(rowsById.size());

                    JsonNode forks = get(client, "/campaigns?kind=fork").json().get("campaigns");
                    assertThat(forks).isNotEmpty();
                    forks.forEach(c -> assertThat(c.get("kinds").toString()).contains("\"fork\""));
                    String last = hours.get(0).substring(0, 13);
                    JsonNode recent = get(client, "/campaigns?since=" + last).json();
                    assertThat(recent.get("campaigns"))
                            .allSatisfy(c -> assertThat(c.get("hour").asText()).startsWith(last));

                    assertThat(get(client, "/campaigns?kind=push").status()).isEqualTo(400);
                    assertThat(get(client, "/campaigns?since=yesterday").status()).isEqualTo(400);
                    assertThat(get(client, "/campaigns?limit=0").status()).isEqualTo(400);
                    assertThat(get(client, "/campaigns?colour=red").status()).isEqualTo(400);
                });
    }

    /**
     * Each planted campaign is one campaign whose members hold its accounts, whose targets hold its
     * repositories, and whose timeline adds up to its members; its accounts and repositories find
     * it.
     */
    @Test
    void eachPlantedCampaignIsOneCampaignFoundFromItsAccountsAndRepositories() throws Exception {
        ApiTesting.serve(
                config,
                (client, state) -> {
                    for (var shape : planted.entrySet()) {
                        List<String> accounts = shape.getValue().get("account");
                        List<String> repos = shape.getValue().get("repo");
                        Set<String> ids = new HashSet<>();
                        for (String login : accounts) {
                            JsonNode of = get(client, "/actors/" + login + "/campaigns").json();
                            assertThat(of.get("login").asText()).isEqualTo(login);
                            of.get("campaigns").forEach(c -> ids.add(c.get("id").asText()));
                        }
                        assertThat(ids).as(shape.getKey()).hasSize(1);
                        String id = ids.iterator().next();

                        ApiTesting.Answer a = get(client, "/campaigns/" + id);
                        assertThat(a.status()).isEqualTo(200);
                        JsonNode detail = a.json();
                        List<String> members = texts(detail.get("members"));
                        assertThat(members)
                                .isEqualTo(newest(id).getStrings(CampaignColumns.MEMBERS));
                        assertThat(members.stream().filter(accounts::contains).count())
                                .as(shape.getKey() + " accounts among the members")
                                .isGreaterThanOrEqualTo(Math.round(0.95 * accounts.size()));
                        List<String> targets = texts(detail.get("repos"));
                        assertThat(targets.stream().filter(repos::contains).count())
                                .as(shape.getKey() + " repositories among the targets")
                                .isGreaterThanOrEqualTo(Math.round(0.95 * repos.size()));

                        JsonNode timeline = detail.get("timeline");
                        assertThat(timeline).hasSize(rowsById.get(id).size());
                        assertThat(timeline.get(0).get("status").asText()).isEqualTo("new");
                        Set<String> added = new TreeSet<>();
                        for (JsonNode step : timeline) {
                            added.addAll(texts(step.get("added_members")));
                            assertThat(step.get("delay_seconds").asLong()).isNotNegative();
                        }
                        assertThat(added).containsExactlyElementsOf(new TreeSet<>(members));

                        for (String repo : targets.subList(0, 3)) {
                            JsonNode of = get(client, "/repos/" + repo + "/campaigns").json();
                            assertThat(of.get("repo").asText()).isEqualTo(repo);
                            assertThat(texts(of.get("campaigns"), "id")).contains(id);
                        }
                    }
                });
    }

    @Test
    void lookAlikesAndStrangersAreInNoCampaign() throws Exception {
        ApiTesting.serve(
                config,
                (client, state) -> {
                    for (String login : lookAlikes) {
                        JsonNode of = get(client, "/actors/" + login + "/campaigns").json();
                        assertThat(of.get("campaigns")).as(login).isEmpty();
                    }
                    assertThat(
                                    get(client, "/repos/nobody/nothing/campaigns")
                                            .json()
                                            .get("campaigns"))
                            .isEmpty();
                    ApiTesting.Answer unknown = get(client, "/campaigns/campaign-none");
                    assertThat(unknown.status()).isEqualTo(404);
                    assertThat(unknown.error()).contains("campaign-none");
                });
    }

    /**
     * The dashboard in a real browser: the campaigns card lists what /campaigns answers; a campaign
     * opens as its members, targets and timeline; a member opens as an actor who is in it; and a
     * campaign alert's link opens that campaign.
     */
    @Test
    void theDashboardShowsACampaignAsItsMembersTargetsAndTimeline() throws Exception {
        HeadlessChromium.assumeInstalled();
        try (ServingState state = ServingState.open(config);
                HeadlessChromium chromium =
                        HeadlessChromium.start(
                                work, work.resolve("chromedriver.log"), 1400, 1300)) {
            Javalin app = ScoringApp.create(config, state).start("127.0.0.1", 0);
            try {
                String base = "http://127.0.0.1:" + app.port();
                JsonNode listed = ApiTesting.JSON.readTree(fetch(base + "/campaigns?limit=20"));
                ChromeDriver browser = chromium.driver();
                browser.get(base + "/");
                await(browser, b -> "ready".equals(attribute(b, "campaigns-table", "data-state")));
                List<WebElement> trs =
                        browser.findElements(By.cssSelector("#campaigns-table tbody tr[data-id]"));
                assertThat(trs).hasSize(listed.get("campaigns").size());
                for (int i = 0; i < trs.size(); i++) {
                    JsonNode c = listed.get("campaigns").get(i);
                    assertThat(trs.get(i).getDomAttribute("data-id"))
                            .isEqualTo(c.get("id").asText());
                    List<WebElement> cells = trs.get(i).findElements(By.tagName("td"));
                    assertThat(cells.get(1).getText().replace(",", ""))
                            .isEqualTo(c.get("accounts").asText());
                    assertThat(cells.get(2).getText().replace(",", ""))
                            .isEqualTo(c.get("repositories").asText());
                }

                String id = listed.get("campaigns").get(0).get("id").asText();
                JsonNode detail = ApiTesting.JSON.readTree(fetch(base + "/campaigns/" + id));
                trs.get(0).findElement(By.cssSelector("a.campaign-link")).click();
                awaitCampaign(browser, id);
                assertThat(browser.findElements(By.cssSelector("#campaign-members li")).size())
                        .isEqualTo(detail.get("members").size());
                assertThat(browser.findElements(By.cssSelector("#campaign-repos li")).size())
                        .isEqualTo(detail.get("repos").size());
                List<WebElement> steps =
                        browser.findElements(By.cssSelector("#campaign-timeline tbody tr"));
                assertThat(steps).hasSize(detail.get("timeline").size());
                assertThat(steps.get(0).getDomAttribute("data-status")).isEqualTo("new");
                assertThat(
                                browser.findElement(
                                                By.cssSelector(
                                                        "#campaign-stats [data-stat=single_purpose_share] dd"))
                                        .getText())
                        .isEqualTo(
                                String.format(
                                        java.util.Locale.ROOT,
                                        "%.2f%%",
                                        100
                                                * detail.get("campaign")
                                                        .get("single_purpose_share")
                                                        .asDouble()));
                chromium.saveFullPageScreenshot(moduleTarget("dashboard-campaign.png"));

                String member = detail.get("members").get(0).asText();
                browser.findElement(By.cssSelector("#campaign-members li a")).click();
                await(
                        browser,
                        b ->
                                b.findElement(By.id("actor-campaigns")).isDisplayed()
                                        && member.equals(
                                                b.findElement(By.id("actor-login")).getText()));
                assertThat(browser.findElement(By.id("actor-campaigns")).getText()).contains(id);

                // a campaign alert's link, as Slack and e-mail carry it, opens the campaign
                JsonNode alerts = ApiTesting.JSON.readTree(fetch(base + "/alerts?limit=1000"));
                JsonNode alert = null;
                for (JsonNode a : alerts.get("alerts")) {
                    if (a.get("rule").asText().equals("campaign_new")) {
                        alert = a;
                    }
                }
                assertThat(alert).as("a campaign_new alert").isNotNull();
                String link = alert.get("link").asText();
                String other = alert.get("evidence").get("campaign").asText();
                browser.get("about:blank");
                browser.get(base + "/" + link.substring(link.indexOf('#')));
                awaitCampaign(browser, other);

                List<String> errors = new ArrayList<>();
                for (LogEntry e : browser.manage().logs().get(LogType.BROWSER)) {
                    // without a model /model answers 503 and /drift 404, which the page says;
                    // the browser logs each such answer, which is not an error of the page
                    if (e.getLevel().intValue() >= Level.SEVERE.intValue()
                            && !e.getMessage().contains("Failed to load resource")) {
                        errors.add(e.getMessage());
                    }
                }
                assertThat(errors).as("errors in the browser console").isEmpty();
            } finally {
                app.stop();
            }
        }
    }

    private static void awaitCampaign(WebDriver browser, String id) {
        await(
                browser,
                b ->
                        b.findElement(By.id("campaign-view")).isDisplayed()
                                && id.equals(b.findElement(By.id("campaign-id")).getText())
                                && "ready".equals(attribute(b, "campaign-timeline", "data-state")));
    }

    /** A file in scoring-api/target, kept after the run. */
    private static Path moduleTarget(String name) {
        String root = System.getProperty("ghanomaly.project.root");
        Path module = root == null ? Path.of("") : Path.of(root, "scoring-api");
        return module.resolve("target").resolve(name).toAbsolutePath();
    }

    private static String attribute(WebDriver b, String id, String name) {
        return b.findElement(By.id(id)).getDomAttribute(name);
    }

    private static void await(WebDriver browser, Predicate<WebDriver> condition) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(condition::test);
    }

    private static String fetch(String url) throws Exception {
        HttpResponse<String> res =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(url))
                                        .timeout(Duration.ofSeconds(30))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as("GET %s: %s", url, res.body()).isEqualTo(200);
        return res.body();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get(field).asText()));
        return out;
    }
}
