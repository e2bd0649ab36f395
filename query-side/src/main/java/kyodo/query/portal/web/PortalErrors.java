package kyodo.query.portal.web;

import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.kernel.problem.ProblemDetails;
import kyodo.kernel.problem.ProblemLog;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;

import java.util.Locale;
import java.util.Map;

/**
 * A failed portal page answers with a page, not JSON: the same problem the JSON API would answer
 * (a bad filter 400 naming each bad parameter, an unknown id 404, anything unexpected 500 without
 * details), with the same status, written for people. Logged as every problem is ({@link ProblemLog}).
 */
@ControllerAdvice(basePackageClasses = PortalErrors.class)
class PortalErrors {

    @ExceptionHandler(KyodoProblemException.class)
    Rendering problem(KyodoProblemException failure, ServerWebExchange exchange) {
        return page(failure.toDetails(), failure, exchange);
    }

    @ExceptionHandler(Exception.class)
    Rendering unexpected(Exception failure, ServerWebExchange exchange) {
        return page(ProblemDetails.of(CommonProblems.INTERNAL, null), failure, exchange);
    }

    private static Rendering page(ProblemDetails problem, Throwable failure, ServerWebExchange exchange) {
        ProblemLog.answered(exchange.getRequest().getMethod().name(), exchange.getRequest().getPath().value(),
                problem, failure);
        Locale locale = exchange.getLocaleContext().getLocale();
        boolean english = locale != null && Locale.ENGLISH.getLanguage().equals(locale.getLanguage());
        String path = exchange.getRequest().getPath().value();
        return PortalView.page(exchange, "error", "error", Map.of(
                // a parameter's label may depend on the list it filters: field.{area}.{name} before field.{name}
                "area", path.length() > 1 ? path.substring(1).split("/", 2)[0] : "home",
                "status", problem.status(),
                "problemTitle", english ? problem.titleEn() : problem.titleJa(),
                "slug", problem.slug(),
                "violations", problem.errors()), HttpStatus.valueOf(problem.status()));
    }
}
