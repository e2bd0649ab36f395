package kyodo.command.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.ProblemDetails;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Answers 404 to a path that tries to climb or smuggle separators: an encoded slash or backslash,
 * an encoded NUL, or a {@code .} / {@code ..} segment (plain or encoded). No kyodo resource has
 * such a path, and refusing them before any handler keeps them away from code that would choke on
 * them (Spring Boot's health endpoint fails with a 500 on {@code /actuator/health/..%2f}).
 */
@Component
public class HostilePathFilter implements WebFilter, Ordered {

    private static final Pattern DOT_SEGMENT = Pattern.compile("(^|/)(\\.|%2e){1,2}(/|$|;)");

    private final ObjectMapper mapper;

    public HostilePathFilter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (hostile(exchange.getRequest().getPath().value())) {
            return CommandProblemHandler.ProblemWriter.write(exchange,
                    ProblemDetails.of(CommonProblems.NOT_FOUND, "No such resource."), mapper);
        }
        return chain.filter(exchange);
    }

    /** Whether the raw (still encoded) path climbs or smuggles separators. */
    static boolean hostile(String rawPath) {
        String path = rawPath.toLowerCase(Locale.ROOT);
        return path.contains("%2f") || path.contains("%5c") || path.contains("%00") || path.contains("\\")
                || DOT_SEGMENT.matcher(path).find();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 5;
    }
}
