package kyodo.ops.console;

import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.kernel.problem.ProblemDetails;
import kyodo.kernel.problem.ProblemLog;
import kyodo.kernel.problem.ProblemRendering;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.Map;

/**
 * A failed console page answers with a page in the reader's language, never JSON or a stack trace:
 * the problem the API would answer (an unknown proposal 404, a bad ward 400, anything unexpected 500
 * without details), with the same status. Logged as every problem is ({@link ProblemLog}).
 */
@ControllerAdvice(basePackageClasses = ConsoleErrors.class)
class ConsoleErrors {

    @ExceptionHandler(KyodoProblemException.class)
    Mono<Rendering> problem(KyodoProblemException failure, ServerWebExchange exchange) {
        return page(failure.toDetails(), failure, exchange);
    }

    @ExceptionHandler(Exception.class)
    Mono<Rendering> unexpected(Exception failure, ServerWebExchange exchange) {
        return page(ProblemDetails.of(CommonProblems.INTERNAL, null), failure, exchange);
    }

    private static Mono<Rendering> page(ProblemDetails problem, Throwable failure, ServerWebExchange exchange) {
        ProblemLog.answered(exchange.getRequest().getMethod().name(), exchange.getRequest().getPath().value(),
                problem, failure);
        boolean english = ProblemRendering.english(exchange.getLocaleContext().getLocale());
        return ConsoleView.page(exchange, "error", "/console", Map.of(
                "status", problem.status(),
                "problemTitle", english ? problem.titleEn() : problem.titleJa(),
                "violations", problem.errors()), HttpStatus.valueOf(problem.status()));
    }
}
