package kyodo.command.web;

import kyodo.kernel.problem.ProblemDetails;
import kyodo.kernel.problem.ProblemRendering;
import kyodo.kernel.problem.RenderedProblem;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Writes a problem on the command side's exchange: the {@link ProblemRendering} decides status,
 * headers and bytes, this only copies them out. Shared by the handler and the filters that answer
 * before a controller.
 */
public final class ProblemWriter {

    private ProblemWriter() {
    }

    public static Mono<Void> write(ServerWebExchange exchange, ProblemDetails problem) {
        RenderedProblem rendered = ProblemRendering.render(problem, exchange.getLocaleContext().getLocale(),
                exchange.getRequest().getPath().value());
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatusCode.valueOf(rendered.status()));
        rendered.headers().forEach(response.getHeaders()::set);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(rendered.json())));
    }
}
