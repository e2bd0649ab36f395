package kyodo.ops.security;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where a sign-in may return to: a relative path of the same browser area, nothing a browser would read
 * as another site or another area.
 */
class SignInDestinationTest {

    private static final BrowserChains.Area RESIDENT = new BrowserChains.Area("/resident", "/resident/sign-in",
            "/resident/sign-out", "/resident", "/resident/sign-in?notice=signedOut");

    @ParameterizedTest
    @ValueSource(strings = {"/resident/supports/p-1", "/resident/follows/new?kind=proposal&id=p-1",
            "/resident", "/resident/proposals?page=2", "/resident/follows/new?kind=ward&id=%E5%B9%B8"})
    void aPageOfTheAreaIsADestination(String path) {
        assertThat(RESIDENT.destination(path)).contains(path);
        assertThat(RESIDENT.after(path)).isEqualTo(path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example/resident/x", "//evil.example", "//evil.example/resident/x",
            "/\\evil.example", "/resident\\..\\console", "\\\\evil.example", "/resident/../console",
            "/resident/./x", "/resident/%2e%2e/console", "/resident/%2E%2E/console", "/resident%2F..%2Fconsole",
            "/resident/a%5c..", "/residentx", "/resident@evil.example", "/console", "/", "resident/x",
            "javascript:alert(1)", "/resident/x#frag", "/resident//evil.example", "/resident/sign-in",
            "/resident/sign-out", "/resident/oauth2/authorization/resident", "/resident/x\r\nLocation: https://evil",
            "/resident/ x", "", "mailto:a@example.jp"})
    void anythingElseIsNotAndTheSignInGoesHome(String candidate) {
        assertThat(RESIDENT.destination(candidate)).isEmpty();
        assertThat(RESIDENT.after(candidate)).isEqualTo("/resident");
    }

    @Test
    void noDestinationGoesHomeAndALongOneIsRefused() {
        assertThat(RESIDENT.after(null)).isEqualTo("/resident");
        assertThat(RESIDENT.destination("/resident/" + "a".repeat(1_000))).isEmpty();
    }

    @Test
    void aVisitorAskingForAPageIsSentToSignInWithItAndAFormPostOrTheHomeWithout() {
        assertThat(RESIDENT.signInFor(MockServerHttpRequest.get("/resident/follows/new?kind=proposal&id=p-1").build()))
                .isEqualTo("/resident/sign-in?continue=%2Fresident%2Ffollows%2Fnew%3Fkind%3Dproposal%26id%3Dp-1");
        assertThat(RESIDENT.signInFor(MockServerHttpRequest.method(HttpMethod.POST, "/resident/supports/p-1").build()))
                .isEqualTo("/resident/sign-in");
        assertThat(RESIDENT.signInFor(MockServerHttpRequest.get("/resident").build())).isEqualTo("/resident/sign-in");
        assertThat(RESIDENT.signInFor(MockServerHttpRequest.method(HttpMethod.GET,
                URI.create("/resident/%2e%2e/console")).build()))
                .isEqualTo("/resident/sign-in");
    }
}
