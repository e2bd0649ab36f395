package kyodo.command.web;

import kyodo.kernel.access.Actor;
import org.springframework.core.MethodParameter;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Map;

/**
 * What a command on an existing aggregate is about, as the route gives it ({@link PostToSubject}):
 * the aggregate's id from the path, the version {@code If-Match} names (read by
 * {@code kyodo.command.sending.IfMatch}) and the signed-in actor ({@link ActingStaff}). Resolved
 * after the body, as the three parameters it replaces were, so a request fails in the same order.
 *
 * @param id      the {@code {id}} of the route
 * @param ifMatch the {@code If-Match} header, or null
 * @param actor   who acts
 */
public record CommandSubject(String id, String ifMatch, Actor actor) {

    /** Resolves a {@link CommandSubject} parameter of a command route. */
    static final class Resolver implements HandlerMethodArgumentResolver {

        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return CommandSubject.class.equals(parameter.getParameterType());
        }

        @Override
        public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext context,
                                            ServerWebExchange exchange) {
            Map<String, String> variables = exchange.getAttributeOrDefault(
                    HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, Map.of());
            List<String> values = exchange.getRequest().getHeaders().getOrEmpty("If-Match");
            // several If-Match lines read as one list, as a String header parameter reads them
            String ifMatch = values.isEmpty() ? null : String.join(",", values);
            String id = variables.get("id");
            if (id == null) {
                return Mono.error(new IllegalStateException("a CommandSubject needs a route with an {id}"));
            }
            return ActingStaff.current().map(actor -> new CommandSubject(id, ifMatch, actor));
        }
    }
}
