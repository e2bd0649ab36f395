package kyodo.ops.portal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A ward office's day in the console, in a real browser over the demo data (two of its proposals are
 * past their answer date, one of them 多摩区's): a member of staff signs in, sees the overdue proposal
 * highlighted, acknowledges a new one, answers another with a reason, and finds the answer on the public
 * portal's proposal page and in the decision log. Two members of staff answer the same proposal in two
 * browser sessions (two hosts, so two cookie jars): the second is told someone else changed it and sees
 * the answer that won.
 */
class ConsoleJourneyBrowserIT {

    private static final String TAMA = "journey-tama";
    private static final String PASSWORD = "journey-password";
    private static final String OVERDUE = "空き店舗を子どもの学習スペースに";
    /** How long the public decision log may take to show a decision (it is read asynchronously). */
    private static final Duration BOUND = Duration.ofSeconds(30);

    @RegisterExtension
    static final BrowserSession session = BrowserSession.photographingInto("console-screenshots").withDemo()
            .withAccount(TAMA, PASSWORD, "STAFF", "tama");
    private static PortalApp app;
    private static ChromeDriver browser;

    private static String tamaProposal(String title) {
        String id = app.create("/api/proposals", Map.of("ward", "tama", "title", title,
                "body", "駅から公園までの道が暗く、夜に歩くのが不安です。", "themes", List.of("安全"),
                "programme", "CITIZEN_PROPOSAL", "channel", "WEB",
                "proposer", Map.of("name", "多摩 試験子", "contact", "journey-test@example.jp")));
        app.awaitPublic(id, 0);
        return id;
    }

    private static String acknowledged(String title) {
        String id = tamaProposal(title);
        app.step(id, 0, "acknowledgement", Map.of("department", "多摩区役所 道路公園センター", "responseDueDays", 5));
        app.awaitPublic(id, 1);
        return id;
    }

    /** Signs in at that origin (localhost or 127.0.0.1: one cookie jar each) unless signed in there already. */
    private static void signIn(String origin, String username, String password) {
        browser.get(origin + "/console");
        if (browser.getCurrentUrl().contains("/console/sign-in")) {
            browser.get(origin + "/console/sign-in?lang=ja");
            session.signsInToConsole(origin, username, password);
        } else {
            browser.get(origin + "/console?lang=ja");
        }
    }

    private static void answer(String outcome, String reason) {
        browser.findElement(By.id("answer-outcome-" + outcome)).click();
        browser.findElement(By.id("answer-reason")).sendKeys(reason);
        browser.findElement(By.cssSelector("#form-answer button[type=submit]")).click();
    }

    private static String main() {
        return browser.findElement(By.tagName("main")).getText();
    }

    @Test
    void aStaffMembersDayFromTheInboxToThePublicPortalAndTheDecisionLog() throws IOException {
        String toAcknowledge = tamaProposal("夜道の街灯を増やしてほしい");
        String toAnswer = acknowledged("公園のトイレを直してほしい");
        String base = session.base();
        signIn(base, TAMA, PASSWORD);

        // the overdue one is highlighted, at the top and in its own box
        WebElement overdue = browser.findElement(By.id("box-overdue"));
        assertThat(overdue.getAttribute("class")).contains("box-alert");
        assertThat(overdue.getText()).contains(OVERDUE, "期限切れ");
        assertThat(browser.findElement(By.cssSelector("a[href='#box-overdue']")).findElement(By.xpath(".."))
                .getAttribute("class")).contains("count-alert");
        assertThat(browser.findElement(By.id("box-submitted")).getText()).contains("夜道の街灯を増やしてほしい");
        session.check("journey-inbox", "ja");

        // acknowledge the new one
        browser.findElement(By.linkText("夜道の街灯を増やしてほしい")).click();
        session.arrivesAt(ExpectedConditions.urlContains("/console/proposals/" + toAcknowledge));
        browser.findElement(By.id("acknowledge-department")).sendKeys("多摩区役所 道路公園センター");
        browser.findElement(By.id("acknowledge-responseDueDays")).sendKeys("14");
        browser.findElement(By.cssSelector("#form-acknowledge button[type=submit]")).click();
        session.arrivesAt(ExpectedConditions.urlContains("done=acknowledge"));
        assertThat(browser.findElement(By.id("done")).getText()).isEqualTo("受け付けました。回答期限が決まりました。");
        assertThat(main()).contains("多摩区役所 道路公園センター");

        // answer another, with its reason
        session.open("/console");
        browser.findElement(By.linkText("公園のトイレを直してほしい")).click();
        session.arrivesAt(ExpectedConditions.urlContains("/console/proposals/" + toAnswer));
        answer("ACCEPTED", "来月までに改修します");
        session.arrivesAt(ExpectedConditions.urlContains("done=answer"));
        assertThat(browser.findElement(By.id("done")).getText()).isEqualTo("回答を記録しました。");

        // the public sees it: the proposal's page and the decision log
        session.open("/proposals/" + toAnswer);
        assertThat(main()).contains("公園のトイレを直してほしい", "採用", "来月までに改修します")
                .doesNotContain("多摩 試験子");
        session.open("/decisions?subjectType=proposal&subjectId=" + toAnswer);
        new WebDriverWait(browser, BOUND).until(d -> {
            if (main().contains("公園のトイレを直してほしい")) {
                return true;
            }
            d.navigate().refresh();
            return false;
        });
        assertThat(main()).contains("採用");
    }

    @Test
    void twoBrowsersAnswerTheSameProposalAndTheSecondSeesTheConflictAndTheCurrentState() throws IOException {
        String id = acknowledged("バス停にベンチを置いてほしい");
        String local = session.base();
        String other = local.replace("localhost", "127.0.0.1");

        // the ward's member of staff opens the proposal and starts an answer
        signIn(local, TAMA, PASSWORD);
        browser.get(local + "/console/proposals/" + id);
        String first = browser.getWindowHandle();
        browser.findElement(By.id("answer-outcome-REJECTED")).click();
        browser.findElement(By.id("answer-reason")).sendKeys("予算がないため今年度は見送ります");

        // meanwhile a city-wide colleague, in another browser session, answers first
        browser.switchTo().newWindow(WindowType.TAB);
        signIn(other, PortalApp.STAFF, PortalApp.PASSWORD);
        browser.get(other + "/console/proposals/" + id);
        answer("ACCEPTED", "来年度に設置します");
        session.arrivesAt(ExpectedConditions.urlContains("done=answer"));
        browser.close();
        browser.switchTo().window(first);

        // the first sends the form rendered before: refused, the answer that won shown
        browser.findElement(By.cssSelector("#form-answer button[type=submit]")).click();
        session.arrivesAt(ExpectedConditions.presenceOfElementLocated(By.id("refusal")));
        assertThat(browser.findElement(By.id("refusal")).getText()).contains("ほかの人がこの提案をすでに変更しました");
        assertThat(browser.findElement(By.cssSelector("p.badges")).getText()).contains("採用");
        assertThat(main()).contains("来年度に設置します");
        assertThat(browser.findElements(By.id("form-answer"))).as("a decided proposal is not answered again").isEmpty();
        session.check("journey-conflict", "ja");
        app.awaitPublic(id, 2);
        app.visitor().get().uri("/public/proposals/{id}", id).exchange().expectBody()
                .jsonPath("$.status").isEqualTo("ACCEPTED").jsonPath("$.reason").isEqualTo("来年度に設置します");
    }
}
