package io.ghanomaly.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ghanomaly.job.testing.JobRuns;
import io.ghanomaly.trainer.ModelTrainer;
import io.ghanomaly.trainer.TrainerConfig;
import io.javalin.Javalin;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.logging.Level;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard at {@code /} in a real headless Chromium, over the real service (ScoringApp on a
 * free port) and real job output (the job run over generated hours, scored by a model the trainer
 * made from them): every figure the page shows is compared with the JSON the API answers.
 */
class DashboardBrowserIT {
    @RegisterExtension static final MiniClusterExtension FLINK = JobRuns.cluster();

    @TempDir static Path work;

    static ServingState state;
    static Javalin app;
    static String base;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void serveRealJobOutput() throws Exception {
        if (!HeadlessChromium.isInstalled()) {
            return; // no minute of job runs: the test skips, or fails under CI=true, saying why
        }
        Path hours = work.resolve("hours");
        JobRuns.generatedHours(hours, "2025-01-01T00", 4);
        JobRuns.bounded("DashboardBrowserIT-history", hours, work.resolve("history"));
        Path models = work.resolve("models");
        ModelTrainer.Outcome trained =
                ModelTrainer.run(
                        TrainerConfig.parse(
                                new String[] {
                                    "--features", work.resolve("history").toString(),
                                    "--labels", hours.resolve("labels.csv").toString(),
                                    "--models", models.toString()
                                }),
                        new PrintStream(OutputStream.nullOutputStream()),
                        Map.of());
        assertThat(trained.promoted()).isTrue();
        Path output = work.resolve("output");
        JobRuns.bounded("DashboardBrowserIT", hours, output, "--models", models.toString());
        ApiConfig config = ApiConfig.of(output, models);
        state = ServingState.open(config);
        app = ScoringApp.create(config, state).start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + app.port();
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.stop();
        }
        if (state != null) {
            state.close();
        }
    }

    @Test
    void theDashboardShowsWhatTheApiAnswers() throws Exception {
        HeadlessChromium.assumeInstalled();
        JsonNode hours = get("/hours?limit=48").get("hours");
        assertThat(hours.size()).isGreaterThan(1);
        String latest = hourKey(hours.get(0).get("hour").asText());
        JsonNode model = get("/model");

        try (HeadlessChromium chromium =
                HeadlessChromium.start(work, moduleTarget("chromedriver.log"), 1400, 1300)) {
            ChromeDriver browser = chromium.driver();
            browser.get(base + "/");
            awaitHour(browser, latest);

            // The page and its chart library come from the service itself: no CDN, no fonts.
            assertThat(
                            script(
                                    browser,
                                    "return performance.getEntriesByType('resource')"
                                            + ".map(e => e.name)"))
                    .asInstanceOf(InstanceOfAssertFactories.LIST)
                    .isNotEmpty()
                    .allSatisfy(u -> assertThat((String) u).startsWith(base + "/"));

            checkModel(browser, model);
            checkChart(browser, hours);
            checkHourStats(browser, hours.get(0));
            JsonNode anomalies = get("/anomalies?hour=" + latest + "&limit=50").get("rows");
            assertThat(anomalies.size()).as("anomalies in %s", latest).isGreaterThan(1);
            checkAnomalyTable(browser, anomalies);
            checkTopActors(browser, get("/actors/top?hour=" + latest + "&limit=10").get("rows"));
            checkDrift(browser, get("/drift?hour=" + latest).get("reports"));
            checkAlerts(browser, get("/alerts?limit=20").get("alerts"));

            double threshold = checkThresholdHidesScoresBelowIt(browser, anomalies);
            checkPopulationFilter(browser, latest, threshold, model);

            String login = checkActorView(browser, anomalies, threshold);

            // The view is a link: the same address in a new page load shows the same view.
            String address = browser.getCurrentUrl();
            assertThat(address).contains("hour=" + latest).contains("min=");
            browser.get("about:blank");
            browser.get(address);
            awaitHour(browser, latest);
            awaitActor(browser, login);
            assertThat(browser.findElement(By.id("threshold-value")).getText())
                    .isEqualTo(String.format(Locale.ROOT, "%.2f", threshold));
            assertVisibleAtOrAbove(browser, anomalies, threshold);
            chromium.saveFullPageScreenshot(moduleTarget("dashboard.png"));

            checkChartClickOpensThatHour(browser, hours);

            List<String> errors = new ArrayList<>();
            for (LogEntry e : browser.manage().logs().get(LogType.BROWSER)) {
                if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    errors.add(e.getMessage());
                }
            }
            assertThat(errors).as("errors in the browser console").isEmpty();
        }
    }

    // -----------------------------------------------------------------------------------------

    private static void checkModel(WebDriver browser, JsonNode model) {
        assertThat(text(browser, By.id("model-version"))).isEqualTo(model.get("version").asText());
        String window = text(browser, By.id("model-window"));
        assertThat(window)
                .contains(minute(model.get("trained_from").asText()))
                .contains(minute(model.get("trained_to").asText()));
        List<WebElement> thresholds =
                browser.findElements(By.cssSelector("#model-thresholds li[data-population]"));
        assertThat(thresholds).hasSize(model.get("thresholds").size());
        for (WebElement li : thresholds) {
            String population = li.getDomAttribute("data-population");
            assertThat(li.findElement(By.cssSelector(".num")).getText())
                    .isEqualTo(fixed3(model.get("thresholds").get(population).asDouble()));
        }
    }

    private static void checkChart(ChromeDriver browser, JsonNode hours) {
        @SuppressWarnings("unchecked")
        Map<String, Object> chart =
                (Map<String, Object>)
                        script(
                                browser,
                                "const c = Chart.getChart('trend-chart');"
                                        + "const m = c.getDatasetMeta(0);"
                                        + "return {labels: c.data.labels,"
                                        + " events: c.data.datasets[0].data,"
                                        + " actors: c.data.datasets[1].data,"
                                        + " rate: c.data.datasets[2].data,"
                                        + " drawn: m.data.filter(b => b.height > 0).length};");
        List<String> labels = new ArrayList<>();
        List<Long> events = new ArrayList<>();
        List<Long> actors = new ArrayList<>();
        List<Double> rate = new ArrayList<>();
        for (int i = hours.size() - 1; i >= 0; i--) { // the chart runs oldest to newest
            JsonNode h = hours.get(i);
            labels.add(hourKey(h.get("hour").asText()));
            events.add(h.get("events").asLong());
            actors.add(h.get("actors").asLong());
            rate.add(h.get("anomaly_rate").asDouble() * 100);
        }
        assertThat(chart.get("labels")).isEqualTo(labels);
        assertThat(longs(chart.get("events"))).isEqualTo(events);
        assertThat(longs(chart.get("actors"))).isEqualTo(actors);
        List<Double> drawnRate = doubles(chart.get("rate"));
        assertThat(drawnRate).hasSameSizeAs(rate);
        for (int i = 0; i < rate.size(); i++) {
            assertThat(drawnRate.get(i)).isCloseTo(rate.get(i), offset(1e-9));
        }
        assertThat(((Number) chart.get("drawn")).intValue())
                .as("bars drawn")
                .isEqualTo(hours.size());
        // The chart's accessible twin: the same hours as a table, newest first.
        List<WebElement> rows = browser.findElements(By.cssSelector("#hours-table tbody tr"));
        assertThat(rows).hasSize(hours.size());
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i).getDomAttribute("data-hour"))
                    .isEqualTo(hourKey(hours.get(i).get("hour").asText()));
        }
    }

    private static void checkHourStats(WebDriver browser, JsonNode hour) {
        assertThat(number(text(browser, By.cssSelector("[data-stat=events] dd"))))
                .isEqualTo(hour.get("events").asDouble());
        assertThat(number(text(browser, By.cssSelector("[data-stat=actors] dd"))))
                .isEqualTo(hour.get("actors").asDouble());
        assertThat(number(text(browser, By.cssSelector("[data-stat=anomalies] dd"))))
                .isEqualTo(hour.get("anomalies").asDouble());
        for (JsonNode v : hour.get("model_versions")) {
            assertThat(text(browser, By.cssSelector("[data-stat=model_versions] dd")))
                    .contains(v.asText());
        }
    }

    /** Every row the API answered, in its order, with its score, population, bot flag and why. */
    private static void checkAnomalyTable(WebDriver browser, JsonNode rows) {
        List<WebElement> trs =
                browser.findElements(By.cssSelector("#anomalies-table tbody tr[data-login]"));
        assertThat(trs).hasSize(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            JsonNode r = rows.get(i);
            WebElement tr = trs.get(i);
            List<WebElement> cells = tr.findElements(By.xpath("./th|./td"));
            assertThat(cells.get(0).getText()).isEqualTo(r.get("actor_login").asText());
            String severity = r.get("severity").asText();
            assertThat(cells.get(1).getText())
                    .isEqualTo(
                            fixed3(r.get("score").asDouble())
                                    + (severity.equals("high") || severity.equals("critical")
                                            ? severity
                                            : ""));
            assertThat(cells.get(2).getText()).isEqualToIgnoringCase(r.get("population").asText());
            assertThat(cells.get(3).getText())
                    .isEqualTo(r.get("is_bot").asBoolean() ? "bot" : "no");
            checkExplanation(cells.get(4), r);
        }
    }

    private static void checkExplanation(WebElement cell, JsonNode row) {
        List<WebElement> items = cell.findElements(By.cssSelector("li[data-feature]"));
        JsonNode top = row.get("top_features");
        assertThat(items).hasSize(top.size());
        for (int j = 0; j < top.size(); j++) {
            String name = top.get(j).get("name").asText();
            assertThat(items.get(j).getDomAttribute("data-feature")).isEqualTo(name);
            assertThat(items.get(j).findElement(By.cssSelector(".name")).getText()).isEqualTo(name);
            assertThat(number(items.get(j).findElement(By.cssSelector(".value")).getText()))
                    .isCloseTo(top.get(j).get("value").asDouble(), offset(0.0005));
        }
    }

    private static void checkTopActors(WebDriver browser, JsonNode rows) {
        assertThat(rows.size()).isGreaterThan(0);
        List<WebElement> trs =
                browser.findElements(By.cssSelector("#top-table tbody tr[data-login]"));
        assertThat(trs).hasSize(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            JsonNode r = rows.get(i);
            List<WebElement> cells = trs.get(i).findElements(By.xpath("./th|./td"));
            assertThat(trs.get(i).getDomAttribute("data-login"))
                    .isEqualTo(r.get("actor_login").asText());
            assertThat(number(cells.get(1).getText()))
                    .isEqualTo(r.get("features").get("event_count").asDouble());
        }
    }

    private static void checkDrift(WebDriver browser, JsonNode reports) {
        assertThat(reports.size()).isGreaterThan(0);
        List<WebElement> trs =
                browser.findElements(By.cssSelector("#drift-table tbody tr[data-feature]"));
        int i = 0;
        for (JsonNode r : reports) {
            for (JsonNode f : r.get("features")) {
                WebElement tr = trs.get(i++);
                assertThat(tr.getDomAttribute("data-population"))
                        .isEqualTo(r.get("population").asText());
                assertThat(tr.getDomAttribute("data-feature")).isEqualTo(f.get("feature").asText());
                List<WebElement> cells = tr.findElements(By.xpath("./th|./td"));
                assertThat(cells.get(2).getText()).isEqualTo(f.get("test").asText());
                assertThat(number(cells.get(3).getText()))
                        .isCloseTo(f.get("statistic").asDouble(), offset(0.0005));
                if (f.path("usual_statistic").isNull()
                        || f.path("usual_statistic").isMissingNode()) {
                    assertThat(cells.get(4).getText()).isEqualTo("–");
                } else {
                    assertThat(number(cells.get(4).getText()))
                            .isCloseTo(f.get("usual_statistic").asDouble(), offset(0.0005));
                }
                assertThat(tr.findElements(By.cssSelector(".badge.flag")).isEmpty())
                        .isEqualTo(!f.get("drifted").asBoolean());
            }
        }
        assertThat(trs).hasSize(i);
        assertThat(browser.findElement(By.id("drift-summary")).getText())
                .contains(
                        reports.get(0).get("population").asText() + ":",
                        reports.get(0).get("critical").asLong() + " critical");
    }

    private static void checkAlerts(WebDriver browser, JsonNode alerts) {
        assertThat(attribute(browser, By.id("alerts-table"), "data-state")).isEqualTo("ready");
        List<WebElement> trs =
                browser.findElements(By.cssSelector("#alerts-table tbody tr[data-id]"));
        assertThat(trs).hasSize(alerts.size());
        for (int i = 0; i < alerts.size(); i++) {
            assertThat(trs.get(i).getDomAttribute("data-id"))
                    .isEqualTo(alerts.get(i).get("id").asText());
        }
    }

    /**
     * Moves the slider with the keyboard to a threshold with rows on both sides, then checks that
     * exactly the rows scoring below it are hidden.
     */
    private static double checkThresholdHidesScoresBelowIt(WebDriver browser, JsonNode rows) {
        int steps = -1;
        int bestBalance = Integer.MAX_VALUE;
        for (int k = 1; k <= 100; k++) {
            int above = 0;
            for (JsonNode r : rows) {
                if (r.get("score").asDouble() >= k / 100.0) {
                    above++;
                }
            }
            int balance = Math.abs(rows.size() - 2 * above);
            if (above > 0 && above < rows.size() && balance < bestBalance) {
                bestBalance = balance;
                steps = k;
            }
        }
        assertThat(steps).as("a threshold with rows on both sides").isPositive();
        WebElement slider = browser.findElement(By.id("threshold"));
        assertThat(slider.getDomProperty("value")).isEqualTo("0");
        for (int i = 0; i < steps; i++) {
            slider.sendKeys(Keys.ARROW_RIGHT);
        }
        double threshold = Double.parseDouble(slider.getDomProperty("value"));
        assertThat(threshold).isCloseTo(steps / 100.0, offset(1e-9));
        assertThat(browser.switchTo().activeElement().getDomAttribute("id")).isEqualTo("threshold");
        await(browser, b -> b.getCurrentUrl().contains("min="));
        assertVisibleAtOrAbove(browser, rows, threshold);
        return threshold;
    }

    private static void assertVisibleAtOrAbove(WebDriver browser, JsonNode rows, double t) {
        List<WebElement> trs =
                browser.findElements(By.cssSelector("#anomalies-table tbody tr[data-login]"));
        assertThat(trs).hasSize(rows.size());
        int visible = 0;
        for (int i = 0; i < rows.size(); i++) {
            double score = rows.get(i).get("score").asDouble();
            assertThat(trs.get(i).isDisplayed())
                    .as(
                            "row %d (%s, score %s) at threshold %s",
                            i, rows.get(i).get("actor_login"), score, t)
                    .isEqualTo(score >= t);
            visible += score >= t ? 1 : 0;
        }
        assertThat(visible).isPositive().isLessThan(rows.size());
        assertThat(text(browser, By.id("threshold-note")))
                .contains((rows.size() - visible) + " with a score below");
    }

    private static void checkPopulationFilter(
            WebDriver browser, String hour, double threshold, JsonNode model) throws Exception {
        if (!model.get("thresholds").has("people")) {
            return;
        }
        new Select(browser.findElement(By.id("population"))).selectByValue("people");
        await(browser, b -> b.getCurrentUrl().contains("pop=people"));
        awaitHour(browser, hour);
        JsonNode people =
                get("/anomalies?hour=" + hour + "&limit=50&population=people").get("rows");
        List<WebElement> trs =
                browser.findElements(By.cssSelector("#anomalies-table tbody tr[data-login]"));
        assertThat(trs).hasSize(people.size());
        for (int i = 0; i < people.size(); i++) {
            JsonNode r = people.get(i);
            assertThat(r.get("population").asText()).isEqualTo("people");
            assertThat(trs.get(i).getDomAttribute("data-login"))
                    .isEqualTo(r.get("actor_login").asText());
            assertThat(trs.get(i).isDisplayed()).isEqualTo(r.get("score").asDouble() >= threshold);
        }
        new Select(browser.findElement(By.id("population"))).selectByValue("");
        await(browser, b -> !b.getCurrentUrl().contains("pop="));
        awaitHour(browser, hour);
    }

    /** Clicks the top visible anomaly's login: its recent hours, each with why it was flagged. */
    private static String checkActorView(WebDriver browser, JsonNode anomalies, double threshold)
            throws Exception {
        WebElement link =
                browser
                        .findElements(By.cssSelector("#anomalies-table tbody tr[data-login]"))
                        .stream()
                        .filter(WebElement::isDisplayed)
                        .findFirst()
                        .orElseThrow()
                        .findElement(By.cssSelector("a.actor-link"));
        String login = link.getText();
        assertThat(login).isEqualTo(anomalies.get(0).get("actor_login").asText());
        assertThat(anomalies.get(0).get("score").asDouble()).isGreaterThanOrEqualTo(threshold);
        link.click();
        awaitActor(browser, login);
        assertThat(browser.getCurrentUrl())
                .contains("actor=" + URLEncoder.encode(login, StandardCharsets.UTF_8));
        assertThat(browser.switchTo().activeElement().getDomAttribute("id"))
                .as("focus moves to the actor view")
                .isEqualTo("actor-title");

        JsonNode rows = get("/actors/" + pathSegment(login) + "?hours=48").get("rows");
        assertThat(rows.size()).isPositive();
        List<WebElement> trs =
                browser.findElements(By.cssSelector("#actor-table tbody tr[data-hour]"));
        assertThat(trs).hasSize(rows.size());
        int flagged = 0;
        for (int i = 0; i < rows.size(); i++) {
            JsonNode r = rows.get(i);
            List<WebElement> cells = trs.get(i).findElements(By.xpath("./th|./td"));
            assertThat(trs.get(i).getDomAttribute("data-hour"))
                    .isEqualTo(hourKey(r.get("hour").asText()));
            assertThat(number(cells.get(1).getText()))
                    .isEqualTo(r.get("features").get("event_count").asDouble());
            assertThat(cells.get(2).getText()).isEqualTo(fixed3(r.get("score").asDouble()));
            assertThat(cells.get(3).getText())
                    .startsWith(r.get("is_anomaly").asBoolean() ? "flagged" : "normal");
            flagged += r.get("is_anomaly").asBoolean() ? 1 : 0;
            checkExplanation(cells.get(5), r);
        }
        assertThat(flagged).as("the top anomaly's hour is flagged").isPositive();
        assertThat(text(browser, By.id("actor-summary"))).contains(flagged + " flagged");
        return login;
    }

    private static void checkChartClickOpensThatHour(ChromeDriver browser, JsonNode hours)
            throws Exception {
        String oldest = hourKey(hours.get(hours.size() - 1).get("hour").asText());
        WebElement canvas = browser.findElement(By.id("trend-chart"));
        new Actions(browser).scrollToElement(canvas).perform();
        @SuppressWarnings("unchecked")
        List<Number> at =
                (List<Number>)
                        script(
                                browser,
                                "const c = Chart.getChart('trend-chart');"
                                        + "const b = c.getDatasetMeta(0).data[0];"
                                        + "const r = c.canvas.getBoundingClientRect();"
                                        + "return [b.x - r.width / 2, (b.y + b.base) / 2 - r.height / 2];");
        new Actions(browser)
                .moveToElement(canvas, at.get(0).intValue(), at.get(1).intValue())
                .click()
                .perform();
        await(browser, b -> b.getCurrentUrl().contains("hour=" + oldest));
        awaitHour(browser, oldest);
        assertThat(
                        new Select(browser.findElement(By.id("hour-select")))
                                .getFirstSelectedOption()
                                .getDomAttribute("value"))
                .isEqualTo(oldest);
        assertThat(browser.findElement(By.id("actor-view")).isDisplayed()).isFalse();
        assertThat(text(browser, By.id("hour-label"))).startsWith(hourText(oldest));
        JsonNode rows = get("/anomalies?hour=" + oldest + "&limit=50").get("rows");
        List<WebElement> trs =
                browser.findElements(By.cssSelector("#anomalies-table tbody tr[data-login]"));
        assertThat(trs).hasSize(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertThat(trs.get(i).getDomAttribute("data-login"))
                    .isEqualTo(rows.get(i).get("actor_login").asText());
        }
    }

    // -----------------------------------------------------------------------------------------

    /** A file in scoring-api/target, kept after the run (the screenshot, the driver's log). */
    private static Path moduleTarget(String name) {
        String root = System.getProperty("ghanomaly.project.root");
        Path module = root == null ? Path.of("") : Path.of(root, "scoring-api");
        return module.resolve("target").resolve(name).toAbsolutePath();
    }

    private static void awaitHour(WebDriver browser, String hour) {
        await(
                browser,
                b ->
                        "true".equals(attribute(b, By.tagName("body"), "data-ready"))
                                && isReadyFor(b, "anomalies-table", hour)
                                && isReadyFor(b, "top-table", hour)
                                && isReadyFor(b, "drift-table", hour));
    }

    private static boolean isReadyFor(WebDriver b, String table, String hour) {
        return "ready".equals(attribute(b, By.id(table), "data-state"))
                && hour.equals(attribute(b, By.id(table), "data-hour"));
    }

    private static void awaitActor(WebDriver browser, String login) {
        await(
                browser,
                b ->
                        b.findElement(By.id("actor-view")).isDisplayed()
                                && login.equals(b.findElement(By.id("actor-login")).getText())
                                && "ready"
                                        .equals(attribute(b, By.id("actor-table"), "data-state")));
    }

    private static String attribute(WebDriver b, By by, String name) {
        return b.findElement(by).getDomAttribute(name);
    }

    private static void await(WebDriver browser, Predicate<WebDriver> condition) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(condition::test);
    }

    private static Object script(WebDriver browser, String js) {
        return ((JavascriptExecutor) browser).executeScript(js);
    }

    private static String text(WebDriver browser, By by) {
        return browser.findElement(by).getText();
    }

    private static JsonNode get(String pathAndQuery) throws Exception {
        HttpResponse<String> res =
                HTTP.send(
                        HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as("GET %s: %s", pathAndQuery, res.body()).isEqualTo(200);
        return JSON.readTree(res.body());
    }

    private static String pathSegment(String login) {
        return URLEncoder.encode(login, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** "2025-01-01T15:00:00Z" → "2025-01-01T15", as the page keys hours. */
    private static String hourKey(String hour) {
        return hour.substring(0, 13);
    }

    /** "2025-01-01T15" → "2025-01-01 15:00", as the page writes hours. */
    private static String hourText(String key) {
        return key.substring(0, 10) + " " + key.substring(11, 13) + ":00";
    }

    /** An ISO instant as the page writes it: "2025-01-01 15:00". */
    private static String minute(String instant) {
        return Instant.parse(instant).toString().substring(0, 16).replace('T', ' ');
    }

    /** What JavaScript's {@code toFixed(3)} writes. */
    private static String fixed3(double v) {
        return new BigDecimal(v).setScale(3, RoundingMode.HALF_UP).toPlainString();
    }

    private static double number(String shown) {
        return Double.parseDouble(shown.replace(",", "").replace("%", "").trim());
    }

    private static List<Long> longs(Object list) {
        List<Long> out = new ArrayList<>();
        for (Object o : (List<?>) list) {
            out.add(((Number) o).longValue());
        }
        return out;
    }

    private static List<Double> doubles(Object list) {
        List<Double> out = new ArrayList<>();
        for (Object o : (List<?>) list) {
            out.add(((Number) o).doubleValue());
        }
        return out;
    }
}
