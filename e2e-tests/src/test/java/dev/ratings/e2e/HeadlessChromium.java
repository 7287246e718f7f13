package dev.ratings.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's {@code chromium} through its {@code chromedriver} (packages chromium and chromium-driver,
 * which {@code ./ratings deps} installs). Both paths are given, so Selenium never tries to download
 * a browser or a driver of its own: this machine reaches no such site.
 */
final class HeadlessChromium {

    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private HeadlessChromium() {}

    /** A new headless browser with a phone-to-laptop sized window; fails, never skips, without Chromium. */
    static ChromeDriver start() {
        for (Path needed : new Path[] {BROWSER, DRIVER}) {
            if (!Files.isExecutable(needed)) {
                throw new IllegalStateException(needed + " is missing: the page's browser test needs Debian's"
                        + " chromium and chromium-driver (./ratings deps installs them, or: apt-get install -y"
                        + " chromium chromium-driver)");
            }
        }
        ChromeOptions options = new ChromeOptions()
                .setBinary(BROWSER.toFile())
                .addArguments(
                        "--headless=new",
                        "--no-sandbox", // as root, Chromium refuses to start with its sandbox
                        "--disable-dev-shm-usage", // /dev/shm is small in containers
                        "--disable-gpu",
                        "--window-size=1200,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().implicitlyWait(Duration.ZERO);
        return browser;
    }
}
