package kyodo.kernel.problem.web;

import kyodo.kernel.problem.ProblemDetails;
import kyodo.kernel.problem.ProblemRendering;
import kyodo.kernel.problem.RenderedProblem;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Writes a problem on a WebFlux exchange, the one way every HTTP answer of an error is written: both
 * sides' problem handlers, the command side's filters and the security edge in front of both (ADR 16).
 * The {@link ProblemRendering} decides status, headers and bytes; this only copies them out. The only
 * kernel class that knows Spring's web types, which is why it has a package of its own.
 */
public final class ProblemAnswers {

    private ProblemAnswers() {
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
