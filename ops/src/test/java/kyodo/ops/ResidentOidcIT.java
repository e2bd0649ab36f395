package kyodo.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import kyodo.kernel.proposal.ProposalSupported;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Residents verified by an OIDC provider (issue 17), against an in-process provider
 * ({@link ConsoleOidcProvider} with the residents' client): the residents' sign-in page offers "sign in
 * with <provider>"; the authorization-code flow with PKCE signs the person in as a verified resident of
 * the ward the ward claim names, who can support that ward's proposals; the same subject is the same
 * account next time; the raw subject is in no store and no log line; a callback with a wrong state or a
 * code bound to another PKCE challenge signs nobody in; a token without a known ward signs nobody in.
 */
@ExtendWith(OutputCaptureExtension.class)
class ResidentOidcIT {

    private static final String CLIENT_ID = "kyodo-residents";
    private static final String CLIENT_SECRET = "residents-client-secret";
    static final ConsoleOidcProvider provider = ConsoleOidcProvider.start(CLIENT_ID, CLIENT_SECRET);

    @RegisterExtension
    static final RunningApp app = new RunningApp(
            "--kyodo.residents.oidc.issuer-uri=" + provider.issuer(),
            "--kyodo.residents.oidc.client-id=" + CLIENT_ID,
            "--kyodo.residents.oidc.client-secret=" + CLIENT_SECRET,
            "--kyodo.residents.oidc.provider-name=テスト本人確認",
            "--kyodo.residents.oidc.ward-claim=kyodo_resident_ward",
            // every line kyodo and the security framework write, to look for the subject in them
            "--logging.level.kyodo=DEBUG", "--logging.level.org.springframework.security=DEBUG");

    private static final Client saiwaiStaff = app.as("STAFF", "saiwai");
    private static final ResidentSteps residents = new ResidentSteps(app);
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    @AfterAll
    static void stopProvider() {
        provider.close();
    }

    /** The provider's answer to the browser: the callback into kyodo, with the code and the state. */
    private static URI atTheProvider(ConsoleSession.Page toProvider) throws IOException, InterruptedException {
        assertThat(toProvider.status()).isEqualTo(302);
        assertThat(toProvider.location()).startsWith(provider.issuer() + "/authorize?");
        URI callback = provider.backFrom(toProvider.location());
        assertThat(callback.getPath()).isEqualTo("/resident/oauth2/code/resident");
        return callback;
    }

    /** The browser's round trip from the residents' sign-in page; answers kyodo's answer to the callback. */
    private static ConsoleSession.Page signInAtTheProvider(ConsoleSession browser, String start)
            throws IOException, InterruptedException {
        URI callback = atTheProvider(browser.get(start));
        return browser.get(callback.getPath() + "?" + callback.getQuery());
    }

    private static final String START = "/resident/oauth2/authorization/resident";

    @Test
    void aPersonTheProviderVouchesForIsAVerifiedResidentOfTheWardClaimedAndOneAccountForever(CapturedOutput output)
            throws Exception {
        String subject = "jpki-ppid-7Q4C9ZK2-raw-subject";
        String proposal = saiwaiStaff.submitProposal();
        // in the read model before a resident's page asks for it (the resident's session wrote nothing to wait for)
        saiwaiStaff.get("/api/proposals/{id}?minVersion=0", proposal).ok();
        provider.signsInNext(Map.of("sub", subject, "kyodo_resident_ward", "幸区",
                "name", "OIDCプランテッド花子", "email", "hanako.oidc-17@example.jp"));
        int verified = provider.verifiedTokenRequests();

        // the sign-in page offers the provider by its name; the portal's support button leads there
        ConsoleSession hanako = residents.browser();
        String continueTo = "/resident/supports/" + proposal;
        ConsoleSession.Page signInPage = hanako.follow(hanako.get(continueTo)
                .redirectsTo("/resident/sign-in?continue=" + URLEncoder.encode(continueTo, StandardCharsets.UTF_8))
                .location()).status(200);
        assertThat(signInPage.html()).contains("id=\"provider-sign-in\"", "テスト本人確認でサインインする",
                "href=\"" + START + "?continue=", "name=\"continue\" value=\"" + continueTo + "\"");
        // the flow: PKCE (S256), a nonce, the residents' own client and callback; back on the page asked for
        signInAtTheProvider(hanako, START + "?continue=" + continueTo).redirectsTo(continueTo);
        Map<String, String> asked = provider.authorizations().get(provider.authorizations().size() - 1);
        assertThat(asked.get("code_challenge")).matches("[A-Za-z0-9_-]{43}");
        assertThat(asked).containsEntry("code_challenge_method", "S256").containsEntry("client_id", CLIENT_ID)
                .containsKey("nonce").containsKey("state");
        assertThat(asked.get("redirect_uri")).endsWith("/resident/oauth2/code/resident");
        assertThat(provider.verifiedTokenRequests()).isEqualTo(verified + 1);

        // a verified resident of 幸区 at once: they support the ward's proposal
        assertThat(hanako.get(continueTo).status(200).html()).contains("id=\"form-support\"");
        hanako.post(continueTo, Map.of("action", "support")).status(303);
        KyodoTestApp.eventually(() -> assertThat(app.anonymous().get("/public/proposals/{id}", proposal).ok().tree()
                .at("/supports").asInt()).isEqualTo(1));
        JsonNode first = JSON.readTree(hanako.get("/resident/account/export").status(200).html());
        assertThat(first.at("/verifiedWard").asText()).isEqualTo("saiwai");
        assertThat(first.at("/confirmed").asBoolean()).isTrue();
        assertThat(first.at("/hasPseudonym").asBoolean()).isTrue();
        assertThat(first.at("/name").asText()).isEqualTo("OIDCプランテッド花子");
        assertThat(first.at("/email").asText()).isEqualTo("hanako.oidc-17@example.jp");
        // a staff session is nobody in the residents' area, and a resident's nobody in the console
        hanako.get("/console").redirectsTo("/console/sign-in");

        // the same subject again, in another browser, now living in 多摩区: the same account, moved
        provider.signsInNext(Map.of("sub", subject, "kyodo_resident_ward", "tama",
                "name", "OIDCプランテッド花子", "email", "hanako.oidc-17@example.jp"));
        ConsoleSession again = residents.browser();
        signInAtTheProvider(again, START).redirectsTo("/resident");
        JsonNode second = JSON.readTree(again.get("/resident/account/export").status(200).html());
        assertThat(second.at("/accountId").asText()).isEqualTo(first.at("/accountId").asText());
        assertThat(second.at("/verifiedWard").asText()).isEqualTo("tama");
        // still one support: the pseudonym is the person's, whichever session
        again.get(continueTo).status(200);
        ConsoleSession.Page refused = again.post(continueTo, Map.of("action", "support"));
        assertThat(refused.status()).isIn(403, 409);
        assertThat(refused.html()).contains("id=\"refusal\"");

        // the pseudonym is what the event records; the raw subject is in no event, store file or log line
        String pseudonym = null;
        List<String> payloads = new ArrayList<>();
        DomainEventStream events = app.context().getBean(EventStore.class).readEvents(proposal, 0);
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            payloads.add(JSON.writeValueAsString(event.getPayload()) + event.getMetaData());
            if (event.getPayload() instanceof ProposalSupported supported) {
                pseudonym = supported.supporter();
            }
        }
        assertThat(pseudonym).as("the support's pseudonym").isNotNull().matches("[0-9a-f]{64}|[A-Za-z0-9_-]{43}");
        assertThat(payloads).noneMatch(p -> p.contains(subject));
        String recorded = pseudonym;
        Path residentsFile = app.dataDir().resolve("residents/residents.mv.db");
        Path eventsFile = app.dataDir().resolve("eventstore/kyodo.mv.db");
        // the scan reads what the files hold: the pseudonym is there once written
        KyodoTestApp.eventually(() -> {
            assertThat(text(residentsFile)).contains(recorded);
            assertThat(text(eventsFile)).contains(recorded);
        });
        try (Stream<Path> files = Files.walk(app.dataDir())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(text(file)).as("%s", file).doesNotContain(subject);
            }
        }
        assertThat(output.getAll()).as("the log").doesNotContain(subject)
                .contains("A resident signed in at the OIDC provider, verified for saiwai");
    }

    @Test
    void aCallbackWithAnotherStateOrACodeForAnotherChallengeSignsNobodyIn() throws Exception {
        provider.signsInNext(Map.of("sub", "attacker-subject-1", "kyodo_resident_ward", "saiwai",
                "name", "攻撃プランテッド", "email", "attacker.oidc-17@example.jp"));
        // a state that is not the one this browser's flow was started with
        ConsoleSession victim = residents.browser();
        URI callback = atTheProvider(victim.get(START));
        String query = callback.getQuery().replaceAll("state=[^&]+", "state=forged-state");
        victim.get(callback.getPath() + "?" + query).redirectsTo("/resident/sign-in?error=providerFailed");
        victim.get("/resident").redirectsTo("/resident/sign-in");
        assertThat(victim.get("/resident/sign-in?error=providerFailed").status(401).html())
                .contains("本人確認サービスでサインインできませんでした");

        // a code issued for another browser's flow (another PKCE challenge), with this flow's state:
        // the token request proves this flow's verifier, which the provider refuses
        ConsoleSession attacker = residents.browser();
        URI attackersCallback = atTheProvider(attacker.get(START));
        String attackersCode = param(attackersCallback, "code");
        ConsoleSession other = residents.browser();
        URI othersCallback = atTheProvider(other.get(START));
        int refused = provider.refusedTokenRequests();
        other.follow(othersCallback.getPath() + "?code=" + URLEncoder.encode(attackersCode, StandardCharsets.UTF_8)
                        + "&state=" + URLEncoder.encode(param(othersCallback, "state"), StandardCharsets.UTF_8))
                .redirectsTo("/resident/sign-in?error=providerFailed");
        assertThat(provider.refusedTokenRequests()).isEqualTo(refused + 1);
        other.get("/resident").redirectsTo("/resident/sign-in");
    }

    @Test
    void aTokenWithoutAWardOfTheCityOrWithoutAnAddressSignsNobodyIn() throws Exception {
        provider.signsInNext(Map.of("sub", "no-ward-subject", "kyodo_resident_ward", "atlantis",
                "name", "区外プランテッド", "email", "noward.oidc-17@example.jp"));
        ConsoleSession noWard = residents.browser();
        signInAtTheProvider(noWard, START).redirectsTo("/resident/sign-in?error=providerNoWard");
        assertThat(noWard.get("/resident/sign-in?error=providerNoWard&lang=en").status(401).html())
                .contains("did not say which ward of the city you live in");
        noWard.get("/resident").redirectsTo("/resident/sign-in");

        provider.signsInNext(Map.of("sub", "no-mail-subject", "kyodo_resident_ward", "saiwai",
                "name", "無住所プランテッド"));
        ConsoleSession noMail = residents.browser();
        signInAtTheProvider(noMail, START).redirectsTo("/resident/sign-in?error=providerIncomplete");
        noMail.get("/resident").redirectsTo("/resident/sign-in");
    }

    private static String param(URI uri, String name) {
        for (String pair : uri.getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) {
                return java.net.URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no " + name + " in " + uri);
    }

    private static String text(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
