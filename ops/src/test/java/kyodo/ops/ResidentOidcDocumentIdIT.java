package kyodo.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One person, two ways of verification ({@code kyodo.residents.oidc.subject-is-document-id}, ADR 26), against an
 * in-process provider ({@link ConsoleOidcProvider}) whose subject claim carries the identifier staff type at the
 * counter. With the setting on, a person verified at the counter who then signs in at the provider is the same
 * account (they cannot support twice), and the counter refuses a code for a person the provider verified first.
 * With it off (the default, a second app), the same person holds two accounts and supports twice: the documented
 * limit. Neither the document's identifier nor the subject is in any store file or log line.
 */
@ExtendWith(OutputCaptureExtension.class)
class ResidentOidcDocumentIdIT {

    private static final String CLIENT_ID = "kyodo-residents-documents";
    private static final String CLIENT_SECRET = "residents-documents-secret";
    private static final String START = "/resident/oauth2/authorization/resident";
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    static final ConsoleOidcProvider provider = ConsoleOidcProvider.start(CLIENT_ID, CLIENT_SECRET);

    @RegisterExtension
    static final RunningApp documents = new RunningApp(settings(true));
    @RegisterExtension
    static final RunningApp subjects = new RunningApp(settings(false));

    private static String[] settings(boolean subjectIsDocumentId) {
        return new String[]{"--kyodo.residents.oidc.issuer-uri=" + provider.issuer(),
                "--kyodo.residents.oidc.client-id=" + CLIENT_ID,
                "--kyodo.residents.oidc.client-secret=" + CLIENT_SECRET,
                "--kyodo.residents.oidc.ward-claim=kyodo_resident_ward",
                "--kyodo.residents.oidc.subject-is-document-id=" + subjectIsDocumentId,
                // every line kyodo and the security framework write, to look for the identifiers in them
                "--logging.level.kyodo=DEBUG", "--logging.level.org.springframework.security=DEBUG"};
    }

    @AfterAll
    static void stopProvider() {
        provider.close();
    }

    @Test
    void withTheSettingOnTheCounterAndTheProviderVerifyOneAccount(CapturedOutput output) throws Exception {
        String document = "JP-7310-4462-0917";
        ResidentSteps residents = new ResidentSteps(documents);
        String proposal = proposalOf(documents);
        JsonNode atCounter = export(supportsFromTheCounter(documents, "counter.doc-on@example.jp", "窓口確認プランテッド",
                document, proposal));
        assertThat(atCounter.at("/verifiedWard").asText()).isEqualTo("saiwai");

        // the same person signs in at the provider, whose subject is the document's identifier typed its own way
        ConsoleSession atProvider = atTheProvider(residents, "jp 7310 4462 0917", "認証側プランテッド",
                "provider.doc-on@example.jp");
        JsonNode signedIn = export(atProvider);
        assertThat(signedIn.at("/accountId").asText()).as("the counter's account").isEqualTo(atCounter.at("/accountId").asText());
        assertThat(signedIn.at("/name").asText()).isEqualTo("窓口確認プランテッド");
        assertThat(signedIn.at("/email").asText()).isEqualTo("counter.doc-on@example.jp");
        // the person has supported already: a second support is refused and the count stays one
        ConsoleSession.Page refused = supports(atProvider, proposal);
        assertThat(refused.status()).isIn(403, 409);
        assertThat(refused.html()).contains("id=\"refusal\"");
        awaitSupports(documents, proposal, 1);

        // the other way round: the provider verified a person first; the counter gives them no second account
        String second = "JP-5581-2209-3346";
        atTheProvider(residents, second, "先に認証プランテッド", "provider-first.doc-on@example.jp");
        assertThat(counterRefusal(second).status(409).html()).contains("1人1アカウント");

        assertNowhere(documents, output, document, "jp 7310 4462 0917", "JP73104462", second);
    }

    @Test
    void withTheSettingOffTheSamePersonHoldsTwoAccountsAndSupportsTwice(CapturedOutput output) throws Exception {
        String document = "JP-2048-6671-1185";
        ResidentSteps residents = new ResidentSteps(subjects);
        String proposal = proposalOf(subjects);
        JsonNode atCounter = export(supportsFromTheCounter(subjects, "counter.doc-off@example.jp", "窓口確認プランテッド二",
                document, proposal));

        ConsoleSession atProvider = atTheProvider(residents, document, "認証側プランテッド二", "provider.doc-off@example.jp");
        JsonNode signedIn = export(atProvider);
        // the provider's subject is a pseudonym of its own: a second verified account of the same person
        assertThat(signedIn.at("/accountId").asText()).isNotEqualTo(atCounter.at("/accountId").asText());
        assertThat(signedIn.at("/verifiedWard").asText()).isEqualTo("saiwai");
        assertThat(signedIn.at("/hasPseudonym").asBoolean()).isTrue();
        supports(atProvider, proposal).status(303);
        awaitSupports(subjects, proposal, 2);

        // and the counter still issues a code for a person the provider verified
        String second = "JP-9902-3318-7754";
        atTheProvider(residents, second, "先に認証プランテッド二", "provider-first.doc-off@example.jp");
        assertThat(residents.counterCode("saiwai", second)).isNotBlank();

        assertNowhere(subjects, output, document, "JP20486671", second);
    }

    private static String proposalOf(RunningApp app) {
        Client staff = app.as("STAFF", "saiwai");
        String proposal = staff.submitProposal();
        // in the read model before a resident's page asks for it (the resident's session wrote nothing to wait for)
        staff.get("/api/proposals/{id}?minVersion=0", proposal).ok();
        return proposal;
    }

    /** A person verified at the counter of saiwai with the document, who supports the proposal; their session. */
    private static ConsoleSession supportsFromTheCounter(RunningApp app, String email, String name, String document,
                                                         String proposal) {
        ConsoleSession resident = new ResidentSteps(app).verified(email, name, "saiwai", document);
        supports(resident, proposal).status(303);
        awaitSupports(app, proposal, 1);
        return resident;
    }

    /**
     * The provider signs in a resident of saiwai with that subject: the browser's round trip from the residents'
     * sign-in to the provider and back, signed in at {@code /resident}; their session.
     */
    private static ConsoleSession atTheProvider(ResidentSteps residents, String subject, String name, String email)
            throws IOException, InterruptedException {
        provider.signsInNext(Map.of("sub", subject, "kyodo_resident_ward", "saiwai", "name", name, "email", email));
        ConsoleSession browser = residents.browser();
        ConsoleSession.Page toProvider = browser.get(START);
        assertThat(toProvider.status()).isEqualTo(302);
        URI callback = provider.backFrom(toProvider.location());
        browser.get(callback.getPath() + "?" + callback.getQuery()).redirectsTo("/resident");
        return browser;
    }

    private static ConsoleSession.Page supports(ConsoleSession resident, String proposal) {
        String page = "/resident/supports/" + proposal;
        resident.get(page).status(200);
        return resident.post(page, Map.of("action", "support"));
    }

    private static void awaitSupports(RunningApp app, String proposal, int count) {
        KyodoTestApp.eventually(() -> assertThat(app.anonymous().get("/public/proposals/{id}", proposal).ok().tree()
                .at("/supports").asInt()).isEqualTo(count));
    }

    private static JsonNode export(ConsoleSession resident) throws IOException {
        return JSON.readTree(resident.get("/resident/account/export").status(200).html());
    }

    /** Staff of saiwai ask for a counter code for the document (with the setting on, refused). */
    private static ConsoleSession.Page counterRefusal(String document) {
        ConsoleSession staff = new ResidentSteps(documents).browser();
        staff.signIn(KyodoTestApp.username("STAFF", "saiwai"), KyodoTestApp.PASSWORD).redirectsTo("/console");
        staff.get("/console/resident-codes").status(200);
        return staff.post("/console/resident-codes", Map.of("documentId", document));
    }

    /** No file under the app's data directory and no log line holds any of the raw identifiers. */
    private static void assertNowhere(RunningApp app, CapturedOutput output, String... identifiers) throws IOException {
        try (Stream<Path> files = Files.walk(app.dataDir())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = text(file);
                for (String identifier : identifiers) {
                    assertThat(text).as("%s", file).doesNotContain(identifier);
                }
            }
        }
        for (String identifier : identifiers) {
            assertThat(output.getAll()).as("the log").doesNotContain(identifier);
        }
    }

    private static String text(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
