package kyodo.ops.portal;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** axe-core in the browser: the page as it stands has no violation of the WCAG 2.x A/AA rules (ADR 21). */
final class Axe {

    private static final List<String> WCAG_A_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    private Axe() {
    }

    /** The page in the browser is in {@code lang} and axe-core finds no A/AA violation on it. */
    static void assertNoWcagViolation(ChromeDriver browser, String name, String lang) {
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo(lang);
        Results results = analyze(browser);
        assertThat(results.isErrored()).as("axe-core ran").isFalse();
        assertThat(results.getViolations()).as("WCAG A/AA violations on %s (%s):%n%s", name, lang,
                describe(results.getViolations())).isEmpty();
        assertThat(results.getPasses()).as("axe-core checked something").isNotEmpty();
    }

    /**
     * axe-core's run. For its last step axe opens a blank window and switches to it; on a loaded machine
     * Chromium's renderer can be slow to answer that switch (a WebDriver timeout wrapped in axe's
     * "switchToWindow failed"). That is the tool's plumbing, not the page: the stray window is closed and
     * the run done again, at most three times. Anything else fails at once.
     */
    private static Results analyze(ChromeDriver browser) {
        String page = browser.getWindowHandle();
        for (int attempt = 1; ; attempt++) {
            try {
                return new AxeBuilder().withTags(WCAG_A_AA).analyze(browser);
            } catch (RuntimeException failed) {
                boolean plumbing = failed instanceof WebDriverException || failed.getCause() instanceof WebDriverException;
                if (!plumbing || attempt == 3) {
                    throw failed;
                }
                for (String window : browser.getWindowHandles()) {
                    if (!window.equals(page)) {
                        browser.switchTo().window(window);
                        browser.close();
                    }
                }
                browser.switchTo().window(page);
            }
        }
    }

    /** As {@link #assertNoWcagViolation}, then photographs the page at 1280 and 375 px into {@code screenshots}. */
    static void assertNoWcagViolationAndPhotograph(ChromeDriver browser, String name, String lang, Path screenshots)
            throws IOException {
        assertNoWcagViolation(browser, name, lang);
        Chromium.screenshot(browser, 1280, screenshots.resolve(name + "-" + lang + "-1280.png"));
        Chromium.screenshot(browser, 375, screenshots.resolve(name + "-" + lang + "-375.png"));
    }

    private static String describe(List<Rule> violations) {
        return violations.stream().map(v -> "- " + v.getId() + ": " + v.getHelp() + " at "
                        + v.getNodes().stream().map(n -> String.valueOf(n.getTarget())).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("\n"));
    }
}
