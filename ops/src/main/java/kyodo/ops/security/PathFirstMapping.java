package kyodo.ops.security;

import org.springframework.boot.autoconfigure.web.reactive.WebFluxRegistrations;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.server.ServerWebExchange;

/**
 * The annotated routes' lookup, comparing a route's path before its other conditions. WebFlux compares
 * every route whose path has a variable ({@code /api/proposals/{id}/decision}) with each request,
 * condition by condition in the order method, parameters, headers, {@code consumes}, {@code produces},
 * path: a command was compared with every other {@code POST} route's {@code consumes} (reading and
 * parsing its {@code Content-Type}) and {@code produces} (its {@code Accept}) before its path ruled
 * the route out (issue 13, the request path). The path is the condition that rules out all but a few
 * routes, and reads no header.
 *
 * <p>Which route is chosen is unchanged: a route matches when all its conditions match, whatever the
 * order they are compared in, and a request no route matches is answered (404, 405, 406, 415) by
 * WebFlux's comparison of all routes, as before.
 */
final class PathFirstMapping extends RequestMappingHandlerMapping {

    /** Puts this lookup in place of Spring Boot's for the annotated controllers. */
    static WebFluxRegistrations registrations() {
        return new WebFluxRegistrations() {
            @Override
            public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
                return new PathFirstMapping();
            }
        };
    }

    @Override
    protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, ServerWebExchange exchange) {
        if (info.getPatternsCondition().getMatchingCondition(exchange) == null) {
            return null;
        }
        return super.getMatchingMapping(info, exchange);
    }
}
