package kyodo.ops.security;

import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.ProblemDetails;
import kyodo.kernel.problem.web.ProblemAnswers;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.CorsProcessor;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * CORS for the configured origins, as Spring's own filter does it, except that a refused
 * cross-origin request gets a problem+json answer like every other refusal, not an empty 403.
 */
final class ProblemCorsFilter implements WebFilter {

    private final CorsConfigurationSource source;
    private final CorsProcessor processor = new DefaultCorsProcessor();

    ProblemCorsFilter(CorsConfigurationSource source) {
        this.source = source;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        CorsConfiguration configuration = source.getCorsConfiguration(exchange);
        if (!processor.process(configuration, exchange)) {
            return ProblemAnswers.write(exchange, ProblemDetails.of(CommonProblems.FORBIDDEN,
                    "This origin may not call kyodo from a browser (kyodo.security.cors.allowed-origins)."));
        }
        if (CorsUtils.isPreFlightRequest(exchange.getRequest())) {
            return Mono.empty();
        }
        return chain.filter(exchange);
    }
}
