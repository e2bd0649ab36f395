package kyodo.kernel.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The one renderer of error answers for the whole platform (ADR 16): both sides' problem handlers,
 * their filters and the security edge hand it a {@link ProblemDetails} and copy out what it returns,
 * so the same failure gets the same status, headers and bytes wherever it is raised.
 *
 * <p>Titles and {@code Content-Language} are Japanese unless the reader prefers English. A 503 asks
 * for a retry after one second unless the problem names its own wait (unavailability here is brief:
 * a busy decision lock, a read model catching up).
 */
public final class ProblemRendering {

    public static final String CONTENT_TYPE = "application/problem+json";
    /** The wait a 503 asks for when its problem names none. */
    static final long UNAVAILABLE_RETRY_SECONDS = 1;

    /**
     * Its own mapper, set up like Spring Boot's (ISO dates), so the bytes do not depend on which
     * application context, or none, the renderer runs in.
     */
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private ProblemRendering() {
    }

    /**
     * @param locale   the reader's language ({@code Accept-Language}); {@code null} reads Japanese
     * @param instance the request path, or {@code null} when there is no request to name (an
     *                 unreadable request refused before routing)
     */
    public static RenderedProblem render(ProblemDetails problem, Locale locale, String instance) {
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(problem.toBody(locale, instance));
        } catch (JsonProcessingException e) {
            // an extension member that is no JSON value is a defect of ours: answer it as one
            ProblemLog.unwritable(problem, e);
            return render(ProblemDetails.of(CommonProblems.INTERNAL, null), locale, instance);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", CONTENT_TYPE);
        headers.put("Content-Language", english(locale) ? "en" : "ja");
        Long retryAfter = retryAfterSeconds(problem);
        if (retryAfter != null) {
            headers.put("Retry-After", Long.toString(retryAfter));
        }
        return new RenderedProblem(problem.status(), headers, json);
    }

    /**
     * The {@code Retry-After} of the problem's answer, in seconds: the wait it names, else one second for a
     * 503; null for none. Error pages in a browser send the same.
     */
    public static Long retryAfterSeconds(ProblemDetails problem) {
        return problem.retryAfterSeconds() != null ? problem.retryAfterSeconds()
                : problem.status() == 503 ? Long.valueOf(UNAVAILABLE_RETRY_SECONDS) : null;
    }

    /** Whether the reader asked for English; everyone else reads Japanese. */
    public static boolean english(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage());
    }
}
