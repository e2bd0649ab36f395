package kyodo.ops.security;

import kyodo.command.web.HostilePathFilter;
import kyodo.command.web.HostilePathFilter.Canonical;
import kyodo.command.web.HostilePathFilter.Hostile;
import kyodo.command.web.HostilePathFilter.Malformed;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one canonical path that the rate limits, the security rules and the router all see
 * ({@link HostilePathFilter}, run before any other filter).
 */
class PathCanonicalTest {

    @ParameterizedTest
    @CsvSource({
            "/public/proposals, /public/proposals",
            "/%70ublic/proposals, /public/proposals",
            "/%70%75%62%6C%69%63/proposals, /public/proposals",
            "/public;x=1/proposals, /public/proposals",
            "/public/proposals;jsessionid=1, /public/proposals",
            "/public/history/proposal/p%2D1, /public/history/proposal/p-1",
            "/public/proposals/%e5%b9%b8, /public/proposals/%E5%B9%B8",
            "/public/proposals/100%25, /public/proposals/100%25",
            "/public/proposals/a%3Bb, /public/proposals/a%3Bb",
            "/PUBLIC/proposals, /PUBLIC/proposals",
            "/a...b/c..d, /a...b/c..d"})
    void equivalentSpellingsBecomeOnePath(String raw, String canonical) {
        assertThat(HostilePathFilter.canonical(raw)).isEqualTo(new Canonical(canonical));
        assertThat(HostilePathFilter.canonical(canonical)).as("idempotent").isEqualTo(new Canonical(canonical));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/public/%2e/proposals", "/./public/proposals", "/public/../api/proposals",
            "/%2E%2E/public", "/public%2Fproposals", "/public%2fproposals", "/public/proposals%5C",
            "/public/proposals\\x", "/public/proposals/a%00", "/public/proposals/a%0A", "/public/%7F",
            "/public/..;/api/proposals", "/public/.%2e/api", "/public//proposals", "//public/proposals",
            "/api/proposals/p-1//decision", "/public/proposals;x=1//", "/public/%70//proposals"})
    void climbingOrSmugglingPathsAreHostile(String raw) {
        assertThat(HostilePathFilter.canonical(raw)).isEqualTo(new Hostile());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/public/%zz", "/public/%", "/public/%4", "/public/%G1"})
    void brokenEscapesAreMalformed(String raw) {
        assertThat(HostilePathFilter.canonical(raw)).isEqualTo(new Malformed());
    }
}
