package kyodo.ops.portal;

import kyodo.ops.DebianPackages;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Debian's Chromium, driven by Debian's chromedriver, headless: the browser of the portal's tests
 * (ADR 21), with a Japanese font for readable screenshots. Nothing is downloaded by the tests
 * themselves; when one of the three is missing, this installs them with apt-get if it runs as root,
 * else it fails naming what is missing and how to install it: the browser tests never skip silently.
 */
final class Chromium {

    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    /** Without a Japanese font the screenshots show boxes for every kanji. */
    static final Path JAPANESE_FONT = Path.of("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc");
    private static final List<String> PACKAGES = List.of("chromium", "chromium-driver", "fonts-noto-cjk");

    private Chromium() {
    }

    /** A fresh headless browser with a profile of its own under {@code profile}, 1280 px wide. */
    static ChromeDriver start(Path profile) throws IOException {
        ensureInstalled();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        List<String> args = new ArrayList<>(List.of("--headless=new", "--user-data-dir=" + profile,
                // Chromium otherwise tries to reach Google, which fails without internet (TECH.md)
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--no-default-browser-check", "--disable-dev-shm-usage", "--disable-gpu",
                "--hide-scrollbars", "--force-device-scale-factor=1", "--lang=ja", "--window-size=1280,900"));
        if (DebianPackages.isRoot()) {
            args.add("--no-sandbox");
        }
        options.addArguments(args);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return driver;
    }

    /** Installs Chromium and its driver with apt-get when missing (as root), else fails naming them. */
    static void ensureInstalled() throws IOException {
        DebianPackages.ensure("The portal's browser tests", PACKAGES, Chromium::missing);
    }

    /** Writes a screenshot of the whole page at that width (the height follows the page). */
    static void screenshot(ChromeDriver driver, int width, Path file) throws IOException {
        driver.manage().window().setSize(new Dimension(width, 900));
        long height = (Long) driver.executeScript(
                "return Math.ceil(Math.max(document.documentElement.scrollHeight, document.body.scrollHeight));");
        driver.manage().window().setSize(new Dimension(width, (int) Math.min(Math.max(height, 600), 12_000)));
        capture(driver, file);
        driver.manage().window().setSize(new Dimension(1280, 900));
    }

    /**
     * Writes a screenshot of the window once the page has loaded. On a loaded machine chromedriver
     * sometimes aborts a capture taken right after a resize ("aborted by navigation", with no navigation
     * of the page's own): a picture is asked for again, three times at most.
     */
    static void capture(ChromeDriver driver, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        for (int attempt = 1; ; attempt++) {
            try {
                new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> "complete".equals(
                        driver.executeScript("return document.readyState;")));
                Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
                return;
            } catch (WebDriverException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /** Presses Tab until the focused element matches, at most {@code max} times; answers it. */
    static WebElement tabUntil(ChromeDriver driver, Predicate<WebElement> wanted, int max) {
        for (int i = 0; i < max; i++) {
            new Actions(driver).sendKeys(Keys.TAB).perform();
            WebElement focused = driver.switchTo().activeElement();
            if (wanted.test(focused)) {
                return focused;
            }
        }
        throw new AssertionError("not reached with " + max + " presses of Tab; focus is on "
                + describe(driver.switchTo().activeElement()));
    }

    /**
     * The first element a Tab focuses on a page just opened. On a busy machine the page's document may get
     * the window's focus a moment after it loaded, and a Tab pressed before that focuses nothing (the body
     * stays active): such a press is repeated, at most three times. Any element focused is answered.
     */
    static WebElement firstTabStop(ChromeDriver driver) {
        for (int i = 0; i < 3; i++) {
            new Actions(driver).sendKeys(Keys.TAB).perform();
            WebElement focused = driver.switchTo().activeElement();
            String tag = focused.getTagName();
            if (!"body".equalsIgnoreCase(tag) && !"html".equalsIgnoreCase(tag)) {
                return focused;
            }
        }
        throw new AssertionError("three presses of Tab focused nothing on " + driver.getCurrentUrl());
    }

    private static String describe(WebElement element) {
        return "<" + element.getTagName() + " id=" + element.getAttribute("id") + " class="
                + element.getAttribute("class") + ">";
    }

    /** The element's outline style: "none" when focus would not be visible. */
    static String outline(WebElement element) {
        return element.getCssValue("outline-style");
    }

    /**
     * A click or Enter that submits a form or follows a link returns before the next page has loaded
     * on a busy machine: waits for the browser to get there (a bound for a stuck test, not a speed check).
     */
    static void arrivesAt(ChromeDriver driver, ExpectedCondition<?> where) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(where);
    }

    private static List<String> missing() {
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(BROWSER)) {
            missing.add(BROWSER + " (Debian package chromium)");
        }
        if (!Files.isExecutable(DRIVER)) {
            missing.add(DRIVER + " (Debian package chromium-driver)");
        }
        if (!Files.isReadable(JAPANESE_FONT)) {
            missing.add(JAPANESE_FONT + " (Debian package fonts-noto-cjk)");
        }
        return missing;
    }
}
