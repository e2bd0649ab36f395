package kyodo.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-in returns to where you were (issue 17): a resident following the portal's follow or support link,
 * or staff following a link to a proposal's console page, while signed out are sent to the sign-in page
 * with the page asked for, and land on it once signed in. Only a relative path of the same area is ever a
 * destination: another site, another area and every way of writing one as a path go home instead.
 */
class SignInReturnIT {

    /** One resident signs in many times here: the per-account limit has tests of its own. */
    @RegisterExtension
    static final RunningApp app = new RunningApp("--kyodo.residents.per-account-per-hour=1000",
            "--kyodo.residents.per-address-per-hour=1000");
    private static final ResidentSteps residents = new ResidentSteps(app);
    private static final String EMAIL = "return.sign-in-17@example.jp";
    private static volatile boolean signedUp;

    private static String signInFor(String page) {
        return "/resident/sign-in?continue=" + URLEncoder.encode(page, StandardCharsets.UTF_8);
    }

    /** One resident's account for every test of the class (signed up once, then only signing in). */
    private static synchronized void residentExists() {
        if (!signedUp) {
            residents.signedUp(EMAIL, "戻りプランテッド");
            signedUp = true;
        }
    }

    @Test
    void aResidentFollowingThePortalsLinksSignsInAndLandsOnThePageAskedFor() {
        residentExists();
        String proposal = app.as("STAFF", "saiwai").submitProposal();
        String follow = "/resident/follows/new?kind=proposal&id=" + proposal;
        KyodoTestApp.eventually(() -> assertThat(app.anonymous().get("/proposals/{id}", proposal).ok().text()).contains("href=\"" + follow.replace("&", "&amp;") + "\"",
                "action=\"/resident/supports/" + proposal + "\""));

        for (String page : new String[]{follow, "/resident/supports/" + proposal}) {
            ConsoleSession browser = residents.browser();
            String signIn = browser.get(page).redirectsTo(signInFor(page)).location();
            assertThat(browser.follow(signIn).status(200).html())
                    .contains("name=\"continue\" value=\"" + page.replace("&", "&amp;") + "\"");
            // a wrong password keeps the destination for the next try
            browser.post("/resident/sign-in", Map.of("email", EMAIL, "password", "not-the-password-at-all",
                    "continue", page)).redirectsTo("/resident/sign-in?error=refused&continue="
                    + URLEncoder.encode(page, StandardCharsets.UTF_8));
            browser.post("/resident/sign-in", Map.of("email", EMAIL, "password", ResidentSteps.PASSWORD,
                    "continue", page)).redirectsTo(page);
            browser.get(page).status(200);
        }

        // a form posted by a browser that is not signed in is not replayed: the plain sign-in page
        ConsoleSession lapsed = residents.browser();
        lapsed.get("/resident/sign-in").status(200);
        lapsed.post("/resident/follows", Map.of("kind", "proposal", "id", proposal)).redirectsTo("/resident/sign-in");
        // without a destination, home as before
        ConsoleSession plain = residents.browser();
        plain.get("/resident").redirectsTo("/resident/sign-in");
        plain.get("/resident/sign-in").status(200);
        plain.post("/resident/sign-in", Map.of("email", EMAIL, "password", ResidentSteps.PASSWORD))
                .redirectsTo("/resident");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example/", "//evil.example", "/\\evil.example", "//evil.example/resident",
            "/resident/../console", "/resident/%2e%2e/console", "/resident@evil.example",
            "javascript:alert(1)", "/resident/x\r\nSet-Cookie: a=b"})
    void aDestinationOffTheAreaIsNeverFollowed(String evil) {
        residentExists();
        ConsoleSession browser = residents.browser();
        String page = browser.follow("/resident/sign-in?continue=" + URLEncoder.encode(evil, StandardCharsets.UTF_8))
                .status(200).html();
        // no destination in the form (the language link keeps the page's own query, as for any page)
        assertThat(page).doesNotContain("name=\"continue\"");
        browser.post("/resident/sign-in", Map.of("email", EMAIL, "password", ResidentSteps.PASSWORD,
                "continue", evil)).redirectsTo("/resident");

        ConsoleSession staff = residents.browser();
        staff.follow("/console/sign-in?continue=" + URLEncoder.encode(evil, StandardCharsets.UTF_8)).status(200);
        staff.post("/console/sign-in", Map.of("username", KyodoTestApp.username("STAFF", "saiwai"),
                "password", KyodoTestApp.PASSWORD, "continue", evil)).redirectsTo("/console");
    }

    @Test
    void staffFollowingALinkToAProposalsConsolePageLandOnItAfterSignIn() {
        Client saiwai = app.as("STAFF", "saiwai");
        String proposal = saiwai.submitProposal();
        saiwai.get("/api/proposals/{id}?minVersion=0", proposal).ok(); // in the read model before the page is asked
        String page = "/console/proposals/" + proposal;
        ConsoleSession staff = residents.browser();
        String signIn = staff.get(page).redirectsTo("/console/sign-in?continue="
                + URLEncoder.encode(page, StandardCharsets.UTF_8)).location();
        assertThat(staff.follow(signIn).status(200).html()).contains("name=\"continue\" value=\"" + page + "\"");
        staff.post("/console/sign-in", Map.of("username", KyodoTestApp.username("STAFF", "saiwai"),
                "password", KyodoTestApp.PASSWORD, "continue", page)).redirectsTo(page);
        staff.get(page).status(200);
        // another area's page is no destination of the console's, nor the console's of residents'
        ConsoleSession crossing = residents.browser();
        crossing.get("/console/sign-in").status(200);
        crossing.post("/console/sign-in", Map.of("username", KyodoTestApp.username("STAFF", "saiwai"),
                "password", KyodoTestApp.PASSWORD, "continue", "/resident/follows")).redirectsTo("/console");
        residentExists();
        crossing.get("/resident/sign-in").status(200);
        crossing.post("/resident/sign-in", Map.of("email", EMAIL, "password", ResidentSteps.PASSWORD,
                "continue", page)).redirectsTo("/resident");
        // the console otherwise as before: its root leads to the plain sign-in page, a sign-in to the inbox
        ConsoleSession other = residents.browser();
        other.get("/console").redirectsTo("/console/sign-in");
        other.signIn(KyodoTestApp.username("STAFF", "saiwai"), KyodoTestApp.PASSWORD).redirectsTo("/console");
    }
}
