package kyodo.command.web;

import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.ProblemDetails;
import kyodo.kernel.problem.web.ProblemAnswers;
import org.springframework.boot.autoconfigure.codec.CodecProperties;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses a declared body over the limit before reading a byte of it (413). Bodies without a
 * length are cut by the JSON codec at the same limit ({@code spring.codec.max-in-memory-size}).
 */
@Component
public class RequestBodyLimitFilter implements WebFilter, Ordered {

    private final long limitBytes;

    @SuppressWarnings("deprecation") // spring.codec.* stays the property operators set (CommandSideDefaults)
    public RequestBodyLimitFilter(CodecProperties codec) {
        this.limitBytes = codec.getMaxInMemorySize().toBytes();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long declared = exchange.getRequest().getHeaders().getContentLength();
        if (declared > limitBytes) {
            return ProblemAnswers.write(exchange, ProblemDetails.of(
                    CommonProblems.PAYLOAD_TOO_LARGE,
                    "The request body is " + declared + " bytes; the limit is " + limitBytes + "."));
        }
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
