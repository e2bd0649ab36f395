package kyodo.ops.portal;

import kyodo.ops.ResidentMailbox;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The portal's tests' set-up, once per class: declared as {@code @RegisterExtension static final BrowserSession
 * session = BrowserSession.photographingInto("portal-screenshots")…}, it starts the all-in-one app
 * ({@link PortalApp}) over a data directory of its own before the class's {@code @BeforeAll} and, at its
 * first use, Debian's Chromium ({@link Chromium}) with a profile of its own; after the class's last test it
 * stops both (and closes what it was given to close), and removes the two directories. As JUnit's
 * {@code @TempDir} does, it fills the class's static fields of type {@link PortalApp} and {@link ChromeDriver}
 * (the browser then starts with the app) before the class's {@code @BeforeAll}, and clears them after. Its
 * steps are what the browser tests share: open a page, check it with axe-core and photograph it, click,
 * arrive, sign in to the console, sign up as a resident. A class that reads the pages as a plain HTTP client
 * ({@link #withoutBrowser()}) never starts a browser.
 */
final class BrowserSession implements BeforeAllCallback, AfterAllCallback {

    /** What a test does on a page a step arrives at (an accessibility check, a screenshot), by the page's name. */
    @FunctionalInterface
    interface Arrived {
        void at(String page) throws IOException;
    }

    private final Path screenshots;
    private final List<String> settings = new ArrayList<>();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private boolean demo;
    /** The next account's index: {@link PortalApp}'s own staff account is the first. */
    private int accounts = 1;
    private Path dataDir;
    private Path profile;
    private PortalApp app;
    private ChromeDriver browser;

    private BrowserSession(Path screenshots) {
        this.screenshots = screenshots;
    }

    /** A session whose {@link #check}s photograph pages into {@code target/<folder>}. */
    static BrowserSession photographingInto(String folder) {
        return new BrowserSession(Path.of("target", folder));
    }

    /** The app alone, for pages read as a plain HTTP client: asking for the browser is a mistake of the test. */
    static BrowserSession withoutBrowser() {
        return new BrowserSession(null);
    }

    /** The demo and seed dataset is loaded before the app is ready. */
    BrowserSession withDemo() {
        demo = true;
        return this;
    }

    /** One more account of the console (its password hashed here); {@code ward} null for a city-wide one. */
    BrowserSession withAccount(String username, String password, String role, String ward) {
        String at = "--kyodo.security.accounts[" + accounts++ + "].";
        settings.addAll(List.of(at + "username=" + username,
                at + "password-hash=" + new BCryptPasswordEncoder(4).encode(password), at + "role=" + role));
        if (ward != null) {
            settings.add(at + "ward=" + ward);
        }
        return this;
    }

    /** Further settings of the app ({@code --name=value}). */
    BrowserSession with(String... more) {
        settings.addAll(List.of(more));
        return this;
    }

    /** Something the class started for the app (an OIDC provider), closed after the app. */
    BrowserSession closing(AutoCloseable resource) {
        closing.add(resource);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException, IllegalAccessException {
        dataDir = Files.createTempDirectory("kyodo-portal-data-");
        app = PortalApp.start(dataDir, demo, settings.toArray(String[]::new));
        for (Field field : injected(context)) {
            field.set(null, field.getType() == PortalApp.class ? app : browser());
        }
    }

    /** The test class's static, non-final fields this session fills: the app's and the browser's. */
    private static List<Field> injected(ExtensionContext context) {
        List<Field> fields = new ArrayList<>();
        for (Field field : context.getRequiredTestClass().getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (Modifier.isStatic(modifiers) && !Modifier.isFinal(modifiers)
                    && (field.getType() == PortalApp.class || field.getType() == ChromeDriver.class)) {
                field.setAccessible(true);
                fields.add(field);
            }
        }
        return fields;
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        for (Field field : injected(context)) {
            field.set(null, null);
        }
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            try {
                if (app != null) {
                    app.close();
                }
                for (AutoCloseable resource : closing) {
                    resource.close();
                }
            } finally {
                FileSystemUtils.deleteRecursively(dataDir);
                if (profile != null) {
                    FileSystemUtils.deleteRecursively(profile);
                }
                browser = null;
                app = null;
                profile = null;
            }
        }
    }

    PortalApp app() {
        return app;
    }

    /** Where the app is: {@code http://localhost:<port>}. */
    String base() {
        return app.baseUrl();
    }

    Path dataDir() {
        return dataDir;
    }

    /** Where {@link #check} puts its pictures ({@code target/<folder>}). */
    Path screenshots() {
        return screenshots;
    }

    /** The browser, started at the first ask (headless, 1280 px wide). */
    ChromeDriver browser() {
        if (screenshots == null) {
            throw new IllegalStateException("this session reads pages without a browser");
        }
        if (browser == null) {
            try {
                profile = Files.createTempDirectory("kyodo-portal-profile-");
                browser = Chromium.start(profile);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return browser;
    }

    /** The browser at that path of the app ({@code /console?lang=ja}). */
    void open(String path) {
        browser().get(base() + path);
    }

    /**
     * The page is in {@code lang} and axe-core finds no WCAG 2.x A/AA violation on it; it is photographed at
     * 1280 and 375 px into the session's folder as {@code <name>-<lang>-<width>.png}.
     */
    void check(String name, String lang) throws IOException {
        Axe.assertNoWcagViolationAndPhotograph(browser(), name, lang, screenshots);
    }

    /** Waits for the browser to get where a click or Enter leads (a bound for a stuck test, not a speed check). */
    void arrivesAt(ExpectedCondition<?> where) {
        Chromium.arrivesAt(browser(), where);
    }

    void click(String css) {
        browser().findElement(By.cssSelector(css)).click();
    }

    /** A browser without the session of the test before: at that page of the app, its cookies dropped. */
    void forgetsCookiesAt(String path) {
        open(path);
        browser().manage().deleteAllCookies();
    }

    /** Signs in to the console unless signed in there already, with the mouse; at {@code /console}. */
    void signedInToConsole(String username, String password) {
        open("/console");
        if (browser().getCurrentUrl().contains("/console/sign-in")) {
            signsInToConsole(base(), username, password);
        }
    }

    /** On the console's sign-in page at {@code origin}: types the account and sends it, arriving at its inbox. */
    void signsInToConsole(String origin, String username, String password) {
        browser().findElement(By.id("username")).sendKeys(username);
        browser().findElement(By.id("password")).sendKeys(password);
        click("form.console-form button");
        arrivesAt(ExpectedConditions.urlToBe(origin + "/console"));
    }

    /**
     * From the residents' sign-up page the browser shows: signs up, confirms with the code from the mail (the
     * outbox's {@code .eml} file) and signs in, arriving at {@code /resident}; {@code arrived} is told of the
     * confirmation and sign-in pages on the way.
     */
    void residentSignsUp(String email, String name, String password, Arrived arrived) throws IOException {
        ChromeDriver browser = browser();
        browser.findElement(By.id("f-email")).sendKeys(email);
        browser.findElement(By.id("f-name")).sendKeys(name);
        browser.findElement(By.id("f-password")).sendKeys(password);
        click("form.console-form button");
        arrivesAt(ExpectedConditions.urlContains("/resident/confirm?sent=1"));
        arrived.at("confirm");

        browser.findElement(By.id("f-email")).sendKeys(email);
        browser.findElement(By.id("f-code")).sendKeys(ResidentMailbox.codeFor(dataDir, email));
        click("form.console-form button");
        arrivesAt(ExpectedConditions.urlContains("/resident/sign-in?notice=confirmed"));
        arrived.at("sign-in");
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(password);
        click("form.console-form button");
        arrivesAt(ExpectedConditions.urlToBe(base() + "/resident"));
    }
}
