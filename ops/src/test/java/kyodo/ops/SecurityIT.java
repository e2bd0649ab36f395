package kyodo.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-in and the security edge against the running app: who gets in with what, the accounts an
 * administrator manages, OIDC tokens, personal data by ward, the headers on every answer, CORS, the
 * rate limits on the canonical path, the sign-in throttle, and requests the HTTP decoder could not
 * read (raw sockets). (Every command endpoint × role × ward is {@code AccessMatrixIT}.)
 */
class SecurityIT {

    private static final String PORTAL = "https://portal.example.jp";

    /** One app with an OIDC key, an allowed CORS origin and low limits keyed by X-Forwarded-For. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Configured {

        private KyodoTestApp app;
        private KeyPair oidcKey;

        @BeforeAll
        void start(@TempDir Path dir) throws Exception {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            oidcKey = generator.generateKeyPair();
            Path publicKey = dir.resolve("oidc.pub");
            Files.writeString(publicKey, "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(oidcKey.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n");
            app = KyodoTestApp.start(dir.resolve("data"),
                    "--spring.security.oauth2.resourceserver.jwt.public-key-location=file:" + publicKey,
                    "--kyodo.security.cors.allowed-origins=" + PORTAL,
                    "--kyodo.security.trust-forwarded-for=true",
                    "--kyodo.security.rate-limit.public-per-minute=30",
                    "--kyodo.security.rate-limit.sign-in-failures=5",
                    "--kyodo.security.rate-limit.sign-in-failures-per-address=8",
                    "--kyodo.security.rate-limit.sign-in-delay=20s");
        }

        @AfterAll
        void stop() {
            app.close();
        }

        @Test
        void everyAnswerCarriesTheSecurityHeadersAndNoBanner() {
            for (WebTestClient.ResponseSpec answer : new WebTestClient.ResponseSpec[]{
                    app.anonymousHttp().get().uri("/public/proposals").exchange(),
                    app.anonymousHttp().get().uri("/api/proposals").exchange(),
                    app.http().post().uri("/api/proposals").contentType(MediaType.APPLICATION_JSON)
                            .bodyValue("{broken").exchange(),
                    app.anonymousHttp().get().uri("/actuator/health").exchange()}) {
                answer.expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                        .expectHeader().valueEquals("X-Frame-Options", "DENY")
                        .expectHeader().valueEquals("Referrer-Policy", "no-referrer")
                        .expectHeader().valueMatches("Content-Security-Policy", "default-src 'none'.*frame-ancestors 'none'.*")
                        .expectHeader().doesNotExist("Server")
                        .expectHeader().doesNotExist("X-Powered-By");
            }
        }

        @Test
        void anonymousCallersAreAskedToSignInOutsidePublic() {
            for (String path : new String[]{"/api/proposals", "/analytics/decisions", "/api/admin/accounts", "/no-such-page"}) {
                app.anonymousHttp().get().uri(path).exchange()
                        .expectStatus().isUnauthorized()
                        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .expectHeader().value(HttpHeaders.WWW_AUTHENTICATE, v -> assertThat(v).contains("Basic", "Bearer"))
                        .expectBody().jsonPath("$.type").isEqualTo("/problems/unauthenticated");
            }
            app.anonymousHttp().get().uri("/public/proposals").exchange().expectStatus().isOk();
        }

        @Test
        void aWrongPasswordOrUnknownAccountIs401() {
            app.anonymousHttp().get().uri("/api/proposals")
                    .headers(h -> h.setBasicAuth(KyodoTestApp.username("STAFF", null), "wrong"))
                    .header("X-Forwarded-For", "198.51.100.1").exchange()
                    .expectStatus().isUnauthorized()
                    .expectBody().jsonPath("$.detail").isEqualTo("The credentials were not accepted.");
            app.anonymousHttp().get().uri("/api/proposals")
                    .headers(h -> h.setBasicAuth("nobody", "x"))
                    .header("X-Forwarded-For", "198.51.100.1").exchange()
                    .expectStatus().isUnauthorized();
        }

        @Test
        void eachRoleReachesItsOwnArea() {
            Client analyst = app.client("ANALYST", null);
            analyst.get("/api/proposals").refusedWith(403, "/problems/forbidden");
            analyst.post("/api/proposals").body(Requests.proposal()).status(403);
            app.client("STAFF", "saiwai").get("/analytics/decisions").status(403);
            app.client("WARD_HEAD", "saiwai").get("/api/admin/accounts").status(403);
            app.client("STAFF", "saiwai").get("/api/proposals").ok();
            app.client("ADMIN", null).get("/api/admin/accounts").ok();
        }

        @Test
        void anAdministratorManagesAccountsAndPasswordsAreShownOnce() {
            Client admin = app.client("ADMIN", null);
            Answer creation = admin.post("/api/admin/accounts")
                    .body(Map.of("username", "k-10234", "role", "STAFF", "ward", "tama")).status(201);
            creation.spec().expectHeader().valueMatches(HttpHeaders.CACHE_CONTROL, ".*no-store.*");
            Map<?, ?> created = creation.succeeds();
            String password = (String) created.get("password");
            assertThat(password).hasSize(24);
            asAccount("k-10234", password).get().uri("/api/proposals").exchange().expectStatus().isOk();

            admin.post("/api/admin/accounts").body(Map.of("username", "k-10234", "role", "STAFF"))
                    .status(409).json().jsonPath("$.type").isEqualTo("/problems/account-exists");
            admin.post("/api/admin/accounts").body(Map.of("username", "川崎 花子", "role", "ROOT", "ward", "x"))
                    .status(400).json().jsonPath("$.errors[*].field").value(fields ->
                            assertThat(fields.toString()).contains("username", "role", "ward"));
            admin.post("/api/admin/accounts").body(Map.of("username", "h-1", "role", "WARD_HEAD"))
                    .invalidField("ward");

            String listed = admin.get("/api/admin/accounts").ok().text();
            assertThat(listed).contains("k-10234").doesNotContain("$2a$").doesNotContain(password);

            admin.post("/api/admin/accounts/k-10234/disable").send().ok().json()
                    .jsonPath("$.enabled").isEqualTo(false);
            asAccount("k-10234", password).get().uri("/api/proposals").exchange().expectStatus().isUnauthorized()
                    .expectBody().jsonPath("$.detail").isEqualTo("The account is disabled.");

            String renewed = (String) admin.post("/api/admin/accounts/k-10234/password-reset").send().ok().succeeds()
                    .get("password");
            asAccount("k-10234", password).get().uri("/api/proposals").exchange().expectStatus().isUnauthorized();
            asAccount("k-10234", renewed).get().uri("/api/proposals").exchange().expectStatus().isOk();

            admin.post("/api/admin/accounts/{u}/disable", KyodoTestApp.username("STAFF", null)).send()
                    .status(409).json().jsonPath("$.type").isEqualTo("/problems/account-in-configuration");
        }

        @Test
        void staffOfAnotherWardDoNotSeeTheProposer() {
            Client saiwai = app.client("STAFF", "saiwai");
            String id = saiwai.submitProposal();
            KyodoTestApp.eventually(() -> saiwai.get("/api/proposals/{id}", id).ok().json()
                    .jsonPath("$.proposer.name").isEqualTo(Requests.PROPOSER_NAME));
            String seenFromNakahara = app.client("STAFF", "nakahara").get("/api/proposals/{id}", id).ok().text();
            assertThat(seenFromNakahara).contains("withheld").doesNotContain(Requests.PROPOSER_NAME)
                    .doesNotContain(Requests.PROPOSER_CONTACT);
            app.staff().get("/api/proposals/{id}", id).json()
                    .jsonPath("$.proposer.contact").isEqualTo(Requests.PROPOSER_CONTACT);
        }

        @Test
        void anOidcTokenSignsInWithTheRoleAndWardOfItsClaims() throws Exception {
            String saiwaiStaff = token(Map.of("sub", "oidc-7001", "kyodo_role", "STAFF", "kyodo_ward", "saiwai"),
                    Instant.now().plusSeconds(300), (RSAPrivateKey) oidcKey.getPrivate());
            bearer(saiwaiStaff).get().uri("/api/proposals").exchange().expectStatus().isOk();
            bearer(saiwaiStaff).post().uri("/api/proposals").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Requests.proposal()).exchange().expectStatus().isCreated();
            Map<String, Object> elsewhere = Requests.proposal();
            elsewhere.put("ward", "nakahara");
            long before = app.storedEvents();
            bearer(saiwaiStaff).post().uri("/api/proposals").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(elsewhere).exchange().expectStatus().isForbidden()
                    .expectBody().jsonPath("$.type").isEqualTo("/problems/forbidden");
            assertThat(app.storedEvents()).isEqualTo(before);

            String analyst = token(Map.of("sub", "oidc-7002", "kyodo_role", "ANALYST"),
                    Instant.now().plusSeconds(300), (RSAPrivateKey) oidcKey.getPrivate());
            bearer(analyst).get().uri("/api/proposals").exchange().expectStatus().isForbidden();

            String noRole = token(Map.of("sub", "oidc-7003", "kyodo_role", "ROOT"), Instant.now().plusSeconds(300),
                    (RSAPrivateKey) oidcKey.getPrivate());
            bearer(noRole).get().uri("/api/proposals").exchange().expectStatus().isUnauthorized();
            String expired = token(Map.of("sub", "oidc-7001", "kyodo_role", "STAFF"), Instant.now().minusSeconds(600),
                    (RSAPrivateKey) oidcKey.getPrivate());
            bearer(expired).get().uri("/api/proposals").exchange().expectStatus().isUnauthorized();
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            String forged = token(Map.of("sub", "oidc-7001", "kyodo_role", "ADMIN"), Instant.now().plusSeconds(300),
                    (RSAPrivateKey) generator.generateKeyPair().getPrivate());
            bearer(forged).get().uri("/api/proposals").exchange().expectStatus().isUnauthorized()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }

        @Test
        void theConfiguredPortalMayCallFromABrowserAndNoOtherOrigin() {
            app.anonymousHttp().options().uri("/public/proposals").header("Origin", PORTAL)
                    .header("Access-Control-Request-Method", "GET").exchange()
                    .expectStatus().isOk()
                    .expectHeader().valueEquals("Access-Control-Allow-Origin", PORTAL);
            app.anonymousHttp().options().uri("/public/proposals").header("Origin", "https://evil.example")
                    .header("Access-Control-Request-Method", "GET").exchange()
                    .expectStatus().isForbidden()
                    .expectHeader().doesNotExist("Access-Control-Allow-Origin")
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.type").isEqualTo("/problems/forbidden");
            app.anonymousHttp().get().uri("/public/proposals").header("Origin", PORTAL).exchange()
                    .expectStatus().isOk()
                    .expectHeader().valueEquals("Access-Control-Allow-Origin", PORTAL);
        }

        @Test
        void anonymousPublicReadsAreLimitedPerAddress() {
            String client = "203.0.113.7";
            for (int i = 0; i < 30; i++) {
                app.anonymousHttp().get().uri("/public/proposals").header("X-Forwarded-For", client).exchange()
                        .expectStatus().isOk();
            }
            app.anonymousHttp().get().uri("/public/proposals").header("X-Forwarded-For", client).exchange()
                    .expectStatus().isEqualTo(429)
                    .expectHeader().exists("Retry-After")
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.type").isEqualTo("/problems/too-many-requests");
            app.anonymousHttp().get().uri("/public/proposals").header("X-Forwarded-For", "203.0.113.8").exchange()
                    .expectStatus().isOk();
        }

        @Test
        void failedSignInsSlowDownTheAttackersAddressNotTheAccountElsewhere() {
            String victim = createStaffAccount("k-victim");
            String attacker = "203.0.113.66";
            for (int i = 0; i < 5; i++) {
                signIn("k-victim", "nope", attacker).expectStatus().isUnauthorized();
            }
            // from the attacker's address even the right password now waits, unchecked …
            signIn("k-victim", victim, attacker).expectStatus().isEqualTo(429)
                    .expectHeader().value("Retry-After", v -> assertThat(Long.parseLong(v)).isBetween(1L, 20L))
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.type").isEqualTo("/problems/too-many-requests");
            // … while the member of staff signs in from anywhere else
            signIn("k-victim", victim, "198.18.0.99").expectStatus().isOk();
            signIn("k-victim", victim, "198.18.0.99").expectStatus().isOk();
        }

        @Test
        void madeUpAccountIdsSlowTheirAddressButNeitherRealAccountsNorOtherAddresses() {
            String sprayer = "203.0.113.67";
            for (int i = 0; i < 8; i++) {
                signIn("guess-" + i, "x", sprayer).expectStatus().isUnauthorized();
            }
            signIn("guess-8", "x", sprayer).expectStatus().isEqualTo(429).expectHeader().exists("Retry-After");
            signIn(KyodoTestApp.username("STAFF", null), KyodoTestApp.PASSWORD, sprayer)
                    .expectStatus().isEqualTo(429);
            signIn(KyodoTestApp.username("STAFF", null), KyodoTestApp.PASSWORD, "203.0.113.68").expectStatus().isOk();
            signIn("guess-0", "x", "203.0.113.68").expectStatus().isUnauthorized();
        }

        @Test
        void staffWhoSignedInFromASharedAddressBeforeAreNotHeldBackWhenSomeoneThereSprays() {
            String office = "192.0.2.80";
            String clerk = KyodoTestApp.username("STAFF", "saiwai");
            signIn(clerk, KyodoTestApp.PASSWORD, office).expectStatus().isOk();
            for (int i = 0; i < 8; i++) {
                signIn("spray-" + i, "x", office).expectStatus().isUnauthorized();
            }
            signIn(clerk, KyodoTestApp.PASSWORD, office).expectStatus().isOk();
            // an account new to the address waits like the sprayer
            signIn(KyodoTestApp.username("WARD_HEAD", "saiwai"), KyodoTestApp.PASSWORD, office)
                    .expectStatus().isEqualTo(429);
        }

        @Test
        void anAdministratorSeesAndClearsSignInThrottles() {
            String password = createStaffAccount("k-typo");
            String desk = "192.0.2.81";
            for (int i = 0; i < 5; i++) {
                signIn("k-typo", "wrong-" + i, desk).expectStatus().isUnauthorized();
            }
            signIn("k-typo", password, desk).expectStatus().isEqualTo(429);

            WebTestClient admin = app.as("ADMIN", null);
            admin.get().uri("/api/admin/sign-in-throttles").exchange().expectStatus().isOk()
                    .expectHeader().valueMatches(HttpHeaders.CACHE_CONTROL, ".*no-store.*")
                    .expectBody()
                    .jsonPath("$[?(@.account == 'k-typo' && @.address == '192.0.2.81')].failures").isEqualTo(5)
                    .jsonPath("$[?(@.account == 'k-typo')].slowedUntil")
                    .value(until -> assertThat(until.toString()).matches("\\[\"20\\d\\d-.+Z\"]"))
                    .jsonPath("$[?(@.account == null && @.address == '192.0.2.81')].failures").isEqualTo(5);
            admin.delete().uri("/api/admin/sign-in-throttles?account=k-typo&address=192.0.2.81").exchange()
                    .expectStatus().isOk().expectBody().jsonPath("$.cleared").isEqualTo(1);
            signIn("k-typo", password, desk).expectStatus().isOk();

            admin.delete().uri("/api/admin/sign-in-throttles").exchange().expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.type").isEqualTo("/problems/invalid-input")
                    .jsonPath("$.errors[0].field").isEqualTo("account");
            admin.delete().uri("/api/admin/sign-in-throttles?address=not-an-address").exchange()
                    .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("address");
            admin.get().uri("/api/admin/sign-in-throttles?limit=0").exchange().expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
            app.as("WARD_HEAD", "saiwai").get().uri("/api/admin/sign-in-throttles").exchange()
                    .expectStatus().isForbidden();
            app.as("WARD_HEAD", "saiwai").delete().uri("/api/admin/sign-in-throttles?address=192.0.2.81").exchange()
                    .expectStatus().isForbidden();
        }

        @Test
        void thePublicLimitCountsEveryWayOfSpellingThePublicPath() {
            String[] spellings = {"/%70ublic/proposals", "/public//proposals", "/%70%75blic//proposals",
                    "/public;v=1/proposals", "/public/proposals;jsessionid=1", "/./public/proposals",
                    "/public/./proposals", "/%2e/public/proposals", "/public%2Fproposals", "/public%2fproposals",
                    "/PUBLIC/proposals", "/Public/proposals", "/public/proposals/", "/public\\proposals",
                    "/public/%zz"};
            int port = port();
            for (int n = 0; n < spellings.length; n++) {
                String spelling = spellings[n];
                String client = "203.0.113." + (100 + n);
                List<Integer> statuses = new ArrayList<>();
                for (int i = 0; i < 31; i++) {
                    statuses.add(raw(port, "GET " + spelling + " HTTP/1.1\r\nHost: localhost\r\n"
                            + "X-Forwarded-For: " + client + "\r\nConnection: close\r\n\r\n", false).status());
                }
                if (statuses.contains(200)) {
                    assertThat(statuses.subList(0, 30)).as(spelling + " reaches the public handler").containsOnly(200);
                    assertThat(statuses.get(30)).as(spelling + " is counted").isEqualTo(429);
                } else {
                    assertThat(statuses).as(spelling + " is refused before any handler").allSatisfy(status ->
                            assertThat(status).isIn(400, 401, 404, 429));
                }
            }
            assertThat(raw(port, "GET /%70ublic/proposals HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-For: 203.0.113.99"
                    + "\r\nConnection: close\r\n\r\n", false).status()).as("the encoded spelling is served").isEqualTo(200);
        }

        @Test
        void onlyTheLastForwardedForEntryCountsAsTheClient() {
            for (int i = 0; i < 30; i++) {
                String spoofed = "10.9." + i + ".1, 203.0.113.77";
                app.anonymousHttp().get().uri("/public/proposals").header("X-Forwarded-For", spoofed).exchange()
                        .expectStatus().isOk();
            }
            app.anonymousHttp().get().uri("/public/proposals").header("X-Forwarded-For", "10.9.99.1, 203.0.113.77")
                    .exchange().expectStatus().isEqualTo(429);
        }

        @Test
        void aChunkedCommandWhoseTrailerIsTooLargeIsRefusedAndNeverRuns() throws Exception {
            int port = port();
            String body = new ObjectMapper().writeValueAsString(Requests.proposal());
            String small = "X-Checksum: 1\r\n";
            String huge = "X-Padding: " + "a".repeat(16 * 1024) + "\r\n";

            long before = app.storedEvents();
            RawAnswer refused = raw(port, chunkedProposal(body, huge, true), false);
            assertThat(refused.status()).isEqualTo(431);
            Thread.sleep(1_500);
            assertThat(app.storedEvents()).as("nothing ran for the refused request").isEqualTo(before);
            assertThat(refused.header("content-type")).isEqualTo("application/problem+json");
            assertThat(refused.body()).contains("\"type\":\"/problems/request-headers-too-large\"")
                    .doesNotContain("Exception");
            assertThat(raw(port, chunkedProposal(body, huge, true), false).status()).as("nor for a retry").isEqualTo(431);
            Thread.sleep(1_500);
            assertThat(app.storedEvents()).isEqualTo(before);

            // the same request with a small trailer is a valid command: the refusal above was the trailer's
            assertThat(raw(port, chunkedProposal(body, small, true), false).status()).isEqualTo(201);
            assertThat(app.storedEvents()).isGreaterThan(before);
        }

        @Test
        void aChunkedCommandThatStopsMidwayCreatesNothing() throws Exception {
            int port = port();
            String body = new ObjectMapper().writeValueAsString(Requests.proposal());
            byte[] json = body.getBytes(StandardCharsets.UTF_8);
            String head = "POST /api/proposals HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\nConnection: close\r\n" + signedIn() + "\r\n";
            long before = app.storedEvents();
            // a chunk cut short, then the client half-closes
            raw(port, head + Integer.toHexString(json.length) + "\r\n" + body.substring(0, body.length() / 2), true);
            // every chunk of the whole body, but no last chunk
            raw(port, head + Integer.toHexString(json.length) + "\r\n" + body + "\r\n", true);
            // the whole body and the last chunk, but the trailer's end never comes
            raw(port, head + Integer.toHexString(json.length) + "\r\n" + body + "\r\n0\r\nX-Checksum: 1\r\n", true);
            Thread.sleep(1_500);
            assertThat(app.storedEvents()).isEqualTo(before);
        }

        @Test
        void headersOverTheLimitAreRefusedInProblemJson() {
            RawAnswer answer = raw(port(), "GET /public/proposals HTTP/1.1\r\nHost: localhost\r\nX-Padding: "
                    + "a".repeat(16 * 1024) + "\r\nConnection: close\r\n\r\n", false);
            assertThat(answer.status()).isEqualTo(431);
            assertThat(answer.header("content-type")).isEqualTo("application/problem+json");
            assertThat(answer.body()).contains("/problems/request-headers-too-large");
        }

        private String chunkedProposal(String body, String trailer, boolean signedIn) {
            byte[] json = body.getBytes(StandardCharsets.UTF_8);
            return "POST /api/proposals HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\nConnection: close\r\n" + (signedIn ? signedIn() : "") + "\r\n"
                    + Integer.toHexString(json.length) + "\r\n" + body + "\r\n0\r\n" + trailer + "\r\n";
        }

        private String signedIn() {
            StringBuilder headers = new StringBuilder();
            SignedInHeaders.of(app.http()).forEach(h -> headers.append(h[0]).append(": ").append(h[1]).append("\r\n"));
            return headers.toString();
        }

        private int port() {
            return ((WebServerApplicationContext) app.context()).getWebServer().getPort();
        }

        private String createStaffAccount(String username) {
            return (String) app.as("ADMIN", null).post().uri("/api/admin/accounts")
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("username", username, "role", "STAFF"))
                    .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody()
                    .get("password");
        }

        private WebTestClient.ResponseSpec signIn(String username, String password, String from) {
            return app.anonymousHttp().get().uri("/api/proposals").headers(h -> h.setBasicAuth(username, password))
                    .header("X-Forwarded-For", from).exchange();
        }

        private WebTestClient asAccount(String username, String password) {
            return app.anonymousHttp().mutate().defaultHeaders(h -> h.setBasicAuth(username, password)).build();
        }

        private WebTestClient bearer(String token) {
            return app.anonymousHttp().mutate().defaultHeaders(h -> h.setBearerAuth(token)).build();
        }
    }

    /** A first run with no accounts at all, and the default settings. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class FirstRun {

        private KyodoTestApp app;
        private Path passwordFile;

        @BeforeAll
        void start(@TempDir Path dir) {
            passwordFile = dir.resolve("initial-admin-password");
            app = KyodoTestApp.start(dir.resolve("data"), KyodoTestApp.NO_ACCOUNTS,
                    "--kyodo.security.initial-admin-password-file=" + passwordFile);
        }

        @AfterAll
        void stop() {
            app.close();
        }

        @Test
        void theFirstRunCreatesAnAdministratorWithAGeneratedPasswordOnce() throws Exception {
            String password = Files.readString(passwordFile).strip();
            assertThat(password).hasSize(24).isNotEqualTo("admin").isNotEqualTo("password");
            WebTestClient admin = app.anonymousHttp().mutate().defaultHeaders(h -> h.setBasicAuth("admin", password))
                    .build();
            admin.get().uri("/api/admin/accounts").exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$[0].username").isEqualTo("admin").jsonPath("$[0].role").isEqualTo("ADMIN");

            Files.delete(passwordFile);
            app.restart();
            assertThat(passwordFile).doesNotExist();
            admin = app.anonymousHttp().mutate().defaultHeaders(h -> h.setBasicAuth("admin", password)).build();
            admin.get().uri("/api/admin/accounts").exchange().expectStatus().isOk();
        }

        @Test
        void corsIsClosedByDefault() {
            app.anonymousHttp().options().uri("/public/proposals").header("Origin", PORTAL)
                    .header("Access-Control-Request-Method", "GET").exchange()
                    .expectHeader().doesNotExist("Access-Control-Allow-Origin");
            app.anonymousHttp().get().uri("/public/proposals").header("Origin", PORTAL).exchange()
                    .expectHeader().doesNotExist("Access-Control-Allow-Origin");
        }
    }

    /** An answer read off a raw socket: status, lower-case header names, body text. */
    record RawAnswer(int status, Map<String, String> headers, String body) {

        String header(String name) {
            return headers.get(name);
        }
    }

    /**
     * Sends bytes exactly as given on a connection of their own and reads the answer to the end; with
     * {@code halfClose}, shuts the output down right after, as a client that gives up mid-request.
     */
    static RawAnswer raw(int port, String request, boolean halfClose) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            if (halfClose) {
                socket.shutdownOutput();
            }
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            try {
                socket.getInputStream().transferTo(all);
            } catch (SocketException reset) {
                // the server answered and dropped the rest: what arrived counts
            }
            String text = all.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            if (end < 0) {
                return new RawAnswer(0, Map.of(), text);
            }
            String[] lines = text.substring(0, end).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
            return new RawAnswer(Integer.parseInt(lines[0].split(" ")[1]), headers, text.substring(end + 4));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String token(Map<String, Object> claims, Instant expires, RSAPrivateKey key) throws Exception {
        JWTClaimsSet.Builder set = new JWTClaimsSet.Builder().issueTime(new Date())
                .expirationTime(Date.from(expires));
        claims.forEach(set::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), set.build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
