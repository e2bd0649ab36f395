package kyodo.ops.portal;

import kyodo.ops.KyodoApplication;
import kyodo.ops.ResidentMailbox;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Given-steps for residents in a real browser, as {@code ResidentSteps} has them over HTTP: the app with a
 * member of staff of saiwai (who issues counter codes and answers proposals), and a resident who signs up,
 * confirms with the code from the mail (the outbox's {@code .eml} file) and signs in.
 */
final class ResidentBrowserSteps {

    /** What a test does on a page the steps arrive at (an accessibility check, a screenshot), by the page's name. */
    @FunctionalInterface
    interface Arrived {
        void at(String page) throws IOException;
    }

    private final ChromeDriver browser;
    private final String baseUrl;
    private final Path dataDir;

    ResidentBrowserSteps(ChromeDriver browser, ConfigurableApplicationContext app, Path dataDir) {
        this.browser = browser;
        this.baseUrl = baseUrl(app);
        this.dataDir = dataDir;
    }

    /**
     * The all-in-one app on a free port over the test's data directory, with one member of staff of saiwai;
     * {@code more} are further settings ({@code --name=value}).
     */
    static ConfigurableApplicationContext start(Path dataDir, String staff, String staffPassword, String... more) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--kyodo.data-dir=" + dataDir,
                "--spring.main.banner-mode=off", "--logging.level.root=WARN",
                "--kyodo.security.rate-limit.public-per-minute=0",
                "--kyodo.security.accounts[0].username=" + staff,
                "--kyodo.security.accounts[0].password-hash=" + new BCryptPasswordEncoder(4).encode(staffPassword),
                "--kyodo.security.accounts[0].role=STAFF", "--kyodo.security.accounts[0].ward=saiwai"));
        args.addAll(List.of(more));
        return KyodoApplication.start(args.toArray(String[]::new));
    }

    static String baseUrl(ConfigurableApplicationContext app) {
        return "http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    /**
     * From the sign-up page the browser shows: signs up, confirms with the mailed code and signs in, arriving at
     * {@code /resident}; {@code arrived} is told of the confirmation and sign-in pages on the way.
     */
    void signsUp(String email, String name, String password, Arrived arrived) throws IOException {
        browser.findElement(By.id("f-email")).sendKeys(email);
        browser.findElement(By.id("f-name")).sendKeys(name);
        browser.findElement(By.id("f-password")).sendKeys(password);
        click("form.console-form button");
        Chromium.arrivesAt(browser, ExpectedConditions.urlContains("/resident/confirm?sent=1"));
        arrived.at("confirm");

        browser.findElement(By.id("f-email")).sendKeys(email);
        browser.findElement(By.id("f-code")).sendKeys(ResidentMailbox.codeFor(dataDir, email));
        click("form.console-form button");
        Chromium.arrivesAt(browser, ExpectedConditions.urlContains("/resident/sign-in?notice=confirmed"));
        arrived.at("sign-in");
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(password);
        click("form.console-form button");
        Chromium.arrivesAt(browser, ExpectedConditions.urlToBe(baseUrl + "/resident"));
    }

    void click(String css) {
        browser.findElement(By.cssSelector(css)).click();
    }
}
