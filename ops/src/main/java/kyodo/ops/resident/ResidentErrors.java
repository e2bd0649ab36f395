package kyodo.ops.resident;

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

import java.util.HashMap;
import java.util.Map;

/**
 * A failed resident page answers with a page in the reader's language, with the status the API would
 * give (a wrong code 400, too many attempts 429 with {@code Retry-After}, another's proposal 404,
 * anything unexpected 500 without details). Logged as every problem is, without personal data.
 */
@ControllerAdvice(basePackageClasses = ResidentErrors.class)
class ResidentErrors {

    @ExceptionHandler(KyodoProblemException.class)
    Mono<Rendering> problem(KyodoProblemException failure, ServerWebExchange exchange) {
        Object retryAfter = failure.properties().get("retryAfter");
        if (retryAfter != null) {
            exchange.getResponse().getHeaders().set("Retry-After", String.valueOf(retryAfter));
        }
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
        Map<String, Object> model = new HashMap<>();
        model.put("status", problem.status());
        model.put("problemTitle", english ? problem.titleEn() : problem.titleJa());
        model.put("slug", problem.slug());
        return ResidentView.page(exchange, "error", "/resident", model, HttpStatus.valueOf(problem.status()));
    }
}
