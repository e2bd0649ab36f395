package kyodo.ops;

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
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-in and the security edge against the running app: who gets in with what, the accounts an
 * administrator manages, OIDC tokens, personal data by ward, the headers on every answer, CORS and
 * the rate limits. (Every command endpoint × role × ward is {@code AccessMatrixIT}.)
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
                    "--kyodo.security.rate-limit.sign-in-failures-per-address=8");
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
            for (String path : new String[]{"/api/proposals", "/analytics/decisions", "/api/admin/accounts", "/"}) {
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
            app.as("ANALYST", null).get().uri("/api/proposals").exchange().expectStatus().isForbidden()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.type").isEqualTo("/problems/forbidden");
            app.as("ANALYST", null).post().uri("/api/proposals").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Requests.proposal()).exchange().expectStatus().isForbidden();
            app.as("STAFF", "saiwai").get().uri("/analytics/decisions").exchange().expectStatus().isForbidden();
            app.as("WARD_HEAD", "saiwai").get().uri("/api/admin/accounts").exchange().expectStatus().isForbidden();
            app.as("STAFF", "saiwai").get().uri("/api/proposals").exchange().expectStatus().isOk();
            app.as("ADMIN", null).get().uri("/api/admin/accounts").exchange().expectStatus().isOk();
        }

        @Test
        void anAdministratorManagesAccountsAndPasswordsAreShownOnce() {
            WebTestClient admin = app.as("ADMIN", null);
            Map<?, ?> created = admin.post().uri("/api/admin/accounts").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("username", "k-10234", "role", "STAFF", "ward", "tama")).exchange()
                    .expectStatus().isCreated()
                    .expectHeader().valueMatches(HttpHeaders.CACHE_CONTROL, ".*no-store.*")
                    .expectBody(Map.class).returnResult().getResponseBody();
            String password = (String) created.get("password");
            assertThat(password).hasSize(24);
            asAccount("k-10234", password).get().uri("/api/proposals").exchange().expectStatus().isOk();

            admin.post().uri("/api/admin/accounts").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("username", "k-10234", "role", "STAFF")).exchange()
                    .expectStatus().isEqualTo(409).expectBody().jsonPath("$.type").isEqualTo("/problems/account-exists");
            admin.post().uri("/api/admin/accounts").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("username", "川崎 花子", "role", "ROOT", "ward", "x")).exchange()
                    .expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.errors[*].field").value(fields ->
                            assertThat(fields.toString()).contains("username", "role", "ward"));
            admin.post().uri("/api/admin/accounts").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("username", "h-1", "role", "WARD_HEAD")).exchange()
                    .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("ward");

            String listed = admin.get().uri("/api/admin/accounts").exchange().expectStatus().isOk()
                    .expectBody(String.class).returnResult().getResponseBody();
            assertThat(listed).contains("k-10234").doesNotContain("$2a$").doesNotContain(password);

            admin.post().uri("/api/admin/accounts/k-10234/disable").exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.enabled").isEqualTo(false);
            asAccount("k-10234", password).get().uri("/api/proposals").exchange().expectStatus().isUnauthorized()
                    .expectBody().jsonPath("$.detail").isEqualTo("The account is disabled.");

            String renewed = (String) admin.post().uri("/api/admin/accounts/k-10234/password-reset").exchange()
                    .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("password");
            asAccount("k-10234", password).get().uri("/api/proposals").exchange().expectStatus().isUnauthorized();
            asAccount("k-10234", renewed).get().uri("/api/proposals").exchange().expectStatus().isOk();

            admin.post().uri("/api/admin/accounts/{u}/disable", KyodoTestApp.username("STAFF", null)).exchange()
                    .expectStatus().isEqualTo(409)
                    .expectBody().jsonPath("$.type").isEqualTo("/problems/account-in-configuration");
        }

        @Test
        void staffOfAnotherWardDoNotSeeTheProposer() {
            String id = (String) app.as("STAFF", "saiwai").post().uri("/api/proposals")
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Requests.proposal()).exchange()
                    .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id");
            KyodoTestApp.eventually(() -> app.as("STAFF", "saiwai").get().uri("/api/proposals/{id}", id).exchange()
                    .expectStatus().isOk().expectBody().jsonPath("$.proposer.name").isEqualTo(Requests.PROPOSER_NAME));
            String seenFromNakahara = app.as("STAFF", "nakahara").get().uri("/api/proposals/{id}", id).exchange()
                    .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
            assertThat(seenFromNakahara).contains("withheld").doesNotContain(Requests.PROPOSER_NAME)
                    .doesNotContain(Requests.PROPOSER_CONTACT);
            app.as("STAFF", null).get().uri("/api/proposals/{id}", id).exchange()
                    .expectBody().jsonPath("$.proposer.contact").isEqualTo(Requests.PROPOSER_CONTACT);
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
        void repeatedFailedSignInsLockTheAddressAndTheAccountForAWhile() {
            String attacker = "203.0.113.66";
            for (int i = 0; i < 8; i++) {
                String guess = "guess-" + i;
                app.anonymousHttp().get().uri("/api/proposals").headers(h -> h.setBasicAuth(guess, "x"))
                        .header("X-Forwarded-For", attacker).exchange().expectStatus().isUnauthorized();
            }
            // even the right password is refused from that address now
            app.anonymousHttp().get().uri("/api/proposals")
                    .headers(h -> h.setBasicAuth(KyodoTestApp.username("STAFF", null), KyodoTestApp.PASSWORD))
                    .header("X-Forwarded-For", attacker).exchange()
                    .expectStatus().isEqualTo(429).expectHeader().exists("Retry-After");

            String victim = (String) app.as("ADMIN", null).post().uri("/api/admin/accounts")
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("username", "k-victim", "role", "STAFF"))
                    .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody()
                    .get("password");
            for (int i = 0; i < 5; i++) {
                String from = "198.18.0." + (10 + i);
                app.anonymousHttp().get().uri("/api/proposals").headers(h -> h.setBasicAuth("k-victim", "nope"))
                        .header("X-Forwarded-For", from).exchange().expectStatus().isUnauthorized();
            }
            app.anonymousHttp().get().uri("/api/proposals").headers(h -> h.setBasicAuth("k-victim", victim))
                    .header("X-Forwarded-For", "198.18.0.99").exchange().expectStatus().isEqualTo(429);
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

    private static String token(Map<String, Object> claims, Instant expires, RSAPrivateKey key) throws Exception {
        JWTClaimsSet.Builder set = new JWTClaimsSet.Builder().issueTime(new Date())
                .expirationTime(Date.from(expires));
        claims.forEach(set::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), set.build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
