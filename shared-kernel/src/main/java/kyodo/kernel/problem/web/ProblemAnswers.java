package kyodo.kernel.problem.web;

import kyodo.kernel.problem.ProblemDetails;
import kyodo.kernel.problem.ProblemLog;
import kyodo.kernel.problem.ProblemRendering;
import kyodo.kernel.problem.RenderedProblem;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.Locale;
import java.util.function.BiFunction;

/**
 * Writes a problem on a WebFlux exchange, the one way every HTTP answer of an error is written: both
 * sides' problem handlers (through {@link #answer}), the command side's filters and the security edge in
 * front of both (ADR 16).
 * The {@link ProblemRendering} decides status, headers and bytes; this only copies them out. With
 * {@link WebFailures}, the only kernel code that knows Spring's web types, which is why it has a package
 * of its own.
 */
public final class ProblemAnswers {

    private ProblemAnswers() {
    }

    /**
     * How each side's exception handler answers a failure, which only its own mapping to a problem tells
     * apart: an answer already begun is left alone (the failure goes on), a client that went away gets
     * nothing, anything else its problem, logged by the {@link ProblemLog}'s policy, then written.
     *
     * @param toProblem the side's mapping of a failure to its problem, in the reader's language
     */
    public static Mono<Void> answer(ServerWebExchange exchange, Throwable failure,
                                    BiFunction<Throwable, Locale, ProblemDetails> toProblem) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(failure);
        }
        String method = exchange.getRequest().getMethod().name();
        String path = exchange.getRequest().getPath().value();
        if (ProblemLog.clientWentAway(failure)) {
            ProblemLog.hungUp(method, path);
            return Mono.empty();
        }
        ProblemDetails problem = toProblem.apply(failure, exchange.getLocaleContext().getLocale());
        ProblemLog.answered(method, path, problem, failure);
        return write(exchange, problem);
    }

    /** Answers the exchange with the problem for its reader and path; other headers set before stay. */
    public static Mono<Void> write(ServerWebExchange exchange, ProblemDetails problem) {
        RenderedProblem rendered = ProblemRendering.render(problem, exchange.getLocaleContext().getLocale(),
                exchange.getRequest().getPath().value());
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatusCode.valueOf(rendered.status()));
        rendered.headers().forEach(response.getHeaders()::set);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(rendered.json())));
    }
}
