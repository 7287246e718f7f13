package dev.ratings.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import tools.jackson.databind.JsonNode;

/**
 * The page at {@code /} in a real browser against the three services: the list loads, a demo user
 * signs in (dev sign-in on, as {@code ./ratings up} runs it), creates a post and rates it from the
 * keyboard, sees their rating at once and, when the window has closed, the chart's newest point is
 * the score the API gives for that window. Three-second windows, as in {@link RatingPipelineE2EIT}.
 */
class WebPageE2EIT {

    private static final Duration WINDOW = Duration.ofSeconds(3);
    private static final Duration GRACE = Duration.ofSeconds(1);
    /** The spec's bound for a window to reach the database, plus the page's poll interval. */
    private static final Duration SHOWN_WITHIN = WINDOW.plus(GRACE).plusSeconds(15 + 3);

    @RegisterExtension
    static final Pipeline pipeline = Pipeline.withWindows(WINDOW, GRACE).withEnvironment("RATINGS_DEV_SIGNIN", "true");

    private static ChromeDriver browser;

    @BeforeAll
    static void openBrowser() {
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aDemoUserCreatesAndRatesAPostAndTheChartShowsTheClosedWindowsScore() throws Exception {
        long existing = pipeline.api().createPost("alice", "Already there");
        browser.get(pipeline.ingestApiUrl() + "/");
        browser.executeScript("window.cspViolations = [];"
                + " document.addEventListener('securitypolicyviolation',"
                + " (e) => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));");
        eventually("the list", Duration.ofSeconds(20))
                .until(() -> postButton(existing).getText().contains("Already there"));

        browser.findElement(By.id("user-name")).sendKeys("browser-user");
        browser.findElement(By.cssSelector("#sign-in button[type=submit]")).click();
        eventually("signed in", Duration.ofSeconds(10)).until(() -> text("who").equals("browser-user"));
        assertThat(browser.findElement(By.id("sign-in")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("token-form")).isDisplayed())
                .as("dev mode: no token to paste")
                .isFalse();

        browser.findElement(By.id("new-title")).sendKeys("Made in a browser");
        browser.findElement(By.id("new-body")).sendKeys("Rated with the stars");
        browser.findElement(By.cssSelector("#create-form button[type=submit]")).click();
        eventually("the new post, selected", Duration.ofSeconds(10))
                .until(() -> text("detail-title").equals("Made in a browser"));
        long created = Long.parseLong(browser.findElement(By.cssSelector("button.post[aria-pressed=true]"))
                .getDomAttribute("data-post-id"));
        assertThat(created).isNotEqualTo(existing);

        WebElement fourStars = browser.findElement(By.cssSelector("#stars button[data-rating='4']"));
        assertThat(fourStars.getAccessibleName()).isEqualTo("Rate 4 stars");
        fourStars.sendKeys(Keys.ENTER); // from the keyboard, as a user without a mouse rates
        eventually("my rating, at once", Duration.ofSeconds(5))
                .until(() -> text("detail-mine").equals("4"));
        assertThat(pipeline.api().post(created, "browser-user").get("myRating").asInt())
                .isEqualTo(4);

        JsonNode window = await("the window's result from the API")
                .atMost(SHOWN_WITHIN)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> pipeline.api().windows(created).get("items"), items -> !items.isEmpty())
                .get(0);
        eventually("the chart's newest point", Duration.ofSeconds(10)).until(() -> {
            List<WebElement> points = browser.findElements(By.cssSelector("#chart circle.score-point"));
            return !points.isEmpty()
                    && window.get("windowEnd")
                            .asString()
                            .equals(points.get(points.size() - 1).getDomAttribute("data-window-end"));
        });
        List<WebElement> points = browser.findElements(By.cssSelector("#chart circle.score-point"));
        WebElement newest = points.get(points.size() - 1);
        assertThat(Double.parseDouble(newest.getDomAttribute("data-score")))
                .isEqualTo(window.get("score").asDouble());
        assertThat(Double.parseDouble(newest.getDomAttribute("data-raw-average")))
                .isEqualTo(4.0);
        assertThat(newest.getDomAttribute("data-ratings")).isEqualTo("1");

        assertThat((List<?>) browser.executeScript("return window.cspViolations"))
                .as("what the Content-Security-Policy blocked while the page rendered")
                .isEmpty();
        browser.manage().window().setSize(new Dimension(1200, 1700)); // the chart too
        keep(browser.getScreenshotAs(OutputType.FILE).toPath(), "page.png");
        assertReadableOnAPhone();
    }

    /** At a phone's width nothing needs sideways scrolling. */
    private static void assertReadableOnAPhone() throws Exception {
        browser.manage().window().setSize(new Dimension(390, 844));
        eventually("the narrow layout", Duration.ofSeconds(5))
                .until(() -> (Boolean) ((JavascriptExecutor) browser).executeScript("return window.innerWidth <= 400"));
        Number overflow = (Number) ((JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(overflow.longValue()).as("horizontal overflow in px").isLessThanOrEqualTo(0);
        keep(browser.getScreenshotAs(OutputType.FILE).toPath(), "page-phone.png");
    }

    /** What the page shows may not be there yet: a missing element is a "not yet", not a failure. */
    private static ConditionFactory eventually(String what, Duration atMost) {
        return await(what).atMost(atMost).pollInterval(Duration.ofMillis(200)).ignoreExceptions();
    }

    private static WebElement postButton(long postId) {
        return browser.findElement(By.cssSelector("button.post[data-post-id='" + postId + "']"));
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    /** Screenshots for a person to look at: target/e2e/. */
    private static void keep(Path screenshot, String name) throws Exception {
        Path target = Files.createDirectories(Path.of("target", "e2e")).resolve(name);
        Files.copy(screenshot, target, StandardCopyOption.REPLACE_EXISTING);
    }
}
