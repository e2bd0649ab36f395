package kyodo.ops.portal;

import kyodo.ops.ConsoleOidcProvider;
import kyodo.ops.mail.Outbox;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.io.IOException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's ADMIN pages and the sign-in with the city's account in a real browser: every page and
 * state added (the menu, accounts with a password just issued, the unlock page with a throttle, a person
 * found and a refused lookup, the residents' outbox with a mail, the sign-in page with the city's button and its refusal) has no WCAG 2.x
 * A/AA violation axe-core finds, in Japanese and English, photographed under
 * {@code target/console-screenshots/}; a member of staff signs in with the city's account (an in-process
 * provider) by following the button.
 */
class ConsoleAdminBrowserIT {

    private static final String ADMIN = "console-admin";
    private static final String PASSWORD = "console-admin-password";
    private static final String MAILED = "outbox-resident@example.jp";

    static final ConsoleOidcProvider provider = ConsoleOidcProvider.start();
    @RegisterExtension
    static final BrowserSession session = BrowserSession.photographingInto("console-screenshots")
            .withAccount(ADMIN, PASSWORD, "ADMIN", null)
            .with("--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + provider.issuer(),
                    "--kyodo.console.oidc.client-id=" + ConsoleOidcProvider.CLIENT_ID,
                    "--kyodo.console.oidc.client-secret=" + ConsoleOidcProvider.CLIENT_SECRET)
            .closing(provider);
    private static ChromeDriver browser;

    @BeforeAll
    static void given() {
        PortalApp app = session.app();
        String id = app.submit("管理画面 試験の提案", "消去の確認に使う提案です。");
        app.awaitPublic(id, 0);
        // a residents' mail: the outbox page has a row, its address masked
        app.bean(Outbox.class).queue(MAILED, "kyodo: 管理画面の試験のお知らせ", "本文");
        // one failed sign-in from here: the unlock page has a row
        app.visitor().get().uri("/api/proposals").headers(h -> h.setBasicAuth("k-locked", "wrong"))
                .exchange().expectStatus().isUnauthorized();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ja", "en"})
    void everyAdminPageAndStateHasNoWcagViolationAndIsPhotographed(String lang) throws IOException {
        session.signedInToConsole(ADMIN, PASSWORD);
        session.open("/console/admin?lang=" + lang);
        session.check("admin", lang);
        browser.findElement(By.id("admin-accounts")).click();
        session.arrivesAt(ExpectedConditions.presenceOfElementLocated(By.id("form-create")));
        session.check("admin-accounts", lang);

        browser.findElement(By.id("create-username")).sendKeys("k-4000" + ("ja".equals(lang) ? 1 : 2));
        browser.findElement(By.cssSelector("#create-role option[value=WARD_HEAD]")).click();
        browser.findElement(By.cssSelector("#create-ward option[value=asao]")).click();
        browser.findElement(By.cssSelector("#form-create button[type=submit]")).click();
        session.arrivesAt(ExpectedConditions.presenceOfElementLocated(By.id("issued-password")));
        assertThat(browser.findElement(By.id("issued-password")).getText()).hasSize(24);
        session.check("admin-accounts-issued", lang);

        browser.findElement(By.id("create-username")).sendKeys("山田");
        browser.findElement(By.cssSelector("#form-create button[type=submit]")).click();
        session.arrivesAt(ExpectedConditions.presenceOfElementLocated(By.id("create-username-error")));
        assertThat(browser.findElement(By.id("create-username")).getAttribute("aria-describedby"))
                .isEqualTo("create-username-error");
        session.check("admin-accounts-invalid", lang);

        session.open("/console/admin/sign-in-throttles?lang=" + lang);
        assertThat(browser.findElement(By.id("throttles")).getText()).contains("k-locked");
        session.check("admin-throttles", lang);

        session.open("/console/admin/persons?lang=" + lang);
        session.check("admin-persons", lang);
        browser.findElement(By.id("lookup-contact")).sendKeys("portal-test@example.jp");
        browser.findElement(By.cssSelector("#form-lookup button[type=submit]")).click();
        session.arrivesAt(ExpectedConditions.presenceOfElementLocated(By.id("form-erasure")));
        assertThat(browser.getCurrentUrl()).as("the contact is never in a URL").doesNotContain("portal-test")
                .endsWith("/console/admin/persons/lookup");
        session.check("admin-persons-found", lang);
        // blank for the server (the browser's own check lets white space through)
        browser.findElement(By.id("lookup-contact")).sendKeys("   ");
        browser.findElement(By.cssSelector("#form-lookup button[type=submit]")).click();
        session.arrivesAt(ExpectedConditions.presenceOfElementLocated(By.id("lookup-contact-error")));
        session.check("admin-persons-invalid", lang);

        session.open("/console/admin/outbox?lang=" + lang);
        assertThat(browser.findElement(By.id("outbox")).getText()).contains("管理画面の試験のお知らせ");
        assertThat(browser.getPageSource()).as("the address is masked").doesNotContain(MAILED);
        session.check("admin-outbox", lang);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ja", "en"})
    void theSignInPageOffersTheCitysAccountWithoutViolations(String lang) throws IOException {
        session.forgetsCookiesAt("/console/sign-in");
        session.open("/console/sign-in?lang=" + lang);
        assertThat(browser.findElement(By.id("city-sign-in")).getAttribute("href"))
                .isEqualTo(session.base() + "/console/oauth2/authorization/city");
        session.check("sign-in-city", lang);
        session.open("/console/sign-in?error=cityRefused&lang=" + lang);
        session.check("sign-in-city-refused", lang);
    }

    @Test
    void aMemberOfStaffFollowsTheCitysButtonAndLandsInTheirInbox() {
        session.forgetsCookiesAt("/console/sign-in");
        provider.signsInNext(Map.of("sub", "c-50001", "kyodo_role", "STAFF", "kyodo_ward", "saiwai"));
        session.open("/console/sign-in?lang=ja");
        browser.findElement(By.id("city-sign-in")).click();
        session.arrivesAt(ExpectedConditions.urlToBe(session.base() + "/console"));
        assertThat(browser.findElement(By.tagName("header")).getText()).contains("c-50001", "区の職員");
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("幸区");
        assertThat(browser.findElements(By.cssSelector("a[href='/console/admin']"))).isEmpty();
        session.open("/console/admin");
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("403");
    }
}
