package kyodo.query.web;

import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.FieldViolation;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.kernel.problem.ProblemDetails;
import kyodo.kernel.problem.ProblemLog;
import kyodo.kernel.problem.ProblemRendering;
import kyodo.kernel.problem.web.ProblemAnswers;
import kyodo.kernel.problem.web.WebFailures;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Query-side failures as {@code application/problem+json}: a bad filter is 400, an unknown id
 * 404, a lagging read model 503 with Retry-After; never a stack trace. It only maps a failure to
 * its problem (WebFlux's routing failures through {@link WebFailures}, as the command side's handler):
 * {@link ProblemAnswers#answer} answers it as the command side's handler does, through the
 * {@link ProblemRendering} and the {@link ProblemLog}'s policy, as the security edge does too (ADR 16). In the
 * all-in-one app the command side's handler, which knows these failures too, answers first.
 */
@Component
@Order(-2)
public class QueryProblemHandler implements WebExceptionHandler {

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        return ProblemAnswers.answer(exchange, error, QueryProblemHandler::toProblem);
    }

    static ProblemDetails toProblem(Throwable e) {
        return toProblem(e, null);
    }

    /** The failure's problem; a 406 says what the route offers, in English for {@code en}, else in Japanese. */
    static ProblemDetails toProblem(Throwable e, Locale locale) {
        if (e instanceof KyodoProblemException kyodo) {
            return kyodo.toDetails();
        }
        if (e instanceof ServerWebInputException input) {
            String name = input.getMethodParameter() == null ? "" : input.getMethodParameter().getParameterName();
            return ProblemDetails.of(CommonProblems.INVALID_INPUT, "A query parameter is invalid.",
                    List.of(new FieldViolation(name == null ? "" : name, "wrong type or format")));
        }
        Optional<ProblemDetails> routing = WebFailures.routing(e, locale);
        if (routing.isPresent()) {
            return routing.get();
        }
        if (e instanceof ResponseStatusException status) {
            return switch (status.getStatusCode().value()) {
                case 413 -> ProblemDetails.of(CommonProblems.PAYLOAD_TOO_LARGE, "The request body is too large.");
                case 415 -> ProblemDetails.of(CommonProblems.UNSUPPORTED_MEDIA_TYPE, "Unsupported content type.");
                case 503 -> ProblemDetails.of(CommonProblems.UNAVAILABLE, "Temporarily unavailable; retry shortly.");
                default -> status.getStatusCode().is4xxClientError()
                        ? ProblemDetails.of(CommonProblems.MALFORMED_REQUEST, "The request cannot be served.")
                        : ProblemDetails.of(CommonProblems.INTERNAL, null);
            };
        }
        return ProblemDetails.of(CommonProblems.INTERNAL, null);
    }
}
