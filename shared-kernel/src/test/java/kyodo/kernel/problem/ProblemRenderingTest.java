package kyodo.kernel.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class ProblemRenderingTest {

    private static final String INSTANCE = "/api/proposals";

    private static String text(RenderedProblem rendered) {
        return new String(rendered.json(), StandardCharsets.UTF_8);
    }

    @Test
    void invalidInputIsRenderedWithItsFieldErrorsInJapaneseByDefault() {
        RenderedProblem rendered = ProblemRendering.render(ProblemDetails.of(CommonProblems.INVALID_INPUT,
                "The proposal is incomplete.", List.of(new FieldViolation("ward", "required"))), null, INSTANCE);

        assertThat(rendered.status()).isEqualTo(400);
        assertThat(rendered.headers()).containsExactly(
                entry("Content-Type", "application/problem+json"),
                entry("Content-Language", "ja"));
        assertThat(text(rendered)).isEqualTo("{\"type\":\"/problems/invalid-input\",\"title\":\"入力内容に誤りがあります\","
                + "\"status\":400,\"detail\":\"The proposal is incomplete.\",\"instance\":\"/api/proposals\","
                + "\"errors\":[{\"field\":\"ward\",\"message\":\"required\"}]}");
    }

    @Test
    void anEnglishReaderGetsTheEnglishTitleAndContentLanguage() {
        RenderedProblem rendered = ProblemRendering.render(ProblemDetails.of(CommonProblems.NOT_FOUND, "No such resource."),
                Locale.US, "/api/proposals/p-9");

        assertThat(rendered.headers()).containsEntry("Content-Language", "en").doesNotContainKey("Retry-After");
        assertThat(text(rendered)).isEqualTo("{\"type\":\"/problems/not-found\",\"title\":\"Not found\",\"status\":404,"
                + "\"detail\":\"No such resource.\",\"instance\":\"/api/proposals/p-9\"}");
    }

    @Test
    void aReaderOfAnotherLanguageReadsJapanese() {
        RenderedProblem rendered = ProblemRendering.render(ProblemDetails.of(CommonProblems.NOT_FOUND, null),
                Locale.FRENCH, null);

        assertThat(rendered.headers()).containsEntry("Content-Language", "ja");
        assertThat(text(rendered)).isEqualTo("{\"type\":\"/problems/not-found\",\"title\":\"見つかりません\",\"status\":404}");
    }

    @Test
    void anUnavailabilityAsksForARetryInOneSecond() {
        RenderedProblem rendered = ProblemRendering.render(ProblemDetails.of(CommonProblems.READ_MODEL_LAGGING,
                "retry shortly"), Locale.ENGLISH, INSTANCE);

        assertThat(rendered.status()).isEqualTo(503);
        assertThat(rendered.headers()).containsEntry("Retry-After", "1");
    }

    @Test
    void aProblemThatNamesItsWaitGetsThatRetryAfter() {
        RenderedProblem throttled = ProblemRendering.render(ProblemDetails.of(CommonProblems.TOO_MANY_REQUESTS,
                "slow down").retryAfter(42), null, INSTANCE);
        RenderedProblem busy = ProblemRendering.render(ProblemDetails.of(CommonProblems.UNAVAILABLE, "busy")
                .retryAfter(5), null, INSTANCE);

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.headers()).containsEntry("Retry-After", "42");
        assertThat(busy.headers()).containsEntry("Retry-After", "5");
    }

    @Test
    void aWaitIsNeverShorterThanASecond() {
        ProblemDetails problem = ProblemDetails.of(CommonProblems.TOO_MANY_REQUESTS, "slow down");

        assertThatThrownBy(() -> problem.retryAfter(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theWaitIsNoPartOfTheBody() {
        ProblemDetails problem = ProblemDetails.of(CommonProblems.TOO_MANY_REQUESTS, "slow down");

        assertThat(ProblemRendering.render(problem.retryAfter(42), null, INSTANCE).json())
                .isEqualTo(ProblemRendering.render(problem, null, INSTANCE).json());
    }

    @Test
    void theSameProblemIsRenderedToTheSameAnswer() {
        ProblemDetails problem = new KyodoProblemException(CommonProblems.INVALID_INPUT, "invalid",
                List.of(new FieldViolation("a", "b")), Map.of("currentStatus", "ADOPTED")).toDetails();

        assertThat(ProblemRendering.render(problem, Locale.JAPAN, INSTANCE))
                .isEqualTo(ProblemRendering.render(problem, Locale.JAPANESE, INSTANCE))
                .isNotEqualTo(ProblemRendering.render(problem, Locale.ENGLISH, INSTANCE));
    }

    @Test
    void anExtensionMemberThatIsNoJsonValueBecomesAnInternalError() {
        ProblemDetails problem = new ProblemDetails("proposal-already-decided", 409, "ja", "en", "d", List.of(),
                Map.of("thing", new Object()));

        RenderedProblem rendered = ProblemRendering.render(problem, Locale.ENGLISH, INSTANCE);

        assertThat(rendered.status()).isEqualTo(500);
        assertThat(text(rendered)).isEqualTo("{\"type\":\"/problems/internal-error\",\"title\":\"Internal error\","
                + "\"status\":500,\"instance\":\"/api/proposals\"}");
    }

    @Test
    void theRenderedBytesCannotBeChangedFromOutside() {
        RenderedProblem rendered = ProblemRendering.render(ProblemDetails.of(CommonProblems.NOT_FOUND, "x"), null, null);

        rendered.json()[0] = 'X';

        assertThat(text(rendered)).startsWith("{");
    }

    @Test
    void aProblemWithItsWaitSurvivesATripThroughJson() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ProblemDetails problem = ProblemDetails.of(CommonProblems.UNAVAILABLE, "busy").retryAfter(3);

        assertThat(mapper.readValue(mapper.writeValueAsString(problem), ProblemDetails.class)).isEqualTo(problem);
    }

    @Test
    void theLogNamesTheCausesAndWhereTheyWereThrownButNoMessage() {
        IllegalStateException failure = new IllegalStateException("幸 花子 <hanako@example.jp>",
                new IllegalArgumentException("password=s3cret"));

        String causes = ProblemLog.causes(failure);

        assertThat(causes).startsWith("java.lang.IllegalStateException at kyodo.kernel.problem.ProblemRenderingTest.")
                .contains(" <- caused by java.lang.IllegalArgumentException at kyodo.kernel.problem.")
                .doesNotContain("花子", "hanako", "s3cret");
    }

    @Test
    void aClosedConnectionAnywhereInTheChainIsAClientThatWentAway() {
        assertThat(ProblemLog.clientWentAway(new IllegalStateException(new ClosedChannelException()))).isTrue();
        assertThat(ProblemLog.clientWentAway(new IllegalStateException("boom"))).isFalse();
    }
}
