package kyodo.ops.portal;

import kyodo.ops.ConsoleOidcProvider;
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
 * The residents' sign-in with an OIDC provider in a real browser (issue 17): the sign-in page with the
 * provider's section, and its refusals, have no WCAG 2.x A/AA violation axe-core finds, in Japanese and
 * English (photographed under {@code target/resident-screenshots/}); a visitor who follows a proposal's
 * support link signed out, and then the provider's button, lands back on that support page as a verified
 * resident of the ward the provider names.
 */
class ResidentOidcBrowserIT {

    private static final String CLIENT_ID = "kyodo-residents-browser";
    private static final String CLIENT_SECRET = "residents-browser-secret";

    static final ConsoleOidcProvider provider = ConsoleOidcProvider.start(CLIENT_ID, CLIENT_SECRET);
    @RegisterExtension
    static final BrowserSession session = BrowserSession.photographingInto("resident-screenshots")
            .with("--kyodo.residents.oidc.issuer-uri=" + provider.issuer(),
                    "--kyodo.residents.oidc.client-id=" + CLIENT_ID,
                    "--kyodo.residents.oidc.client-secret=" + CLIENT_SECRET,
                    "--kyodo.residents.oidc.provider-name=テスト本人確認",
                    "--kyodo.residents.oidc.ward-claim=kyodo_resident_ward")
            .closing(provider);
    private static ChromeDriver browser;
    private static String proposal;

    @BeforeAll
    static void given() {
        PortalApp app = session.app();
        proposal = app.submit("本人確認の試験の提案", "ブラウザでの本人確認に使う提案です。");
        app.awaitPublic(proposal, 0);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ja", "en"})
    void theSignInPageOffersTheProviderAndItsRefusalsWithoutViolations(String lang) throws IOException {
        session.forgetsCookiesAt("/resident/sign-in");
        session.open("/resident/sign-in?lang=" + lang);
        assertThat(browser.findElement(By.id("provider-sign-in")).getText()).contains("テスト本人確認");
        session.check("sign-in-provider", lang);
        session.open("/resident/sign-in?error=providerNoWard&lang=" + lang);
        assertThat(browser.findElement(By.id("sign-in-error")).isDisplayed()).isTrue();
        session.check("sign-in-provider-no-ward", lang);
    }

    @Test
    void aVisitorFollowsASupportLinkSignsInAtTheProviderAndLandsBackOnItVerified() throws IOException {
        session.forgetsCookiesAt("/resident/sign-in");
        provider.signsInNext(Map.of("sub", "browser-oidc-subject-1", "kyodo_resident_ward", "saiwai",
                "name", "ブラウザ 確認子", "email", "oidc-browser@example.jp"));
        String support = session.base() + "/resident/supports/" + proposal;
        session.open("/resident/sign-in?lang=ja"); // the language chosen, as a visitor's switch keeps it

        browser.get(support);
        session.arrivesAt(ExpectedConditions.urlContains("/resident/sign-in?continue="));
        browser.findElement(By.id("provider-sign-in")).click();
        session.arrivesAt(ExpectedConditions.urlToBe(support));
        // signed in, verified for saiwai: the support form is offered; supporting counts one
        assertThat(browser.findElements(By.id("not-verified"))).isEmpty();
        session.check("support-after-provider", "ja");
        browser.findElement(By.cssSelector("#form-support button")).click();
        session.arrivesAt(ExpectedConditions.presenceOfElementLocated(By.id("done")));
        assertThat(browser.findElement(By.id("supports")).getText()).contains("1");
    }
}
