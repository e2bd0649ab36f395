package kyodo.ops.security;

import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.kernel.problem.ProblemDetails;
import kyodo.kernel.problem.ProblemLog;
import kyodo.kernel.problem.ProblemRendering;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.Map;

/**
 * A failed page of a browser area answers with the area's error page in the reader's language, never
 * JSON or a stack trace: the problem the API would answer, with the same status (and the same
 * {@code Retry-After}, {@link ProblemRendering#retryAfterSeconds}), anything unexpected a 500 without details. Logged as every problem is
 * ({@link ProblemLog}), without personal data. Each area's {@code @ControllerAdvice} says only its
 * error template, its home and its principal.
 */
public abstract class BrowserErrors {

    private final String view;
    private final String home;
    private final Class<?> principal;

    protected BrowserErrors(String view, String home, Class<?> principal) {
        this.view = view;
        this.home = home;
        this.principal = principal;
    }

    @ExceptionHandler(KyodoProblemException.class)
    public Mono<Rendering> problem(KyodoProblemException failure, ServerWebExchange exchange) {
        ProblemDetails problem = failure.toDetails();
        // a limit's own wait (its extension member), else what the API's answer would say (1 s for any 503)
        Object retryAfter = failure.properties().get("retryAfter");
        if (retryAfter == null) {
            retryAfter = ProblemRendering.retryAfterSeconds(problem);
        }
        if (retryAfter != null) {
            exchange.getResponse().getHeaders().set("Retry-After", String.valueOf(retryAfter));
        }
        return page(problem, failure, exchange);
    }

    @ExceptionHandler(Exception.class)
    public Mono<Rendering> unexpected(Exception failure, ServerWebExchange exchange) {
        return page(ProblemDetails.of(CommonProblems.INTERNAL, null), failure, exchange);
    }

    private Mono<Rendering> page(ProblemDetails problem, Throwable failure, ServerWebExchange exchange) {
        ProblemLog.answered(exchange.getRequest().getMethod().name(), exchange.getRequest().getPath().value(),
                problem, failure);
        return BrowserPages.page(exchange, view, home, principal, Map.of(
                "problem", BrowserPages.problem(problem, exchange),
                "violations", problem.errors()), HttpStatus.valueOf(problem.status()));
    }
}
