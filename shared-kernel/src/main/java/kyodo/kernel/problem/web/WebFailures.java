package kyodo.kernel.problem.web;

import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.ProblemDetails;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ResponseStatusException;

import java.util.Locale;
import java.util.Optional;

/**
 * The failures of WebFlux's own routing that both sides' problem handlers answer alike, written once:
 * a method the path does not take (405), an {@code Accept} no route of the path can answer (406, saying
 * what it offers) and a path that names nothing (404). Each side maps the rest, its own failures, itself.
 */
public final class WebFailures {

    private WebFailures() {
    }

    /**
     * The problem of a routing failure, or empty for any other failure.
     *
     * @param locale the language asked for; the 406's detail is in English for {@code en}, else in Japanese
     */
    public static Optional<ProblemDetails> routing(Throwable e, Locale locale) {
        if (e instanceof MethodNotAllowedException) {
            return Optional.of(ProblemDetails.of(CommonProblems.METHOD_NOT_ALLOWED,
                    "This method is not supported here."));
        }
        if (e instanceof NotAcceptableStatusException notAcceptable) {
            return Optional.of(CommonProblems.notAcceptable(
                    notAcceptable.getSupportedMediaTypes().stream().map(Object::toString).toList(), locale));
        }
        if (e instanceof ResponseStatusException status && status.getStatusCode().value() == 404) {
            return Optional.of(ProblemDetails.of(CommonProblems.NOT_FOUND, "No such resource."));
        }
        return Optional.empty();
    }
}
