package io.ghanomaly.api;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.ChromiumDriverLogLevel;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's Chromium, headless, driven by Debian's ChromeDriver on a free port. Both paths are given
 * explicitly: without them Selenium Manager tries to download a driver, which fails offline.
 * Closing it quits the browser and stops the driver process.
 *
 * <p>Install with {@code apt-get install chromium chromium-driver}. When either is missing, the
 * calling test is skipped with a message, or fails under {@code CI=true} so that CI cannot pass by
 * skipping.
 */
final class HeadlessChromium implements AutoCloseable {
    static final Path BROWSER = Path.of("/usr/lib/chromium/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriverService service, ChromeDriver driver, Path profile) {
        this.service = service;
        this.driver = driver;
        this.profile = profile;
    }

    /** Whether Debian's chromium and chromium-driver are where they install. */
    static boolean isInstalled() {
        return Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
    }

    /**
     * Skips the calling test (fails it under CI=true) unless Chromium and ChromeDriver are here.
     */
    static void assumeInstalled() {
        String absent =
                "Chromium ("
                        + BROWSER
                        + ") and ChromeDriver ("
                        + DRIVER
                        + ") are needed: apt-get install chromium chromium-driver";
        boolean installed = isInstalled();
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            assertTrue(installed, "CI=true and " + absent);
        }
        assumeTrue(installed, "skipped: " + absent);
    }

    /**
     * Starts the driver (logging to {@code driverLog}) and a browser with a fresh profile under
     * {@code workDir}.
     */
    static HeadlessChromium start(Path workDir, Path driverLog, int width, int height)
            throws IOException {
        assumeInstalled();
        Path profile = Files.createTempDirectory(workDir, "chromium-profile");
        Files.createDirectories(driverLog.toAbsolutePath().getParent());
        ChromeDriverService service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(DRIVER.toFile())
                        .usingAnyFreePort()
                        .withLogFile(driverLog.toFile())
                        .withLogLevel(ChromiumDriverLogLevel.WARNING)
                        .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-quic",
                "--no-first-run",
                "--no-default-browser-check",
                "--lang=en-US",
                "--window-size=" + width + "," + height,
                "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriver driver;
        try {
            driver = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            service.stop();
            throw e;
        }
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        driver.manage().window().setSize(new Dimension(width, height));
        return new HeadlessChromium(service, driver, profile);
    }

    ChromeDriver driver() {
        return driver;
    }

    /** A PNG of the whole page, not only the window, into {@code file}. */
    void saveFullPageScreenshot(Path file) throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> metrics =
                (Map<String, Object>) driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
        double w = ((Number) size.get("width")).doubleValue();
        double h = ((Number) size.get("height")).doubleValue();
        Map<String, Object> shot =
                driver.executeCdpCommand(
                        "Page.captureScreenshot",
                        Map.of(
                                "format",
                                "png",
                                "captureBeyondViewport",
                                true,
                                "clip",
                                Map.of("x", 0, "y", 0, "width", w, "height", h, "scale", 1)));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            deleteQuietly(profile);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | RuntimeException e) {
            // a profile left behind under target/ is harmless
        }
    }
}
