package kyodo.ops;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Sign in with the city's account": the console sends staff to the city's OIDC provider (an in-process
 * one, {@link ConsoleOidcProvider}) with the authorization-code flow and PKCE, and signs them in as the
 * member of staff the API's claim mapping makes of the ID token, in their ward and role; a token without
 * a kyodo role, or a callback the console did not start, signs nobody in.
 */
class ConsoleOidcIT {

    static final ConsoleOidcProvider provider = ConsoleOidcProvider.start();

    @RegisterExtension
    static final RunningApp app = new RunningApp(
            "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + provider.issuer(),
            "--kyodo.console.oidc.client-id=" + ConsoleOidcProvider.CLIENT_ID,
            "--kyodo.console.oidc.client-secret=" + ConsoleOidcProvider.CLIENT_SECRET);

    @AfterAll
    static void stopProvider() {
        provider.close();
    }

    private static ConsoleSession browser() {
        return new ConsoleSession(() -> app.app().anonymousHttp(), null);
    }

    /** The browser's round trip: the console's button, the provider's sign-in, back to the console's callback. */
    private static ConsoleSession.Page signInAtTheProvider(ConsoleSession browser) throws IOException, InterruptedException {
        ConsoleSession.Page page = browser.get("/console/sign-in").status(200);
        assertThat(page.html()).contains("id=\"city-sign-in\"", "href=\"/console/oauth2/authorization/city\"");
        ConsoleSession.Page toProvider = browser.get("/console/oauth2/authorization/city");
        assertThat(toProvider.status()).isEqualTo(302);
        assertThat(toProvider.location()).startsWith(provider.issuer() + "/authorize?");
        URI callback = provider.backFrom(toProvider.location());
        assertThat(callback.getPath()).isEqualTo("/console/oauth2/code/city");
        // decoded: the session's client encodes a path as a browser would (the state may end in '=')
        return browser.get(callback.getPath() + "?" + callback.getQuery());
    }

    @Test
    void aMemberOfStaffSignsInWithTheCitysAccountAsTheWardAndRoleItsTokenNames() throws Exception {
        provider.signsInNext(Map.of("sub", "c-30001", "kyodo_role", "WARD_HEAD", "kyodo_ward", "nakahara"));
        int verified = provider.verifiedTokenRequests();
        ConsoleSession browser = browser();

        browser.get("/console").redirectsTo("/console/sign-in");
        signInAtTheProvider(browser).redirectsTo("/console");

        // the console asked for a code with PKCE (S256) and a nonce, and proved the verifier for it
        Map<String, String> asked = provider.authorizations().get(provider.authorizations().size() - 1);
        assertThat(asked.get("code_challenge")).matches("[A-Za-z0-9_-]{43}");
        assertThat(asked).containsEntry("code_challenge_method", "S256").containsEntry("response_type", "code")
                .containsEntry("client_id", ConsoleOidcProvider.CLIENT_ID).containsKey("nonce").containsKey("state");
        assertThat(asked.get("scope")).contains("openid");
        assertThat(asked.get("redirect_uri")).endsWith("/console/oauth2/code/city");
        assertThat(provider.verifiedTokenRequests()).isEqualTo(verified + 1);

        // in the inbox as the mapped member of staff: their ward only, their role
        ConsoleSession.Page inbox = browser.get("/console").status(200);
        assertThat(inbox.html()).contains("c-30001", "中原区", "区長").doesNotContain("inbox-ward");
        assertThat(browser.cookies()).filteredOn(c -> c.getName().equals("SESSION")).singleElement()
                .satisfies(session -> assertThat(session.isHttpOnly()).isTrue());
        // the same mapping at the API: a bearer token with those claims is the same member of staff
        app.app().anonymousHttp().get().uri("/api/proposals")
                .headers(h -> h.setBearerAuth(provider.accessToken(Map.of("sub", "c-30001",
                        "kyodo_role", "WARD_HEAD", "kyodo_ward", "nakahara"))))
                .exchange().expectStatus().isOk();

        browser.post("/console/sign-out", Map.of()).redirectsTo("/console/sign-in?signedOut");
        browser.get("/console").redirectsTo("/console/sign-in");
    }

    @Test
    void aTokenWithoutAKyodoRoleSignsNobodyIn() throws Exception {
        provider.signsInNext(Map.of("sub", "c-30002", "kyodo_ward", "saiwai"));
        ConsoleSession browser = browser();
        signInAtTheProvider(browser).redirectsTo("/console/sign-in?error=cityRefused");
        assertThat(browser.get("/console/sign-in?error=cityRefused").status(401).html())
                .contains("職員コンソールの役割が設定されていません");
        browser.get("/console").redirectsTo("/console/sign-in");

        provider.signsInNext(Map.of("sub", "c-30003", "kyodo_role", "STAFF", "kyodo_ward", "atlantis"));
        ConsoleSession unknownWard = browser();
        signInAtTheProvider(unknownWard).redirectsTo("/console/sign-in?error=cityRefused");
        unknownWard.get("/console").redirectsTo("/console/sign-in");
    }

    @Test
    void aCallbackTheConsoleDidNotStartSignsNobodyIn() {
        ConsoleSession browser = browser();
        browser.get("/console/sign-in").status(200);
        browser.get("/console/oauth2/code/city?code=made-up&state=made-up").redirectsTo("/console/sign-in?error=city");
        assertThat(browser.get("/console/sign-in?error=city&lang=en").status(401).html())
                .contains("Signing in with the city&#39;s account did not work.");
        browser.get("/console").redirectsTo("/console/sign-in");
    }
}
