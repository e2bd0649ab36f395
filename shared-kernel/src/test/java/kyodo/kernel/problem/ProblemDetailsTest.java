package kyodo.kernel.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class ProblemDetailsTest {

    private static final ProblemType ALREADY_DECIDED = new ProblemType("proposal-already-decided", 409,
            "この提案はすでに決定済みです", "The proposal has already been decided");

    private static final String INSTANCE = "/api/proposals/p-42/decision";

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void theBodyHasTheStandardMembersInOrder() {
        ProblemDetails details = ProblemDetails.of(ALREADY_DECIDED, "提案 p-42 は採択済みです");

        assertThat(details.toBody(Locale.JAPANESE, INSTANCE)).containsExactly(
                entry("type", "/problems/proposal-already-decided"),
                entry("title", "この提案はすでに決定済みです"),
                entry("status", 409),
                entry("detail", "提案 p-42 は採択済みです"),
                entry("instance", INSTANCE));
    }

    @Test
    void theTitleIsJapaneseWhenNoLocaleIsGiven() {
        assertThat(ProblemDetails.of(ALREADY_DECIDED, "d").toBody(null, INSTANCE))
                .containsEntry("title", "この提案はすでに決定済みです");
    }

    @Test
    void theTitleIsJapaneseForAJapaneseReader() {
        assertThat(ProblemDetails.of(ALREADY_DECIDED, "d").toBody(Locale.JAPAN, INSTANCE))
                .containsEntry("title", "この提案はすでに決定済みです");
    }

    @Test
    void theTitleIsEnglishForAnEnglishReader() {
        assertThat(ProblemDetails.of(ALREADY_DECIDED, "d").toBody(Locale.ENGLISH, INSTANCE))
                .containsEntry("title", "The proposal has already been decided");
    }

    @Test
    void theTitleIsEnglishForAnAmericanReader() {
        assertThat(ProblemDetails.of(ALREADY_DECIDED, "d").toBody(Locale.US, INSTANCE))
                .containsEntry("title", "The proposal has already been decided");
    }

    @Test
    void theTitleIsJapaneseForAReaderOfAnotherLanguage() {
        assertThat(ProblemDetails.of(ALREADY_DECIDED, "d").toBody(Locale.FRENCH, INSTANCE))
                .containsEntry("title", "この提案はすでに決定済みです");
    }

    @Test
    void theBodyLeavesOutAMissingDetailAndInstance() {
        assertThat(ProblemDetails.of(CommonProblems.NOT_FOUND, null).toBody(Locale.ENGLISH, null)).containsExactly(
                entry("type", "/problems/not-found"),
                entry("title", "Not found"),
                entry("status", 404));
    }

    @Test
    void theBodyListsFieldErrorsForInvalidInput() {
        List<FieldViolation> errors = List.of(
                new FieldViolation("proposer.name", "must not be blank"),
                new FieldViolation("ward", "unknown ward: nishi"));

        Map<String, Object> body = ProblemDetails.of(CommonProblems.INVALID_INPUT, "2 fields are invalid", errors)
                .toBody(Locale.ENGLISH, "/api/proposals");

        assertThat(body).containsEntry("type", "/problems/invalid-input").containsEntry("status", 400);
        assertThat(body).containsEntry("errors", errors);
    }

    @Test
    void theBodyHasNoErrorsMemberWhenThereAreNoFieldErrors() {
        Map<String, Object> body = ProblemDetails.of(CommonProblems.INVALID_INPUT, "invalid", List.of())
                .toBody(Locale.ENGLISH, "/api/proposals");

        assertThat(body).doesNotContainKey("errors");
    }

    @Test
    void theBodyCarriesTheExtensionMembersAfterTheStandardOnes() {
        ProblemDetails details = new KyodoProblemException(ALREADY_DECIDED, "already adopted", List.of(),
                Map.of("currentStatus", "ADOPTED")).toDetails();

        assertThat(details.toBody(Locale.ENGLISH, INSTANCE)).containsExactly(
                entry("type", "/problems/proposal-already-decided"),
                entry("title", "The proposal has already been decided"),
                entry("status", 409),
                entry("detail", "already adopted"),
                entry("instance", INSTANCE),
                entry("currentStatus", "ADOPTED"));
    }

    @Test
    void anExtensionMemberCannotOverrideAStandardMember() {
        ProblemDetails details = new ProblemDetails("proposal-already-decided", 409, "ja", "en", "detail",
                List.of(), Map.of("status", 200, "type", "about:blank"));

        assertThat(details.toBody(Locale.ENGLISH, null))
                .containsEntry("status", 409)
                .containsEntry("type", "/problems/proposal-already-decided");
    }

    @Test
    void missingErrorsAndPropertiesBecomeEmpty() {
        ProblemDetails details = new ProblemDetails("not-found", 404, "見つかりません", "Not found", null, null, null);

        assertThat(details.errors()).isEmpty();
        assertThat(details.properties()).isEmpty();
    }

    @Test
    void theProblemTypeIsRebuiltFromTheDetails() {
        assertThat(ProblemDetails.of(ALREADY_DECIDED, "d").type()).isEqualTo(ALREADY_DECIDED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Proposal-Decided", "proposal_decided", "proposal decided", "-proposal",
            "proposal-", "proposal--decided", "/problems/proposal", "提案"})
    void aProblemTypeRefusesASlugThatIsNotKebabCase(String slug) {
        assertThatThrownBy(() -> new ProblemType(slug, 409, "ja", "en"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("problem slug must be kebab-case: " + slug);
    }

    @ParameterizedTest
    @ValueSource(strings = {"stale-version", "internal-error", "e404", "read-model-lagging"})
    void aProblemTypeAcceptsAKebabCaseSlug(String slug) {
        assertThat(new ProblemType(slug, 400, "ja", "en").uri()).isEqualTo("/problems/" + slug);
    }

    @Test
    void aProblemTypeRefusesANullSlug() {
        assertThatThrownBy(() -> new ProblemType(null, 400, "ja", "en"))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("slug");
    }

    @Test
    void anExceptionTurnsIntoDetailsWithEverythingItCarries() {
        List<FieldViolation> errors = List.of(new FieldViolation("reason", "must not be blank"));
        KyodoProblemException refusal = new KyodoProblemException(ALREADY_DECIDED, "already adopted", errors,
                Map.of("currentStatus", "ADOPTED"));

        assertThat(refusal.toDetails()).isEqualTo(new ProblemDetails("proposal-already-decided", 409,
                "この提案はすでに決定済みです", "The proposal has already been decided", "already adopted", errors,
                Map.of("currentStatus", "ADOPTED")));
    }

    @Test
    void problemDetailsSurviveATripThroughJson() throws Exception {
        ProblemDetails details = new KyodoProblemException(ALREADY_DECIDED, "提案 p-42 は採択済みです",
                List.of(new FieldViolation("reason", "must not be blank")),
                Map.of("currentStatus", "ADOPTED", "version", 7)).toDetails();

        String json = mapper.writeValueAsString(details);

        assertThat(mapper.readValue(json, ProblemDetails.class)).isEqualTo(details);
    }
}
