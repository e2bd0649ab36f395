package kyodo.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lockout without denial of service, through the console's sign-in form: failed passwords from one
 * address slow down that account at that address (and the address), never the account's owner signing
 * in from elsewhere; the form and HTTP Basic share the throttle; an ADMIN clears it. The delay is long
 * here so that no test depends on how fast it runs.
 */
class ConsoleSignInThrottleIT {

    private static final String ATTACKER = "203.0.113.66";
    private static final String OFFICE = "198.51.100.7";

    @RegisterExtension
    static final RunningApp app = new RunningApp("--kyodo.security.trust-forwarded-for=true",
            "--kyodo.security.rate-limit.sign-in-failures=3", "--kyodo.security.rate-limit.sign-in-delay=10m",
            "--kyodo.security.rate-limit.sign-in-max-delay=1h");

    private static ConsoleSession from(String address) {
        return new ConsoleSession(() -> app.app().anonymousHttp(), address);
    }

    @Test
    void failuresFromOneAddressDoNotLockTheOwnerOutElsewhereAndAnAdminClearsThem() {
        String account = KyodoTestApp.username("STAFF", "saiwai");
        ConsoleSession attacker = from(ATTACKER);
        for (int i = 0; i < 3; i++) {
            attacker.signIn(account, "guess-" + i).redirectsTo("/console/sign-in?error=refused");
        }
        // now even the right password waits at the attacker's address, unchecked
        ConsoleSession.Page slowed = attacker.signIn(account, KyodoTestApp.PASSWORD);
        assertThat(slowed.status()).isEqualTo(302);
        assertThat(slowed.location()).startsWith("/console/sign-in?error=slowed&retryAfter=");
        ConsoleSession.Page told = attacker.get(slowed.location()).status(429);
        assertThat(told.html()).contains("しばらく受け付けません");
        app.app().as("STAFF", "saiwai").mutate().defaultHeader("X-Forwarded-For", ATTACKER).build()
                .get().uri("/api/proposals").exchange().expectStatus().isEqualTo(429)
                .expectHeader().exists("Retry-After");

        // the owner, at the office, signs in as ever
        ConsoleSession owner = from(OFFICE);
        owner.signIn(account, KyodoTestApp.PASSWORD).redirectsTo("/console");
        owner.get("/console").status(200);

        // an administrator sees the pair and clears it
        Client admin = app.as("ADMIN", null);
        admin.get("/api/admin/sign-in-throttles").ok().json()
                .jsonPath("$[?(@.account == '" + account + "' && @.address == '" + ATTACKER + "')].failures")
                .isEqualTo(3);
        admin.method(org.springframework.http.HttpMethod.DELETE,
                "/api/admin/sign-in-throttles?account={a}&address={ip}", account, ATTACKER).send().ok().json()
                .jsonPath("$.cleared").isEqualTo(1);
        from(ATTACKER).signIn(account, KyodoTestApp.PASSWORD).redirectsTo("/console");
    }

    @Test
    void aDisabledOrUnknownAccountReadsAsARefusalOnThePage() {
        ConsoleSession browser = from("192.0.2.10");
        browser.signIn("no-such-account", "whatever").redirectsTo("/console/sign-in?error=refused");
        assertThat(browser.get("/console/sign-in?error=refused&lang=en").status(401).html())
                .contains("The account id or the password is wrong.");
        assertThat(browser.get("/console/sign-in?error=nonsense").status(200).html())
                .doesNotContain("notice-alert");
    }
}
